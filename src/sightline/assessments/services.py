"""Every change to an assessment. Each function takes the `Actor` doing it, is one
transaction, validates every record it writes with `full_clean()`, and writes one typed audit
event; bad input raises a ValidationError naming the field and nothing is saved.

Each function checks the access policy with the child's scope (`require`), so no caller can
skip it: practitioners record the work (RECORD_ASSESSMENT_WORK); only managers start, allocate,
record the midpoint check and authorise (MANAGE_ASSESSMENT). Once authorised, an assessment is
complete and is not changed again.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.actor import Actor, as_actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.writes import locked, recorded, required, saved
from sightline.cin.models import CINEpisode, CINPlan
from sightline.people.models import Allocation, Child, Worker
from sightline.reference.codes import code_list, describe
from sightline.web.dates import long_date

from .models import (
    Assessment,
    AssessmentChildSeen,
    AssessmentFactor,
    LateralCheck,
    MidpointCheck,
)
from .selectors import active_social_workers, allocatable_workers

NO_FACTORS = "21"  # "No factors identified": only on its own
# Outcomes where the child goes on to receive a service, so the census needs a primary need.
NEEDS_PRIMARY_NEED = frozenset(
    {
        Assessment.Outcome.CIN_PLAN,
        Assessment.Outcome.STRATEGY_DISCUSSION,
        Assessment.Outcome.CARE,
    }
)


def _still_open(assessment: Assessment) -> Assessment:
    """The assessment as it is now in the database, locked for this transaction, provided it
    is not yet authorised: two managers acting at once cannot both change it, and a page
    opened before the authorisation cannot change it afterwards."""
    current = locked(assessment)
    if current.is_authorised:
        raise ValidationError(
            f"This assessment was authorised on {long_date(current.authorised_date)}: "
            "it can no longer be changed."
        )
    return current


def _allocate(child: Child, worker: Worker, on: date) -> Allocation | None:
    """Make `worker` the child's allocated social worker from `on` (None if they already are).

    Any other current social worker allocation ends the day before, so the child has one
    allocated social worker at a time and the previous worker's access ends with it.
    """
    current = list(
        child.allocations.filter(kind=Allocation.Kind.SOCIAL_WORKER, start_date__lte=on).exclude(
            end_date__lt=on
        )
    )
    if any(a.worker_id == worker.pk for a in current):
        return None
    for previous in current:
        previous.end_date = max(previous.start_date, on - timedelta(days=1))
        previous.full_clean()
        previous.save(update_fields=["end_date"])
    allocation = Allocation(
        child=child,
        worker=worker,
        team=worker.team,
        kind=Allocation.Kind.SOCIAL_WORKER,
        start_date=on,
    )
    saved(allocation)
    return allocation


def _check_allocatable(actor: Actor, worker: Worker | None) -> Worker:
    """A manager allocates within their service; a system actor (an import) to any active
    social worker."""
    actor = as_actor(actor)
    choices = active_social_workers() if actor.is_system else allocatable_workers(actor.user)
    if worker is None or not choices.filter(pk=worker.pk).exists():
        raise ValidationError({"worker": "Choose a social worker in your service."})
    return worker


def _refuse_closure_after_activity(episode: CINEpisode, field: str | None) -> None:
    """A referral closed "after assessment" (RC8, RC9) must have had no child in need plan,
    section 47 enquiry, conference or child protection plan: the CIN census refuses one that
    did (DfE rule 2990), and closing it that way would misstate what happened."""
    found = [
        name
        for name, related in (
            ("a child in need plan", episode.cin_plans),
            ("a section 47 enquiry", episode.s47_enquiries),
            ("an initial child protection conference", episode.icpcs),
            ("a child protection plan", episode.cp_plans),
        )
        if related.exists()
    ]
    if found:
        message = (
            f"This referral has had {' and '.join(found)}, so it cannot close after assessment "
            "with no further action (RC8) or a referral to early help (RC9)."
        )
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def start_assessment(
    actor: Actor,
    episode: CINEpisode,
    *,
    start_date: date | None,
    worker: Worker | None,
) -> Assessment:
    """Start an assessment on an open referral and allocate it (and the child) to a worker."""
    require(actor, Action.MANAGE_ASSESSMENT, child=episode.child)
    if episode.closure_date is not None or episode.referral_nfa:
        raise ValidationError("This referral is closed: an assessment cannot be started on it.")
    if episode.assessments.filter(authorised_date__isnull=True).exists():
        raise ValidationError("This referral already has an assessment in progress.")
    required(start_date, "start_date", "Enter the assessment start date.")
    worker = _check_allocatable(actor, worker)
    assessment = Assessment(
        child=episode.child, cin_episode=episode, start_date=start_date, worker=worker
    )
    saved(assessment)
    allocation = _allocate(episode.child, worker, timezone.localdate())
    log(
        actor,
        EventType.ASSESSMENT_STARTED,
        f"Started an assessment on the referral of {long_date(episode.referral_date)}, "
        f"allocated to {worker.full_name}",
        child=episode.child,
        obj=assessment,
        detail={"worker": worker.staff_id, "allocation": allocation.pk if allocation else None},
    )
    return assessment


@transaction.atomic
def allocate_assessment(actor: Actor, assessment: Assessment, worker: Worker | None) -> Assessment:
    """Give the assessment (and the child's allocation) to another social worker."""
    require(actor, Action.MANAGE_ASSESSMENT, child=assessment.child)
    assessment = _still_open(assessment)
    worker = _check_allocatable(actor, worker)
    assessment.worker = worker
    assessment.full_clean()
    assessment.save(update_fields=["worker"])
    allocation = _allocate(assessment.child, worker, timezone.localdate())
    log(
        actor,
        EventType.ASSESSMENT_ALLOCATED,
        f"Allocated the assessment to {worker.full_name}",
        child=assessment.child,
        obj=assessment,
        detail={"worker": worker.staff_id, "allocation": allocation.pk if allocation else None},
    )
    return assessment


@transaction.atomic
def record_child_seen(
    actor: Actor,
    assessment: Assessment,
    *,
    date: date | None,
    seen_alone: bool | None,
) -> AssessmentChildSeen:
    worker = require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    required(date, "date", "Enter the date the child was seen.")
    required(seen_alone, "seen_alone", "Select yes if the child was seen alone.")
    seen = AssessmentChildSeen(
        assessment=assessment,
        child=assessment.child,
        date=date,
        seen_alone=seen_alone,
        worker=worker,
    )
    summary = f"Recorded the child seen{' alone' if seen_alone else ''} on {long_date(date)}"
    return recorded(actor, seen, EventType.CHILD_SEEN_RECORDED, summary)


@transaction.atomic
def record_child_views(
    actor: Actor,
    assessment: Assessment,
    *,
    views: str,
    date: date | None,
) -> Assessment:
    require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    required(views, "child_views", "Enter the child's views.")
    required(date, "child_views_date", "Enter the date the views were recorded.")
    assessment.child_views = views.strip()
    assessment.child_views_date = date
    assessment.full_clean()
    assessment.save(update_fields=["child_views", "child_views_date"])
    log(
        actor,
        EventType.CHILD_VIEWS_RECORDED,
        "Recorded the child's views on the assessment",
        child=assessment.child,
        obj=assessment,
    )
    return assessment


@transaction.atomic
def record_analysis(
    actor: Actor,
    assessment: Assessment,
    *,
    analysis: str,
    lived_experience: str = "",
    parents_views: str = "",
) -> Assessment:
    """The analysis, with the child's lived experience and the parents' views it weighs:
    what makes an assessment more than the facts it gathered."""
    require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    required(analysis, "analysis", "Enter your analysis.")
    assessment.analysis = analysis.strip()
    assessment.lived_experience = (lived_experience or "").strip()
    assessment.parents_views = (parents_views or "").strip()
    assessment.full_clean()
    assessment.save(update_fields=["analysis", "lived_experience", "parents_views"])
    log(
        actor,
        EventType.ANALYSIS_RECORDED,
        "Recorded the analysis of the assessment",
        child=assessment.child,
        obj=assessment,
    )
    return assessment


@transaction.atomic
def record_lateral_check(
    actor: Actor,
    assessment: Assessment,
    *,
    agency: str,
    date: date | None,
    learned: str,
) -> LateralCheck:
    worker = require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    required(date, "date", "Enter the date of the check.")
    check = LateralCheck(
        assessment=assessment,
        child=assessment.child,
        agency=agency.strip(),
        date=date,
        learned=learned.strip(),
        worker=worker,
    )
    summary = f"Recorded a check with {check.agency} on {long_date(date)}"
    return recorded(actor, check, EventType.LATERAL_CHECK_RECORDED, summary)


@transaction.atomic
def set_factors(actor: Actor, assessment: Assessment, codes: Iterable[str]) -> list[str]:
    """Replace the assessment's factors with `codes` (CIN census assessment factor codes)."""
    require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    known = list(code_list("CIN_assessment_factor"))
    unknown = sorted(set(codes) - set(known))
    if unknown:
        listed = ", ".join(unknown)
        raise ValidationError(
            {"factors": f"Factors must come from the CIN assessment factor list: {listed} is not."}
        )
    codes = sorted(set(codes), key=known.index)
    if not codes:
        raise ValidationError(
            {"factors": "Select the factors identified, or 21 if no factors were identified."}
        )
    if NO_FACTORS in codes and len(codes) > 1:
        raise ValidationError(
            {"factors": "Factor 21 (no factors identified) cannot be selected with other factors."}
        )
    assessment.factors.all().delete()
    for code in codes:
        saved(AssessmentFactor(assessment=assessment, code=code))
    log(
        actor,
        EventType.FACTORS_SET,
        f"Recorded the assessment factors: {', '.join(codes)}",
        child=assessment.child,
        obj=assessment,
        detail={"factors": codes},
    )
    return codes


@transaction.atomic
def record_midpoint_check(
    actor: Actor,
    assessment: Assessment,
    *,
    date: date | None,
    on_track: bool | None,
    direction: str,
) -> MidpointCheck:
    """The manager's check part-way through: an oversight record, not a case note."""
    manager = require(actor, Action.MANAGE_ASSESSMENT, child=assessment.child)
    assessment = _still_open(assessment)
    required(date, "date", "Enter the check date.")
    required(on_track, "on_track", "Select yes if the assessment is on track.")
    required(direction, "direction", "Enter the manager's direction.")
    check = MidpointCheck(
        assessment=assessment,
        child=assessment.child,
        manager=manager,
        date=date,
        on_track=on_track,
        direction=direction.strip(),
    )
    track = "on track" if on_track else "not on track"
    summary = f"Recorded the manager's midpoint check on {long_date(date)}: {track}"
    return recorded(actor, check, EventType.MIDPOINT_CHECK_RECORDED, summary)


@transaction.atomic
def record_outcome(
    actor: Actor,
    assessment: Assessment,
    *,
    outcome: str,
    reasons: str,
    primary_need: str | None = None,
) -> Assessment:
    """The outcome the worker proposes; it takes effect when a manager authorises.

    `primary_need` is the referral's primary need as the form now gives it ("" clears it);
    None leaves it as it is.
    """
    require(actor, Action.RECORD_ASSESSMENT_WORK, child=assessment.child)
    assessment = _still_open(assessment)
    if outcome not in Assessment.Outcome.values:
        raise ValidationError({"outcome": "Select the outcome of the assessment."})
    required(reasons, "outcome_reasons", "Enter the reasons for the outcome.")
    if primary_need and primary_need not in code_list("CIN_primary_need"):
        raise ValidationError({"primary_need": "Select a primary need from the list."})
    episode = assessment.cin_episode
    if primary_need is None:
        primary_need = episode.primary_need
    if outcome in NEEDS_PRIMARY_NEED and not primary_need:
        raise ValidationError(
            {
                "primary_need": "Select the child's primary need: a child in need plan, a "
                "strategy discussion or care needs one."
            }
        )
    if outcome in Assessment.CLOSURE_REASONS:
        _refuse_closure_after_activity(episode, "outcome")
    assessment.outcome = outcome
    assessment.outcome_reasons = reasons.strip()
    assessment.full_clean()
    assessment.save(update_fields=["outcome", "outcome_reasons"])
    if primary_need != episode.primary_need:
        episode.primary_need = primary_need
        episode.full_clean()
        episode.save(update_fields=["primary_need"])
    log(
        actor,
        EventType.ASSESSMENT_OUTCOME_RECORDED,
        f"Recorded the assessment outcome: {assessment.get_outcome_display()}",
        child=assessment.child,
        obj=assessment,
        detail={"outcome": outcome, "primary_need": primary_need},
    )
    return assessment


@transaction.atomic
def authorise_assessment(
    actor: Actor,
    assessment: Assessment,
    *,
    date: date | None,
) -> Assessment:
    """The manager's authorisation that completes the assessment, and the outcome's effect:
    the referral closes (RC8, RC9), a child in need plan starts on the authorisation date, or
    the case goes on to a strategy discussion or into care (recorded by those services)."""
    manager = require(actor, Action.MANAGE_ASSESSMENT, child=assessment.child)
    assessment = _still_open(assessment)
    required(date, "authorised_date", "Enter the authorisation date.")
    seen = sorted(assessment.seen.values_list("date", flat=True))
    if not seen:
        raise ValidationError(
            "The child has not been seen during this assessment: record the date the child "
            "was seen before authorising it."
        )
    if not assessment.outcome:
        raise ValidationError("Record the outcome of the assessment before authorising it.")
    if not assessment.factors.exists():
        raise ValidationError("Record the factors identified before authorising the assessment.")
    assessment.authorised_date = date
    assessment.authorised_by = manager
    assessment.full_clean()
    if date < seen[0]:
        raise ValidationError(
            {
                "authorised_date": "Authorisation date must be on or after the first date the "
                f"child was seen ({long_date(seen[0])})."
            }
        )
    assessment.save(update_fields=["authorised_date", "authorised_by"])

    episode = assessment.cin_episode
    effect = ""
    if assessment.closure_reason:
        _refuse_closure_after_activity(episode, None)
        episode.closure_date = date
        episode.closure_reason = assessment.closure_reason
        episode.full_clean()
        episode.save(update_fields=["closure_date", "closure_reason"])
        effect = f"referral closed ({describe('CIN_reason_for_closure', episode.closure_reason)})"
    elif (
        assessment.outcome == Assessment.Outcome.CIN_PLAN
        and not episode.cin_plans.filter(end_date__isnull=True).exists()
    ):
        saved(CINPlan(child=assessment.child, cin_episode=episode, start_date=date))
        effect = f"child in need plan started {long_date(date)}"
    log(
        actor,
        EventType.ASSESSMENT_AUTHORISED,
        f"Authorised the assessment on {long_date(date)}: {assessment.get_outcome_display()}"
        + (f"; {effect}" if effect else ""),
        child=assessment.child,
        obj=assessment,
        detail={"outcome": assessment.outcome, "effect": effect},
    )
    return assessment
