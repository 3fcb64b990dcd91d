"""Children in need pages: child in need plans (start, end, reviews, visits) and disabled
children's packages of care (record, review the support, reassess the needs), with the list
of packages whose needs reassessment is overdue.

Each view declares its action (`@page`), fetches in scope (missing and forbidden are the same
404) and hands forms to `record_page`, which calls the service with the actor.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.policy import Action, may
from sightline.access.scope import child_for
from sightline.web.dates import long_date
from sightline.web.pages import page, record_form, record_page, viewed

from . import forms, services
from .selectors import open_referral_for, package_for, plan_for, reassessment_overdue
from .timescale_rules import needs_reassessment_items, plan_review_items

FORM = ("GET", "POST")


def _plan_url(plan) -> str:
    return reverse("cin-plan-detail", args=[plan.pk])


def _package_url(package) -> str:
    return reverse("package-detail", args=[package.pk])


def _child_url(child) -> str:
    return reverse("child-record", args=[child.council_id])


def _plan_started(plan) -> list[tuple[str, str]]:
    return [("Plan started", long_date(plan.start_date))]


# -- child in need plans ---------------------------------------------------------------------


@page(
    Action.MANAGE_CIN_PLAN,
    methods=FORM,
    url="referrals/<int:episode_id>/plans/start/",
    name="cin-plan-start",
)
def plan_start(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = open_referral_for(request.user, episode_id)
    in_place = episode.cin_plans.filter(end_date__isnull=True).first()
    if in_place is not None:
        messages.info(request, "This referral already has a child in need plan in place.")
        return redirect(_plan_url(in_place))
    return record_page(
        request,
        form=forms.StartPlanForm,
        save=lambda actor, data: services.start_plan(actor, episode, start_date=data["start_date"]),
        child=episode.child,
        obj=episode,
        title="Start a child in need plan",
        done="Child in need plan started",
        next_url=_plan_url,
        back_url=_child_url(episode.child),
        button="Start the plan",
        summary=[("Referral date", long_date(episode.referral_date))],
    )


@page(Action.VIEW_CHILD_RECORD, url="plans/<int:pk>/", name="cin-plan-detail")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    viewed(request, "Viewed a child in need plan", child=plan.child, obj=plan)
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
            "may_record": may(request.user, Action.RECORD_CIN_WORK),
            "is_manager": may(request.user, Action.MANAGE_CIN_PLAN) and plan.is_open,
            "child_url": _child_url(plan.child),
        },
    )


@page(Action.MANAGE_CIN_PLAN, methods=FORM, url="plans/<int:pk>/end/", name="cin-plan-end")
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    if not plan.is_open:
        messages.info(request, f"This plan ended on {long_date(plan.end_date)}.")
        return redirect(_plan_url(plan))
    return record_form(
        request,
        plan,
        form=forms.EndPlanForm,
        service=services.end_plan,
        returns_to=_plan_url(plan),
        title="End the child in need plan",
        done="Child in need plan ended",
        button="End the plan",
        summary=_plan_started(plan),
    )


@page(
    Action.RECORD_CIN_WORK, methods=FORM, url="plans/<int:pk>/reviews/new/", name="cin-plan-review"
)
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    return record_form(
        request,
        plan,
        form=forms.PlanReviewForm,
        service=services.record_plan_review,
        returns_to=_plan_url(plan),
        title="Record a child in need plan review",
        done="Child in need plan review recorded",
        summary=_plan_started(plan),
    )


@page(Action.RECORD_CIN_WORK, methods=FORM, url="plans/<int:pk>/visits/new/", name="cin-visit")
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    return record_form(
        request,
        plan,
        form=forms.VisitForm,
        service=services.record_visit,
        returns_to=_plan_url(plan),
        title="Record a child in need visit",
        done="Child in need visit recorded",
        summary=_plan_started(plan),
    )


# -- disabled children's packages of care ----------------------------------------------------


@page(
    Action.RECORD_CIN_WORK,
    methods=FORM,
    url="children/<str:council_id>/packages/new/",
    name="package-create",
)
def package_create(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return record_page(
        request,
        form=forms.PackageForm,
        save=lambda actor, data: services.create_package(actor, child, **data),
        child=child,
        obj=child,
        title="Record a disabled children's package of care",
        done="Package of care recorded",
        next_url=_package_url,
        back_url=_child_url(child),
    )


@page(Action.VIEW_CHILD_RECORD, url="packages/<int:pk>/", name="package-detail")
def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    viewed(
        request, "Viewed a disabled children's package of care", child=package.child, obj=package
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
            "may_record": may(request.user, Action.RECORD_CIN_WORK),
            "child_url": _child_url(package.child),
        },
    )


def _package_summary(package) -> list[tuple[str, str]]:
    return [
        ("Package started", long_date(package.start_date)),
        ("Needs reassessment due", long_date(package.needs_reassessment_due)),
    ]


@page(
    Action.RECORD_CIN_WORK,
    methods=FORM,
    url="packages/<int:pk>/reviews/new/",
    name="package-review",
)
def package_review(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    return record_form(
        request,
        package,
        form=forms.SupportReviewForm,
        service=services.record_support_review,
        returns_to=_package_url(package),
        title="Record a review of the support",
        done="Review of the support recorded",
        summary=_package_summary(package),
    )


@page(
    Action.RECORD_CIN_WORK, methods=FORM, url="packages/<int:pk>/reassess/", name="package-reassess"
)
def package_reassess(request: HttpRequest, pk: int) -> HttpResponse:
    package = package_for(request.user, pk)
    return record_form(
        request,
        package,
        form=forms.ReassessmentForm,
        service=services.record_needs_reassessment,
        returns_to=_package_url(package),
        title="Record the child's needs reassessed",
        done="Needs reassessment recorded",
        summary=_package_summary(package),
    )


@page(
    Action.OVERSEE_CIN_PACKAGES,
    url="packages/reassessment-overdue/",
    name="package-reassessment-overdue",
)
def reassessment_overdue_list(request: HttpRequest) -> HttpResponse:
    """Packages in the user's scope whose child's needs reassessment is overdue."""
    today = timezone.localdate()
    packages = list(reassessment_overdue(request.user, today))
    for package in packages:
        package.days_overdue = (today - package.needs_reassessment_due).days
    viewed(
        request,
        f"Viewed packages of care with a needs reassessment overdue: {len(packages)} listed",
        event=EventType.DRILL_DOWN_VIEWED,
        detail={"council_ids": sorted({p.child.council_id for p in packages})},
    )
    return render(request, "cin/reassessment_overdue.html", {"packages": packages, "today": today})
