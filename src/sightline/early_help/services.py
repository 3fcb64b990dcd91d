"""Every change to early help: starting it (stepped down from the front door or a closing case,
or on request), assessments, plans and their reviews, ending it, and stepping up to children's
social care. One transaction each, `full_clean()` on every record, one audit event.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.audit import Kind, record
from sightline.cin.models import CINEpisode
from sightline.frontdoor.permissions import RECORDERS, require_role
from sightline.people.models import Child

from .models import EarlyHelpAssessment, EarlyHelpEpisode, EarlyHelpPlan, EarlyHelpPlanReview

# Practitioners and managers record early help (the roles that record front-door work too).
EARLY_HELP_ROLES = RECORDERS
# The CIN referral source for a contact made by early help (DfE code list).
EARLY_HELP_SOURCE = "5D"
Origin = EarlyHelpEpisode.Origin
EndReason = EarlyHelpEpisode.EndReason


def _save(obj) -> None:
    obj.full_clean()
    obj.save()


def step_down_from_contact(user, contact, *, start_date: date, request=None) -> EarlyHelpEpisode:
    """Early help started by a front-door decision of "early help" (or a manager's overturn
    to it). Called inside the front door's transaction, so the two stand or fall together."""
    worker = require_role(user, EARLY_HELP_ROLES, "start early help")
    with transaction.atomic():
        already = contact.child.early_help_episodes.filter(end_date__isnull=True).first()
        if already is not None:
            # The family is already getting early help: it carries on, rather than a second
            # episode that would count the child twice.
            return already
        episode = EarlyHelpEpisode(
            child=contact.child,
            origin=Origin.CONTACT_DECISION,
            source_contact=contact,
            start_date=start_date,
            created_by=worker,
        )
        _save(episode)
        record(
            user,
            Kind.CREATE,
            "Stepped down to early help from a front-door decision",
            child=contact.child,
            obj=episode,
            request=request,
            detail={"contact": contact.pk},
        )
    return episode


def end_after_overturn(user, contact, *, end_date: date, request=None) -> list[int]:
    """A manager overturned an early help decision: close the early help it started."""
    ended = []
    with transaction.atomic():
        for episode in EarlyHelpEpisode.objects.select_for_update().filter(
            source_contact=contact, end_date__isnull=True
        ):
            episode.end_date = max(end_date, episode.start_date)
            episode.end_reason = EndReason.DECISION_OVERTURNED
            _save(episode)
            record(
                user,
                Kind.CHANGE,
                "Ended early help: the front-door decision was overturned",
                child=episode.child,
                obj=episode,
                request=request,
            )
            ended.append(episode.pk)
    return ended


def start_early_help(
    user,
    child: Child,
    *,
    origin: str,
    start_date: date,
    cin_episode: CINEpisode | None = None,
    lead_organisation: str = "",
    lead_practitioner: str = "",
    request=None,
) -> EarlyHelpEpisode:
    """Early help started from a closing social care case (step-down) or on request.

    A front-door decision starts early help through the decision itself, not here.
    """
    worker = require_role(user, EARLY_HELP_ROLES, "start early help")
    if origin not in (Origin.CASE_CLOSURE, Origin.REQUEST):
        raise ValidationError({"origin": "Select where the request for early help came from."})
    if cin_episode is not None and cin_episode.child_id != child.pk:
        raise ValidationError({"source_cin_episode": "That case is about a different child."})
    with transaction.atomic():
        if child.early_help_episodes.filter(end_date__isnull=True).exists():
            raise ValidationError({"origin": "This child already has open early help."})
        episode = EarlyHelpEpisode(
            child=child,
            origin=origin,
            source_cin_episode=cin_episode if origin == Origin.CASE_CLOSURE else None,
            start_date=start_date,
            lead_organisation=lead_organisation.strip(),
            lead_practitioner=lead_practitioner.strip(),
            created_by=worker,
        )
        _save(episode)
        summary = (
            "Stepped down to early help as the social care case closed"
            if origin == Origin.CASE_CLOSURE
            else "Started early help on request"
        )
        record(user, Kind.CREATE, summary, child=child, obj=episode, request=request)
    return episode


def _open(episode: EarlyHelpEpisode, field: str = "episode") -> None:
    if episode.end_date is not None:
        raise ValidationError({field: "This early help has ended."})


def record_assessment(
    user,
    episode: EarlyHelpEpisode,
    *,
    start_date: date,
    organisation: str,
    completed_date: date | None = None,
    child_views: str = "",
    next_steps: str = "",
    request=None,
) -> EarlyHelpAssessment:
    worker = require_role(user, EARLY_HELP_ROLES, "record an early help assessment")
    _open(episode, "start_date")
    with transaction.atomic():
        assessment = EarlyHelpAssessment(
            child=episode.child,
            episode=episode,
            start_date=start_date,
            completed_date=completed_date,
            organisation=organisation.strip(),
            child_views=child_views.strip(),
            next_steps=next_steps.strip(),
            worker=worker,
        )
        _save(assessment)
        record(
            user,
            Kind.CREATE,
            "Started an early help assessment" + (" (completed)" if completed_date else ""),
            child=episode.child,
            obj=assessment,
            request=request,
        )
    return assessment


def complete_assessment(
    user,
    assessment: EarlyHelpAssessment,
    *,
    completed_date: date,
    child_views: str,
    next_steps: str,
    request=None,
) -> EarlyHelpAssessment:
    require_role(user, EARLY_HELP_ROLES, "complete an early help assessment")
    with transaction.atomic():
        assessment = EarlyHelpAssessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.completed_date:
            raise ValidationError({"completed_date": "This assessment is already complete."})
        if completed_date is None:
            raise ValidationError({"completed_date": "Enter the assessment completion date."})
        assessment.completed_date = completed_date
        assessment.child_views = (child_views or "").strip()
        assessment.next_steps = (next_steps or "").strip()
        _save(assessment)
        record(
            user,
            Kind.CHANGE,
            "Completed the early help assessment",
            child=assessment.child,
            obj=assessment,
            request=request,
        )
    return assessment


def start_plan(user, episode: EarlyHelpEpisode, *, start_date: date, request=None) -> EarlyHelpPlan:
    require_role(user, EARLY_HELP_ROLES, "start an early help plan")
    _open(episode, "start_date")
    with transaction.atomic():
        if episode.plans.filter(end_date__isnull=True).exists():
            raise ValidationError({"start_date": "End the current plan before starting another."})
        plan = EarlyHelpPlan(child=episode.child, episode=episode, start_date=start_date)
        _save(plan)
        record(
            user,
            Kind.CREATE,
            "Started an early help plan",
            child=episode.child,
            obj=plan,
            request=request,
        )
    return plan


def review_plan(
    user, plan: EarlyHelpPlan, *, date: date, summary: str, request=None
) -> EarlyHelpPlanReview:
    require_role(user, EARLY_HELP_ROLES, "review an early help plan")
    if not (summary or "").strip():
        raise ValidationError({"summary": "Enter what the review found."})
    with transaction.atomic():
        review = EarlyHelpPlanReview(
            child=plan.child, plan=plan, date=date, summary=summary.strip()
        )
        _save(review)
        record(
            user,
            Kind.CREATE,
            "Reviewed the early help plan",
            child=plan.child,
            obj=review,
            request=request,
        )
    return review


def end_plan(user, plan: EarlyHelpPlan, *, end_date: date, request=None) -> EarlyHelpPlan:
    require_role(user, EARLY_HELP_ROLES, "end an early help plan")
    with transaction.atomic():
        plan = EarlyHelpPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.end_date:
            raise ValidationError({"end_date": "This plan has already ended."})
        if end_date is None:
            raise ValidationError({"end_date": "Enter the plan end date."})
        plan.end_date = end_date
        _save(plan)
        record(
            user,
            Kind.CHANGE,
            "Ended the early help plan",
            child=plan.child,
            obj=plan,
            request=request,
        )
    return plan


def _close(episode: EarlyHelpEpisode, end_date: date, reason: str) -> None:
    """End the episode and any plan still open within it, on the same day."""
    if end_date is None:
        raise ValidationError({"end_date": "Enter the early help end date."})
    for plan in episode.plans.filter(end_date__isnull=True):
        plan.end_date = max(end_date, plan.start_date)
        _save(plan)
    episode.end_date, episode.end_reason = end_date, reason
    _save(episode)


def end_early_help(
    user, episode: EarlyHelpEpisode, *, end_date: date, end_reason: str, request=None
) -> EarlyHelpEpisode:
    require_role(user, EARLY_HELP_ROLES, "end early help")
    if end_reason == EndReason.STEPPED_UP:
        raise ValidationError(
            {
                "end_reason": "To step up, use “Step up to children's social care”, "
                "which makes the contact."
            }
        )
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": "Select the reason early help ended."})
    with transaction.atomic():
        episode = EarlyHelpEpisode.objects.select_for_update().get(pk=episode.pk)
        _open(episode, "end_date")
        _close(episode, end_date, end_reason)
        record(
            user,
            Kind.CHANGE,
            f"Ended early help: {episode.get_end_reason_display()}",
            child=episode.child,
            obj=episode,
            request=request,
        )
    return episode


def step_up(
    user,
    episode: EarlyHelpEpisode,
    *,
    received_at: datetime,
    reported_by: str,
    summary: str,
    consent: str,
    request=None,
):
    """Concerns have grown: make a contact to the front door from the early help record
    (source 5D, early help) and end the early help, in one transaction. The front door then
    screens and decides as for any contact; early help can start again from that decision."""
    from sightline.frontdoor.services import record_contact

    require_role(user, EARLY_HELP_ROLES, "step up to children's social care")
    with transaction.atomic():
        episode = (
            EarlyHelpEpisode.objects.select_for_update(of=("self",))
            .select_related("child")
            .get(pk=episode.pk)
        )
        _open(episode, "summary")
        (contact,) = record_contact(
            user,
            children=[episode.child],
            received_at=received_at,
            source=EARLY_HELP_SOURCE,
            reported_by=reported_by,
            summary=summary,
            consent=consent,
            request=request,
        )
        episode.stepped_up_contact = contact
        _close(
            episode,
            max(timezone.localtime(received_at).date(), episode.start_date),
            EndReason.STEPPED_UP,
        )
        record(
            user,
            Kind.CHANGE,
            "Stepped up from early help to children's social care",
            child=episode.child,
            obj=episode,
            request=request,
            detail={"contact": contact.pk},
        )
    return contact
