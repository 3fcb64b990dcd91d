"""Early help pages: the child's early help, and a page for each thing recorded in it.

Thin views: reads through the scoped selectors (a record outside scope is a 404), writes
through the services. Recording is for practitioners and managers; anyone who may see the
child may read it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.audit import Kind, record
from sightline.frontdoor.permissions import has_role
from sightline.people.selectors import child_for
from sightline.timescales.rules import child_timescales
from sightline.web.forms import apply_validation_error
from sightline.web.views import posted

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
from .selectors import assessment_for, episode_for, episodes_for, plan_for


def _may_record(user) -> bool:
    return has_role(user, services.EARLY_HELP_ROLES)


def _allow(allowed: bool) -> None:
    if not allowed:
        raise Http404("Page not found")


def _child_page(child) -> str:
    return reverse("early-help-child", args=[child.council_id])


def _form_page(request, form, *, child, title: str, button: str, intro: str = "", summary=()):
    if request.method == "GET":  # the page shows the child's record: opening it is a read
        record(request.user, Kind.VIEW, f"Opened: {title}", child=child, request=request)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": f"Early help: {child.full_name}",
            "intro": intro,
            "summary": summary,
            "button": button,
            "back_url": _child_page(child),
        },
    )


@require_GET
def child_early_help(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    record(
        request.user,
        Kind.VIEW,
        "Viewed the child's early help",
        child=child,
        obj=child,
        request=request,
    )
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
            "may_record": _may_record(request.user),
            "has_open": any(e.is_open for e in episodes),
        },
    )


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, council_id: str) -> HttpResponse:
    _allow(_may_record(request.user))
    child = child_for(request.user, council_id)
    form = StartEarlyHelpForm(posted(request), episodes=list(child.cin_episodes.all()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_early_help(
                request.user,
                child,
                origin=data["origin"],
                start_date=data["start_date"],
                cin_episode=data["cin_episode"],
                lead_organisation=data["lead_organisation"],
                lead_practitioner=data["lead_practitioner"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Early help started")
            return redirect(_child_page(child))
    return _form_page(
        request,
        form,
        child=child,
        title="Start early help",
        button="Start early help",
        intro="A front-door decision of early help starts it by itself; use this page when a "
        "social care case closes and steps down, or for a request made straight to early help.",
    )


def _episode_page(request, pk: int, form_class, *, title: str, button: str, save, intro=""):
    _allow(_may_record(request.user))
    episode = episode_for(request.user, pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            message = save(episode, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, message)
            return redirect(_child_page(episode.child))
    return _form_page(request, form, child=episode.child, title=title, button=button, intro=intro)


@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    def save(episode, data):
        services.record_assessment(
            request.user,
            episode,
            start_date=data["start_date"],
            organisation=data["organisation"],
            request=request,
        )
        return "Early help assessment started"

    return _episode_page(
        request,
        pk,
        AssessmentForm,
        title="Start an early help assessment",
        button="Save",
        save=save,
    )


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    def save(episode, data):
        services.start_plan(request.user, episode, start_date=data["start_date"], request=request)
        return "Early help plan started"

    return _episode_page(
        request, pk, PlanForm, title="Start an early help plan", button="Start the plan", save=save
    )


@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, pk: int) -> HttpResponse:
    def save(episode, data):
        services.end_early_help(
            request.user,
            episode,
            end_date=data["end_date"],
            end_reason=data["end_reason"],
            request=request,
        )
        return "Early help ended"

    return _episode_page(
        request,
        pk,
        EndEarlyHelpForm,
        title="End early help",
        button="End early help",
        save=save,
        intro="Any plan still open ends on the same day.",
    )


@require_http_methods(["GET", "POST"])
def step_up(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(_may_record(request.user))
    episode = episode_for(request.user, pk)
    form = StepUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = services.step_up(
                request.user,
                episode,
                received_at=data["received_at"],
                reported_by=data["reported_by"],
                summary=data["summary"],
                consent=data["consent"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, "Stepped up: the contact is with the front door, and early help has ended"
            )
            from sightline.access.scope import records_visible_to
            from sightline.frontdoor.models import Contact

            if records_visible_to(request.user, Contact).filter(pk=contact.pk).exists():
                return redirect("frontdoor-screening", pk=contact.pk)
            return redirect(_child_page(episode.child))
    return _form_page(
        request,
        form,
        child=episode.child,
        title="Step up to children's social care",
        button="Make the contact",
        intro="This makes a contact to the front door from early help (source: LA services, "
        "early help) and ends this early help.",
    )


@require_http_methods(["GET", "POST"])
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(_may_record(request.user))
    assessment = assessment_for(request.user, pk)
    form = CompleteAssessmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complete_assessment(
                request.user,
                assessment,
                completed_date=data["completed_date"],
                child_views=data["child_views"],
                next_steps=data["next_steps"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Early help assessment completed")
            return redirect(_child_page(assessment.child))
    return _form_page(
        request,
        form,
        child=assessment.child,
        title="Complete the early help assessment",
        button="Complete the assessment",
        summary=[
            ("Started", f"{assessment.start_date:%d/%m/%Y}"),
            ("Organisation completing it", assessment.organisation),
        ],
    )


def _plan_page(request, pk: int, form_class, *, title: str, button: str, save):
    _allow(_may_record(request.user))
    plan = plan_for(request.user, pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            message = save(plan, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, message)
            return redirect(_child_page(plan.child))
    return _form_page(
        request,
        form,
        child=plan.child,
        title=title,
        button=button,
        summary=[("Plan started", f"{plan.start_date:%d/%m/%Y}")],
    )


@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    def save(plan, data):
        services.review_plan(
            request.user, plan, date=data["date"], summary=data["summary"], request=request
        )
        return "Plan review recorded"

    return _plan_page(
        request,
        pk,
        PlanReviewForm,
        title="Record a plan review",
        button="Save the review",
        save=save,
    )


@require_http_methods(["GET", "POST"])
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    def save(plan, data):
        services.end_plan(request.user, plan, end_date=data["end_date"], request=request)
        return "Early help plan ended"

    return _plan_page(
        request, pk, PlanEndForm, title="End the early help plan", button="End the plan", save=save
    )
