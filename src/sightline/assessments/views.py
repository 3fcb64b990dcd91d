"""Assessment pages. Thin: fetch through the scoped selectors (missing and forbidden are the
same 404), refuse roles that may not act (403), hand the form's values to a service, and write
a view event whenever a page shows the child's record."""

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
from sightline.reference.codes import describe
from sightline.web.dates import long_date
from sightline.web.forms import apply_validation_error
from sightline.web.views import posted

from . import forms, services
from .models import Assessment
from .selectors import (
    assessment_for,
    clock_for,
    is_manager,
    may_record,
    open_assessment_on,
    open_referral_for,
)


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessment-detail", args=[assessment.pk])


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role may not do this.")


def _form_page(
    request: HttpRequest,
    assessment: Assessment,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    heading: str,
    done: str,
    button: str = "Save",
    summary: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """The one shape every recording page has: show, validate, save through a service."""
    if assessment.is_authorised:
        messages.info(
            request,
            f"This assessment was authorised on {long_date(assessment.authorised_date)}: "
            "it can no longer be changed.",
        )
        return redirect(_detail_url(assessment))
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(_detail_url(assessment))
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            f"Opened '{heading}' for an assessment",
            child=assessment.child,
            obj=assessment,
            request=request,
        )
    return render(
        request,
        "assessments/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "child": assessment.child,
            "summary": summary or [],
            "back_url": _detail_url(assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = open_referral_for(request.user, episode_id)
    _require(is_manager(request.user))
    in_progress = open_assessment_on(episode)
    if in_progress is not None:
        messages.info(request, "This referral already has an assessment in progress.")
        return redirect(_detail_url(in_progress))
    data = posted(request)
    form = forms.StartAssessmentForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                request.user,
                episode,
                start_date=form.cleaned_data["start_date"],
                worker=form.cleaned_data["worker"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"Assessment started and allocated to {assessment.worker.full_name}"
            )
            return redirect(_detail_url(assessment))
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            "Opened 'Start an assessment'",
            child=episode.child,
            obj=episode,
            request=request,
        )
    return render(
        request,
        "assessments/form.html",
        {
            "form": form,
            "heading": "Start an assessment",
            "button": "Start the assessment",
            "child": episode.child,
            "summary": [("Referral date", long_date(episode.referral_date))],
            "back_url": reverse("child-record", args=[episode.child.council_id]),
        },
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    record(
        request.user,
        Kind.VIEW,
        "Viewed an assessment",
        child=assessment.child,
        obj=assessment,
        request=request,
    )
    episode = assessment.cin_episode
    context = {
        "assessment": assessment,
        "child": assessment.child,
        "episode": episode,
        "clock": clock_for(assessment, timezone.localdate()),
        "seen": assessment.seen.select_related("worker"),
        "lateral_checks": assessment.lateral_checks.all(),
        "factors": [describe("CIN_assessment_factor", f.code) for f in assessment.factors.all()],
        "midpoint_checks": assessment.midpoint_checks.select_related("manager"),
        "primary_need": describe("CIN_primary_need", episode.primary_need),
        "closure_reason": describe("CIN_reason_for_closure", episode.closure_reason),
        "cin_plan": episode.cin_plans.filter(start_date=assessment.authorised_date).first()
        if assessment.outcome == Assessment.Outcome.CIN_PLAN and assessment.is_authorised
        else None,
        "may_record": may_record(request.user) and not assessment.is_authorised,
        "is_manager": is_manager(request.user) and not assessment.is_authorised,
        "child_url": reverse("child-record", args=[assessment.child.council_id]),
    }
    return render(request, "assessments/detail.html", context)


@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(is_manager(request.user))
    form = forms.AllocateForm(
        posted(request),
        user=request.user,
        initial={"worker": assessment.worker_id},
    )
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.allocate_assessment(
            request.user, assessment, data["worker"], request=request
        ),
        heading="Allocate the assessment",
        done="Assessment allocated",
    )


@require_http_methods(["GET", "POST"])
def child_seen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(may_record(request.user))
    form = forms.ChildSeenForm(posted(request))
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.record_child_seen(
            request.user,
            assessment,
            date=data["date"],
            seen_alone=data["seen_alone"],
            request=request,
        ),
        heading="Record a date the child was seen",
        done="Date the child was seen recorded",
    )


@require_http_methods(["GET", "POST"])
def child_views(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(may_record(request.user))
    form = forms.ChildViewsForm(
        posted(request),
        initial={
            "child_views": assessment.child_views,
            "child_views_date": assessment.child_views_date,
        },
    )
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.record_child_views(
            request.user,
            assessment,
            views=data["child_views"],
            date=data["child_views_date"],
            request=request,
        ),
        heading="Record the child's views",
        done="The child's views recorded",
    )


@require_http_methods(["GET", "POST"])
def lateral_check(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(may_record(request.user))
    form = forms.LateralCheckForm(posted(request))
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.record_lateral_check(
            request.user,
            assessment,
            agency=data["agency"],
            date=data["date"],
            learned=data["learned"],
            request=request,
        ),
        heading="Record a check with another agency",
        done="Check with another agency recorded",
    )


@require_http_methods(["GET", "POST"])
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(may_record(request.user))
    form = forms.FactorsForm(
        posted(request),
        initial={"factors": [f.code for f in assessment.factors.all()]},
    )
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.set_factors(
            request.user, assessment, data["factors"], request=request
        ),
        heading="Record the factors identified",
        done="Factors recorded",
    )


@require_http_methods(["GET", "POST"])
def midpoint_check(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(is_manager(request.user))
    form = forms.MidpointCheckForm(posted(request))
    clock = clock_for(assessment)
    summary = [("Assessment started", long_date(assessment.start_date))]
    if clock.midpoint is not None:
        summary.append(("Midpoint check due", long_date(clock.midpoint.due)))
    summary.append(("Assessment due", long_date(clock.completion.due)))
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.record_midpoint_check(
            request.user,
            assessment,
            date=data["date"],
            on_track=data["on_track"],
            direction=data["direction"],
            request=request,
        ),
        heading="Record the manager's midpoint check",
        done="Manager's midpoint check recorded",
        summary=summary,
    )


@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(may_record(request.user))
    form = forms.OutcomeForm(
        posted(request),
        initial={
            "outcome": assessment.outcome,
            "outcome_reasons": assessment.outcome_reasons,
            "primary_need": assessment.cin_episode.primary_need,
        },
    )
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.record_outcome(
            request.user,
            assessment,
            outcome=data["outcome"],
            reasons=data["outcome_reasons"],
            primary_need=data["primary_need"],
            request=request,
        ),
        heading="Record the outcome of the assessment",
        done="Outcome recorded",
    )


@require_http_methods(["GET", "POST"])
def authorise(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    _require(is_manager(request.user))
    form = forms.AuthoriseForm(posted(request))
    summary = [
        ("Assessment started", long_date(assessment.start_date)),
        ("Outcome", assessment.get_outcome_display() or "Not recorded"),
        ("Times the child was seen", str(assessment.seen.count())),
    ]
    return _form_page(
        request,
        assessment,
        form,
        lambda data: services.authorise_assessment(
            request.user, assessment, date=data["authorised_date"], request=request
        ),
        heading="Authorise the assessment",
        done="Assessment authorised",
        button="Authorise the assessment",
        summary=summary,
    )
