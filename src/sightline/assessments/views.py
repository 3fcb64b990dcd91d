"""Assessment pages. Thin: each declares its action (a role that may not gets a 404), fetches
through the scoped selectors (missing and forbidden are the same 404), and hands the form to
the one record page, which calls a service with the Actor. An authorised assessment is
complete: its recording pages send the user back to it with a message."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.cin.selectors import open_referral_for
from sightline.reference.codes import describe
from sightline.web.dates import long_date
from sightline.web.pages import page, record_page, viewed

from . import forms, services
from .models import Assessment
from .selectors import assessment_for, clock_for, open_assessment_on

FORM = ("GET", "POST")


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessment-detail", args=[assessment.pk])


def _child_url(child) -> str:
    return reverse("child-record", args=[child.council_id])


def _no_longer_changed(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Back to the assessment, saying why, when it is already authorised: a recording page
    would only be refused by the service."""
    if not assessment.is_authorised:
        return None
    messages.info(
        request,
        f"This assessment was authorised on {long_date(assessment.authorised_date)}: "
        "it can no longer be changed.",
    )
    return redirect(_detail_url(assessment))


def _on_assessment(assessment: Assessment) -> dict[str, Any]:
    """What every recording page on an assessment shares: whose it is, and where it returns."""
    return {
        "child": assessment.child,
        "obj": assessment,
        "next_url": _detail_url(assessment),
        "back_url": _detail_url(assessment),
    }


@page(
    Action.MANAGE_ASSESSMENT,
    methods=FORM,
    url="referrals/<int:episode_id>/start/",
    name="assessment-start",
)
def start(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = open_referral_for(request.user, episode_id)
    in_progress = open_assessment_on(episode)
    if in_progress is not None:
        messages.info(request, "This referral already has an assessment in progress.")
        return redirect(_detail_url(in_progress))
    return record_page(
        request,
        form=forms.StartAssessmentForm,
        form_kwargs={"user": request.user},
        save=lambda actor, data: services.start_assessment(actor, episode, **data),
        child=episode.child,
        obj=episode,
        title="Start an assessment",
        done=lambda assessment: (
            f"Assessment started and allocated to {assessment.worker.full_name}"
        ),
        next_url=_detail_url,
        back_url=_child_url(episode.child),
        button="Start the assessment",
        summary=[("Referral date", long_date(episode.referral_date))],
    )


@page(Action.VIEW_CHILD_RECORD, url="<int:pk>/", name="assessment-detail")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    viewed(request, "Viewed an assessment", child=assessment.child, obj=assessment)
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
        "may_record": may(request.user, Action.RECORD_ASSESSMENT_WORK)
        and not assessment.is_authorised,
        "is_manager": may(request.user, Action.MANAGE_ASSESSMENT) and not assessment.is_authorised,
        "child_url": _child_url(assessment.child),
    }
    return render(request, "assessments/detail.html", context)


@page(Action.MANAGE_ASSESSMENT, methods=FORM, url="<int:pk>/allocate/", name="assessment-allocate")
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.AllocateForm,
        form_kwargs={"user": request.user, "initial": {"worker": assessment.worker_id}},
        save=lambda actor, data: services.allocate_assessment(actor, assessment, data["worker"]),
        title="Allocate the assessment",
        done="Assessment allocated",
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK,
    methods=FORM,
    url="<int:pk>/child-seen/",
    name="assessment-child-seen",
)
def child_seen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.ChildSeenForm,
        save=lambda actor, data: services.record_child_seen(actor, assessment, **data),
        title="Record a date the child was seen",
        done="Date the child was seen recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK,
    methods=FORM,
    url="<int:pk>/child-views/",
    name="assessment-child-views",
)
def child_views(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.ChildViewsForm,
        form_kwargs={
            "initial": {
                "child_views": assessment.child_views,
                "child_views_date": assessment.child_views_date,
            }
        },
        save=lambda actor, data: services.record_child_views(
            actor, assessment, views=data["child_views"], date=data["child_views_date"]
        ),
        title="Record the child's views",
        done="The child's views recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK,
    methods=FORM,
    url="<int:pk>/analysis/",
    name="assessment-analysis",
)
def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    fields = ("lived_experience", "parents_views", "analysis")
    return record_page(
        request,
        form=forms.AnalysisForm,
        form_kwargs={"initial": {name: getattr(assessment, name) for name in fields}},
        save=lambda actor, data: services.record_analysis(actor, assessment, **data),
        title="Record the analysis",
        done="Analysis recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK,
    methods=FORM,
    url="<int:pk>/lateral-checks/new/",
    name="assessment-lateral-check",
)
def lateral_check(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.LateralCheckForm,
        save=lambda actor, data: services.record_lateral_check(actor, assessment, **data),
        title="Record a check with another agency",
        done="Check with another agency recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK, methods=FORM, url="<int:pk>/factors/", name="assessment-factors"
)
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.FactorsForm,
        form_kwargs={"initial": {"factors": [f.code for f in assessment.factors.all()]}},
        save=lambda actor, data: services.set_factors(actor, assessment, data["factors"]),
        title="Record the factors identified",
        done="Factors recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.MANAGE_ASSESSMENT,
    methods=FORM,
    url="<int:pk>/midpoint-check/",
    name="assessment-midpoint-check",
)
def midpoint_check(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    clock = clock_for(assessment)
    summary = [("Assessment started", long_date(assessment.start_date))]
    if clock.midpoint is not None:
        summary.append(("Midpoint check due", long_date(clock.midpoint.due)))
    summary.append(("Assessment due", long_date(clock.completion.due)))
    return record_page(
        request,
        form=forms.MidpointCheckForm,
        save=lambda actor, data: services.record_midpoint_check(actor, assessment, **data),
        title="Record the manager's midpoint check",
        done="Manager's midpoint check recorded",
        summary=summary,
        **_on_assessment(assessment),
    )


@page(
    Action.RECORD_ASSESSMENT_WORK, methods=FORM, url="<int:pk>/outcome/", name="assessment-outcome"
)
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.OutcomeForm,
        form_kwargs={
            "initial": {
                "outcome": assessment.outcome,
                "outcome_reasons": assessment.outcome_reasons,
                "primary_need": assessment.cin_episode.primary_need,
            }
        },
        save=lambda actor, data: services.record_outcome(
            actor,
            assessment,
            outcome=data["outcome"],
            reasons=data["outcome_reasons"],
            primary_need=data["primary_need"],
        ),
        title="Record the outcome of the assessment",
        done="Outcome recorded",
        **_on_assessment(assessment),
    )


@page(
    Action.MANAGE_ASSESSMENT, methods=FORM, url="<int:pk>/authorise/", name="assessment-authorise"
)
def authorise(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    if refused := _no_longer_changed(request, assessment):
        return refused
    return record_page(
        request,
        form=forms.AuthoriseForm,
        save=lambda actor, data: services.authorise_assessment(
            actor, assessment, date=data["authorised_date"]
        ),
        title="Authorise the assessment",
        done="Assessment authorised",
        button="Authorise the assessment",
        summary=[
            ("Assessment started", long_date(assessment.start_date)),
            ("Outcome", assessment.get_outcome_display() or "Not recorded"),
            ("Times the child was seen", str(assessment.seen.count())),
        ],
        **_on_assessment(assessment),
    )
