"""Every change to early help: starting it (stepped down from the front door or a closing case,
or on request), assessments, plans and their reviews, ending it, and stepping up to children's
social care.

Each function takes the `Actor`, checks the action against the child (`require`), writes in one
transaction with `full_clean()` on every record, and records one typed audit event. Bad input
raises a ValidationError naming the field, and nothing is saved.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.writes import locked, recorded, required, saved
from sightline.cin.models import CINEpisode
from sightline.frontdoor.services import record_contact
from sightline.people.models import Child

from .models import EarlyHelpAssessment, EarlyHelpEpisode, EarlyHelpPlan, EarlyHelpPlanReview

# The CIN referral source for a contact made by early help (DfE code list).
EARLY_HELP_SOURCE = "5D"
Origin = EarlyHelpEpisode.Origin
EndReason = EarlyHelpEpisode.EndReason


@transaction.atomic
def step_down_from_contact(actor: Actor, contact, *, start_date: date) -> EarlyHelpEpisode:
    """Early help started by a front-door decision of "early help" (or a manager's overturn
    to it). Called inside the front door's transaction, so the two stand or fall together."""
    worker = require(actor, Action.RECORD_EARLY_HELP, child=contact.child)
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
    summary = "Stepped down to early help from a front-door decision"
    return recorded(
        actor, episode, EventType.EARLY_HELP_STARTED, summary, detail={"contact": contact.pk}
    )


@transaction.atomic
def end_after_overturn(actor: Actor, contact, *, end_date: date) -> list[int]:
    """A manager overturned an early help decision: close the early help it started."""
    require(actor, Action.RECORD_EARLY_HELP, child=contact.child)
    ended = []
    for episode in EarlyHelpEpisode.objects.select_for_update().filter(
        source_contact=contact, end_date__isnull=True
    ):
        episode.end_date = max(end_date, episode.start_date)
        episode.end_reason = EndReason.DECISION_OVERTURNED
        summary = "Ended early help: the front-door decision was overturned"
        recorded(
            actor, episode, EventType.EARLY_HELP_ENDED, summary, detail={"contact": contact.pk}
        )
        ended.append(episode.pk)
    return ended


@transaction.atomic
def start_early_help(
    actor: Actor,
    child: Child,
    *,
    origin: str,
    start_date: date,
    cin_episode: CINEpisode | None = None,
    lead_organisation: str = "",
    lead_practitioner: str = "",
) -> EarlyHelpEpisode:
    """Early help started from a closing social care case (step-down) or on request.

    A front-door decision starts early help through the decision itself, not here.
    """
    worker = require(actor, Action.RECORD_EARLY_HELP, child=child)
    if origin not in (Origin.CASE_CLOSURE, Origin.REQUEST):
        raise ValidationError({"origin": "Select where the request for early help came from."})
    if cin_episode is not None and cin_episode.child_id != child.pk:
        raise ValidationError({"source_cin_episode": "That case is about a different child."})
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
    summary = (
        "Stepped down to early help as the social care case closed"
        if origin == Origin.CASE_CLOSURE
        else "Started early help on request"
    )
    return recorded(actor, episode, EventType.EARLY_HELP_STARTED, summary)


def _open(episode: EarlyHelpEpisode, field: str = "episode") -> None:
    if episode.end_date is not None:
        raise ValidationError({field: "This early help has ended."})


@transaction.atomic
def record_assessment(
    actor: Actor,
    episode: EarlyHelpEpisode,
    *,
    start_date: date,
    organisation: str,
    completed_date: date | None = None,
    child_views: str = "",
    next_steps: str = "",
) -> EarlyHelpAssessment:
    worker = require(actor, Action.RECORD_EARLY_HELP, child=episode.child)
    _open(episode, "start_date")
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
    summary = "Started an early help assessment" + (" (completed)" if completed_date else "")
    return recorded(actor, assessment, EventType.EARLY_HELP_ASSESSMENT_RECORDED, summary)


@transaction.atomic
def complete_assessment(
    actor: Actor,
    assessment: EarlyHelpAssessment,
    *,
    completed_date: date | None,
    child_views: str,
    next_steps: str,
) -> EarlyHelpAssessment:
    require(actor, Action.RECORD_EARLY_HELP, child=assessment.child)
    assessment = locked(assessment)
    if assessment.completed_date:
        raise ValidationError({"completed_date": "This assessment is already complete."})
    required(completed_date, "completed_date", "Enter the assessment completion date.")
    assessment.completed_date = completed_date
    assessment.child_views = (child_views or "").strip()
    assessment.next_steps = (next_steps or "").strip()
    summary = "Completed the early help assessment"
    return recorded(actor, assessment, EventType.EARLY_HELP_ASSESSMENT_COMPLETED, summary)


@transaction.atomic
def start_plan(actor: Actor, episode: EarlyHelpEpisode, *, start_date: date) -> EarlyHelpPlan:
    require(actor, Action.RECORD_EARLY_HELP, child=episode.child)
    _open(episode, "start_date")
    if episode.plans.filter(end_date__isnull=True).exists():
        raise ValidationError({"start_date": "End the current plan before starting another."})
    plan = EarlyHelpPlan(child=episode.child, episode=episode, start_date=start_date)
    return recorded(actor, plan, EventType.EARLY_HELP_PLAN_STARTED, "Started an early help plan")


@transaction.atomic
def review_plan(
    actor: Actor, plan: EarlyHelpPlan, *, date: date, summary: str
) -> EarlyHelpPlanReview:
    require(actor, Action.RECORD_EARLY_HELP, child=plan.child)
    required(summary, "summary", "Enter what the review found.")
    review = EarlyHelpPlanReview(child=plan.child, plan=plan, date=date, summary=summary.strip())
    return recorded(
        actor, review, EventType.EARLY_HELP_PLAN_REVIEWED, "Reviewed the early help plan"
    )


@transaction.atomic
def end_plan(actor: Actor, plan: EarlyHelpPlan, *, end_date: date | None) -> EarlyHelpPlan:
    require(actor, Action.RECORD_EARLY_HELP, child=plan.child)
    plan = locked(plan)
    if plan.end_date:
        raise ValidationError({"end_date": "This plan has already ended."})
    required(end_date, "end_date", "Enter the plan end date.")
    plan.end_date = end_date
    return recorded(actor, plan, EventType.EARLY_HELP_PLAN_ENDED, "Ended the early help plan")


def _close(episode: EarlyHelpEpisode, end_date: date | None, reason: str) -> None:
    """End the episode and any plan still open within it, on the same day."""
    required(end_date, "end_date", "Enter the early help end date.")
    for plan in episode.plans.filter(end_date__isnull=True):
        plan.end_date = max(end_date, plan.start_date)
        saved(plan)
    episode.end_date, episode.end_reason = end_date, reason
    saved(episode)


@transaction.atomic
def end_early_help(
    actor: Actor, episode: EarlyHelpEpisode, *, end_date: date | None, end_reason: str
) -> EarlyHelpEpisode:
    require(actor, Action.RECORD_EARLY_HELP, child=episode.child)
    if end_reason == EndReason.STEPPED_UP:
        raise ValidationError(
            {
                "end_reason": "To step up, use “Step up to children's social care”, "
                "which makes the contact."
            }
        )
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": "Select the reason early help ended."})
    episode = locked(episode)
    _open(episode, "end_date")
    _close(episode, end_date, end_reason)
    log(
        actor,
        EventType.EARLY_HELP_ENDED,
        f"Ended early help: {episode.get_end_reason_display()}",
        child=episode.child,
        obj=episode,
    )
    return episode


@transaction.atomic
def step_up(
    actor: Actor,
    episode: EarlyHelpEpisode,
    *,
    received_at: datetime,
    reported_by: str,
    summary: str,
    consent: str,
):
    """Concerns have grown: make a contact to the front door from the early help record
    (source 5D, early help) and end the early help, in one transaction. The front door then
    screens and decides as for any contact; early help can start again from that decision."""
    require(actor, Action.RECORD_EARLY_HELP, child=episode.child)
    episode = (
        EarlyHelpEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )
    _open(episode, "summary")
    (contact,) = record_contact(
        actor,
        children=[episode.child],
        received_at=received_at,
        source=EARLY_HELP_SOURCE,
        reported_by=reported_by,
        summary=summary,
        consent=consent,
    )
    episode.stepped_up_contact = contact
    _close(
        episode,
        max(timezone.localtime(received_at).date(), episode.start_date),
        EndReason.STEPPED_UP,
    )
    log(
        actor,
        EventType.STEPPED_UP,
        "Stepped up from early help to children's social care",
        child=episode.child,
        obj=episode,
        detail={"contact": contact.pk},
    )
    return contact
