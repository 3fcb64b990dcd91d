"""Early help pages: the child's early help, and a page for each thing recorded in it.

Each view declares its action (`@page`): recording is for practitioners and managers, and
anyone who may see the child may read it. Records are fetched in scope (missing and forbidden
are the same 404) and forms go through `record_page`, which calls the service with the actor.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.access.scope import child_for
from sightline.timescales.rules import child_timescales
from sightline.web.pages import page, record_form, record_page, viewed

from . import services
from .forms import (
    AssessmentForm,
    CompleteAssessmentForm,
    EndEarlyHelpForm,
    PlanEndForm,
    PlanForm,
    PlanReviewForm,
    StartEarlyHelpForm,
    StepUpForm,
)
from .selectors import assessment_for, episode_for, episodes_for, may_open_contact, plan_for

FORM = ("GET", "POST")


def _child_page(child) -> str:
    return reverse("early-help-child", args=[child.council_id])


def _caption(child) -> str:
    return f"Early help: {child.full_name}"


def _on_early_help(request: HttpRequest, record, **options) -> HttpResponse:
    """A form on the child's early help (an episode, assessment or plan): under the early help
    caption, and back to the child's early help once saved."""
    child = record.child
    return record_form(
        request, record, returns_to=_child_page(child), caption=_caption(child), **options
    )


@page(Action.VIEW_CHILD_RECORD, url="children/<str:council_id>/", name="early-help-child")
def child_early_help(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    viewed(request, "Viewed the child's early help", child=child, obj=child)
    episodes = list(episodes_for(request.user, child))
    timescales = [
        item
        for item in child_timescales(child, timezone.localdate())
        if item.key.startswith("early_help.")
    ]
    return render(
        request,
        "early_help/child.html",
        {
            "child": child,
            "episodes": episodes,
            "timescales": timescales,
            "may_record": may(request.user, Action.RECORD_EARLY_HELP),
            "has_open": any(e.is_open for e in episodes),
        },
    )


@page(
    Action.RECORD_EARLY_HELP,
    methods=FORM,
    url="children/<str:council_id>/start/",
    name="early-help-start",
)
def start(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return record_page(
        request,
        form=StartEarlyHelpForm,
        form_kwargs={"episodes": list(child.cin_episodes.all())},
        save=lambda actor, data: services.start_early_help(actor, child, **data),
        child=child,
        obj=child,
        title="Start early help",
        done="Early help started",
        next_url=_child_page(child),
        back_url=_child_page(child),
        button="Start early help",
        caption=_caption(child),
        intro="A front-door decision of early help starts it by itself; use this page when a "
        "social care case closes and steps down, or for a request made straight to early help.",
    )


@page(
    Action.RECORD_EARLY_HELP,
    methods=FORM,
    url="<int:pk>/assessments/new/",
    name="early-help-assessment-new",
)
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_early_help(
        request,
        episode_for(request.user, pk),
        form=AssessmentForm,
        service=services.record_assessment,
        title="Start an early help assessment",
        done="Early help assessment started",
    )


@page(Action.RECORD_EARLY_HELP, methods=FORM, url="<int:pk>/plans/new/", name="early-help-plan-new")
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_early_help(
        request,
        episode_for(request.user, pk),
        form=PlanForm,
        service=services.start_plan,
        title="Start an early help plan",
        done="Early help plan started",
        button="Start the plan",
    )


@page(Action.RECORD_EARLY_HELP, methods=FORM, url="<int:pk>/end/", name="early-help-end")
def end(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_early_help(
        request,
        episode_for(request.user, pk),
        form=EndEarlyHelpForm,
        service=services.end_early_help,
        title="End early help",
        done="Early help ended",
        button="End early help",
        intro="Any plan still open ends on the same day.",
    )


@page(Action.RECORD_EARLY_HELP, methods=FORM, url="<int:pk>/step-up/", name="early-help-step-up")
def step_up(request: HttpRequest, pk: int) -> HttpResponse:
    episode = episode_for(request.user, pk)

    def after(contact) -> str:
        # Straight on to screening the contact, for someone who may open it.
        if may_open_contact(request.user, contact):
            return reverse("frontdoor-screening", args=[contact.pk])
        return _child_page(episode.child)

    return record_page(
        request,
        form=StepUpForm,
        save=lambda actor, data: services.step_up(actor, episode, **data),
        child=episode.child,
        obj=episode,
        title="Step up to children's social care",
        done="Stepped up: the contact is with the front door, and early help has ended",
        next_url=after,
        back_url=_child_page(episode.child),
        button="Make the contact",
        caption=_caption(episode.child),
        intro="This makes a contact to the front door from early help (source: LA services, "
        "early help) and ends this early help.",
    )


@page(
    Action.RECORD_EARLY_HELP,
    methods=FORM,
    url="assessments/<int:pk>/complete/",
    name="early-help-assessment-complete",
)
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for(request.user, pk)
    return _on_early_help(
        request,
        assessment,
        form=CompleteAssessmentForm,
        service=services.complete_assessment,
        title="Complete the early help assessment",
        done="Early help assessment completed",
        button="Complete the assessment",
        summary=[
            ("Started", f"{assessment.start_date:%d/%m/%Y}"),
            ("Organisation completing it", assessment.organisation),
        ],
    )


def _plan_started(plan) -> list[tuple[str, str]]:
    return [("Plan started", f"{plan.start_date:%d/%m/%Y}")]


@page(
    Action.RECORD_EARLY_HELP,
    methods=FORM,
    url="plans/<int:pk>/review/",
    name="early-help-plan-review",
)
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    return _on_early_help(
        request,
        plan,
        form=PlanReviewForm,
        service=services.review_plan,
        title="Record a plan review",
        done="Plan review recorded",
        button="Save the review",
        summary=_plan_started(plan),
    )


@page(Action.RECORD_EARLY_HELP, methods=FORM, url="plans/<int:pk>/end/", name="early-help-plan-end")
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request.user, pk)
    return _on_early_help(
        request,
        plan,
        form=PlanEndForm,
        service=services.end_plan,
        title="End the early help plan",
        done="Early help plan ended",
        button="End the plan",
        summary=_plan_started(plan),
    )
