"""Children in need pages: child in need plans (start, end, reviews, visits) and disabled
children's packages of care (record, review the support, reassess the needs), with the list
of packages whose needs reassessment is overdue.

Thin: fetch through the scoped selectors (missing and forbidden are the same 404), refuse roles
that may not act (403), hand the form's values to a service, and write an audit event whenever
a page shows a child's record.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.audit import Kind, record
from sightline.people.models import Child
from sightline.people.selectors import child_for
from sightline.web.dates import long_date
from sightline.web.forms import apply_validation_error
from sightline.web.views import posted

from . import forms, services
from .selectors import (
    is_manager,
    may_oversee,
    may_record,
    open_referral_for,
    package_for,
    plan_for,
    reassessment_overdue,
)
from .timescale_rules import needs_reassessment_items, plan_review_items


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role may not do this.")


def _form_page(
    request: HttpRequest,
    child: Child,
    obj,
    form: BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    heading: str,
    done: str,
    back_url: str,
    next_url: Callable[[Any], str] | None = None,
    button: str = "Save",
    summary: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """The one shape every recording page has: show, validate, save through a service."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(next_url(saved) if next_url else back_url)
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            f"Opened '{heading}'",
            child=child,
            obj=obj,
            request=request,
        )
    return render(
        request,
        "cin/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "child": child,
            "summary": summary or [],
            "back_url": back_url,
        },
    )


def _plan_url(plan) -> str:
    return reverse("cin-plan-detail", args=[plan.pk])


def _package_url(package) -> str:
    return reverse("package-detail", args=[package.pk])


# -- child in need plans ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_start(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = open_referral_for(request.user, episode_id)
    _require(is_manager(request.user))
    in_place = episode.cin_plans.filter(end_date__isnull=True).first()
    if in_place is not None:
        messages.info(request, "This referral already has a child in need plan in place.")
        return redirect(_plan_url(in_place))
    return _form_page(
        request,
        episode.child,
        episode,
        forms.StartPlanForm(posted(request)),
        lambda data: services.start_plan(
            request.user, episode, start_date=data["start_date"], request=request
        ),
        heading="Start a child in need plan",
        done="Child in need plan started",
        back_url=reverse("child-record", args=[episode.child.council_id]),
        next_url=_plan_url,
        button="Start the plan",
        summary=[("Referral date", long_date(episode.referral_date))],
    )


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    record(
        request.user,
        Kind.VIEW,
        "Viewed a child in need plan",
        child=plan.child,
        obj=plan,
        request=request,
    )
    today = timezone.localdate()
    return render(
        request,
        "cin/plan_detail.html",
        {
            "plan": plan,
            "child": plan.child,
            "reviews_due": plan_review_items(plan, today),
            "reviews": plan.reviews.select_related("worker"),
            "visits": plan.visits.select_related("worker"),
            "may_record": may_record(request.user),
            "is_manager": is_manager(request.user) and plan.is_open,
            "child_url": reverse("child-record", args=[plan.child.council_id]),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    _require(is_manager(request.user))
    if not plan.is_open:
        messages.info(request, f"This plan ended on {long_date(plan.end_date)}.")
        return redirect(_plan_url(plan))
    return _form_page(
        request,
        plan.child,
        plan,
        forms.EndPlanForm(posted(request)),
        lambda data: services.end_plan(
            request.user, plan, end_date=data["end_date"], request=request
        ),
        heading="End the child in need plan",
        done="Child in need plan ended",
        back_url=_plan_url(plan),
        button="End the plan",
        summary=[("Plan started", long_date(plan.start_date))],
    )


@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    _require(may_record(request.user))
    return _form_page(
        request,
        plan.child,
        plan,
        forms.PlanReviewForm(posted(request)),
        lambda data: services.record_plan_review(
            request.user, plan, date=data["date"], summary=data["summary"], request=request
        ),
        heading="Record a child in need plan review",
        done="Child in need plan review recorded",
        back_url=_plan_url(plan),
        summary=[("Plan started", long_date(plan.start_date))],
    )


@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    _require(may_record(request.user))
    return _form_page(
        request,
        plan.child,
        plan,
        forms.VisitForm(posted(request)),
        lambda data: services.record_visit(
            request.user,
            plan,
            visit_date=data["visit_date"],
            seen=data["seen"],
            seen_alone=data["seen_alone"],
            request=request,
        ),
        heading="Record a child in need visit",
        done="Child in need visit recorded",
        back_url=_plan_url(plan),
        summary=[("Plan started", long_date(plan.start_date))],
    )


# -- disabled children's packages of care ----------------------------------------------------


@require_http_methods(["GET", "POST"])
def package_create(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    _require(may_record(request.user))
    return _form_page(
        request,
        child,
        child,
        forms.PackageForm(posted(request)),
        lambda data: services.create_package(
            request.user,
            child,
            start_date=data["start_date"],
            support=data["support"],
            needs_reassessment_due=data["needs_reassessment_due"],
            end_date=data["end_date"],
            request=request,
        ),
        heading="Record a disabled children's package of care",
        done="Package of care recorded",
        back_url=reverse("child-record", args=[child.council_id]),
        next_url=_package_url,
    )


@require_GET
def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    record(
        request.user,
        Kind.VIEW,
        "Viewed a disabled children's package of care",
        child=package.child,
        obj=package,
        request=request,
    )
    today = timezone.localdate()
    return render(
        request,
        "cin/package_detail.html",
        {
            "package": package,
            "child": package.child,
            "reassessment_items": needs_reassessment_items(package, today),
            "support_reviews": package.support_reviews.select_related("worker"),
            "may_record": may_record(request.user),
            "child_url": reverse("child-record", args=[package.child.council_id]),
        },
    )


@require_http_methods(["GET", "POST"])
def package_review(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    _require(may_record(request.user))
    return _form_page(
        request,
        package.child,
        package,
        forms.SupportReviewForm(posted(request)),
        lambda data: services.record_support_review(
            request.user, package, date=data["date"], notes=data["notes"], request=request
        ),
        heading="Record a review of the support",
        done="Review of the support recorded",
        back_url=_package_url(package),
        summary=[
            ("Package started", long_date(package.start_date)),
            ("Needs reassessment due", long_date(package.needs_reassessment_due)),
        ],
    )


@require_http_methods(["GET", "POST"])
def package_reassess(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    _require(may_record(request.user))
    return _form_page(
        request,
        package.child,
        package,
        forms.ReassessmentForm(posted(request)),
        lambda data: services.record_needs_reassessment(
            request.user, package, date=data["date"], next_due=data["next_due"], request=request
        ),
        heading="Record the child's needs reassessed",
        done="Needs reassessment recorded",
        back_url=_package_url(package),
        summary=[
            ("Package started", long_date(package.start_date)),
            ("Needs reassessment due", long_date(package.needs_reassessment_due)),
        ],
    )


@require_GET
def reassessment_overdue_list(request: HttpRequest) -> HttpResponse:
    """Packages in the user's scope whose child's needs reassessment is overdue."""
    _require(may_oversee(request.user))
    today = timezone.localdate()
    packages = list(reassessment_overdue(request.user, today))
    for package in packages:
        package.days_overdue = (today - package.needs_reassessment_due).days
    record(
        request.user,
        Kind.DRILL_DOWN,
        f"Viewed packages of care with a needs reassessment overdue: {len(packages)} listed",
        request=request,
        detail={"council_ids": sorted({p.child.council_id for p in packages})},
    )
    return render(
        request,
        "cin/reassessment_overdue.html",
        {"packages": packages, "today": today},
    )
