"""Every change to child protection records, from strategy discussion to the plan's end.

Each function takes the `Actor`, checks the access policy against the child (social workers
and team managers record the practice steps; independent reviewing officers, who chair
conferences, also record conferences, reviews and the outcomes agreed there), runs as one
transaction, validates every record it writes with `full_clean()` (the same rules an import
meets), and writes one typed audit event. Bad input raises `ValidationError` naming the
field, and nothing is saved.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.writes import locked, recorded, saved
from sightline.cin.models import CINEpisode

from .models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    CoreGroupMeeting,
    FamilyGroupConference,
    InitialChildProtectionConference,
    OutcomeProgress,
    PlanOutcome,
    PreProceedings,
    Section47Enquiry,
    StrategyDiscussion,
)

NO_OUTCOMES = (
    "A plan cannot be saved for review without at least one measurable outcome. Add the "
    "outcomes for the child (what must change, how it will be measured, by when and who is "
    "responsible) before recording the review conference."
)


def _require_open(plan: ChildProtectionPlan) -> None:
    if plan.end_date is not None:
        raise ValidationError(f"The plan ended on {plan.end_date:%d/%m/%Y}.")


# -- strategy discussion and section 47 -------------------------------------------------------

AGENCY_CODES = tuple(code for code, _ in StrategyDiscussion.AGENCIES)


def record_strategy_discussion(
    actor: Actor,
    referral: CINEpisode,
    *,
    date: date | None,
    agencies: list[str],
    other_agencies: str = "",
    outcome: str,
    rationale: str,
) -> StrategyDiscussion:
    worker = require(actor, Action.RECORD_CP_PRACTICE, child=referral.child)
    problems: dict[str, str] = {}
    if referral.closure_date is not None:
        raise ValidationError("The referral is closed: a strategy discussion needs an open one.")
    if not agencies:
        problems["agencies"] = "Select the agencies present"
    other_agencies = (other_agencies or "").strip()
    if "other" in agencies and not other_agencies:
        problems["other_agencies"] = "Enter the other agencies present"
    if not (rationale or "").strip():
        problems["rationale"] = "Enter the rationale for the decision"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        discussion = StrategyDiscussion(
            child=referral.child,
            cin_episode=referral,
            date=date,
            outcome=outcome,
            rationale=rationale.strip(),
            other_agencies=other_agencies if "other" in agencies else None,
            recorded_by=worker,
            **{f"{code}_present": code in agencies for code in AGENCY_CODES},
        )
        summary = f"Recorded a strategy discussion: {discussion.get_outcome_display()}"
        return recorded(actor, discussion, EventType.STRATEGY_DISCUSSION_RECORDED, summary)


def start_section47(
    actor: Actor, discussion: StrategyDiscussion, *, start_date: date | None
) -> Section47Enquiry:
    require(actor, Action.RECORD_CP_PRACTICE, child=discussion.child)
    if discussion.outcome and discussion.outcome != StrategyDiscussion.Outcome.S47:
        raise ValidationError(
            "The strategy discussion decided "
            f"{discussion.get_outcome_display().lower()}, not a section 47 enquiry."
        )
    if discussion.cin_episode.closure_date is not None:
        raise ValidationError("The referral is closed.")
    with transaction.atomic():
        # Checked with the discussion locked, so two people starting at once cannot both pass.
        discussion = locked(discussion)
        if discussion.s47_enquiries.exists():
            raise ValidationError(
                "A section 47 enquiry has already started from this strategy discussion."
            )
        enquiry = Section47Enquiry(
            child=discussion.child,
            cin_episode=discussion.cin_episode,
            strategy_discussion=discussion,
            start_date=start_date,
        )
        return recorded(actor, enquiry, EventType.SECTION47_STARTED, "Started a section 47 enquiry")


def end_section47(
    actor: Actor, enquiry: Section47Enquiry, *, end_date: date | None, outcome: str
) -> Section47Enquiry:
    require(actor, Action.RECORD_CP_PRACTICE, child=enquiry.child)
    if not outcome:
        raise ValidationError({"outcome": "Select the outcome of the enquiry"})
    with transaction.atomic():
        enquiry = locked(enquiry)
        if enquiry.end_date is not None:
            raise ValidationError(f"The enquiry ended on {enquiry.end_date:%d/%m/%Y}.")
        if enquiry.icpcs.exists() and outcome != Section47Enquiry.Outcome.ICPC:
            raise ValidationError(
                {"outcome": "An initial conference has been recorded: the outcome is a conference"}
            )
        enquiry.end_date = end_date
        enquiry.outcome = outcome
        summary = f"Ended a section 47 enquiry: {enquiry.get_outcome_display()}"
        return recorded(actor, enquiry, EventType.SECTION47_ENDED, summary)


# -- initial conference -----------------------------------------------------------------------


def record_initial_conference(
    actor: Actor,
    enquiry: Section47Enquiry,
    *,
    date: date | None,
    chair: str,
    plan_made: bool,
    category: str = "",
    previous_plans_elsewhere: int | None = 0,
) -> tuple[InitialChildProtectionConference, ChildProtectionPlan | None]:
    """The conference and, when it makes a plan, the plan (starting that day) together.
    `previous_plans_elsewhere`: the child's earlier plans that Sightline does not hold."""
    child = enquiry.child
    require(actor, Action.RECORD_CONFERENCE, child=child)
    if enquiry.end_date and enquiry.outcome in (
        Section47Enquiry.Outcome.CIN,
        Section47Enquiry.Outcome.NFA,
    ):
        raise ValidationError(
            f"The enquiry ended with {enquiry.get_outcome_display().lower()}, not a conference."
        )
    problems: dict[str, str] = {}
    if not (chair or "").strip():
        problems["chair"] = "Enter the name of the conference chair"
    if plan_made and not category:
        problems["category"] = "Select the category of abuse"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        # Checked with the child locked, so two people recording at once cannot both pass.
        locked(child)
        if enquiry.icpcs.exists():
            raise ValidationError("An initial conference is already recorded for this enquiry.")
        current = child.cp_plans.filter(end_date__isnull=True).first()
        if plan_made and current is not None:
            raise ValidationError(
                f"The child already has an open child protection plan (from "
                f"{current.start_date:%d/%m/%Y}): end it before a new one is made."
            )
        conference = saved(
            InitialChildProtectionConference(
                child=child,
                cin_episode=enquiry.cin_episode,
                section47=enquiry,
                date=date,
                chair=chair.strip(),
                plan_made=plan_made,
            )
        )
        plan = None
        if plan_made:
            plan = saved(
                ChildProtectionPlan(
                    child=child,
                    cin_episode=enquiry.cin_episode,
                    icpc=conference,
                    start_date=conference.date,
                    initial_category=category,
                    latest_category=category,
                    previous_plans_elsewhere=previous_plans_elsewhere or 0,
                )
            )
        log(
            actor,
            EventType.INITIAL_CONFERENCE_RECORDED,
            "Recorded an initial child protection conference: "
            + ("child protection plan made" if plan else "no plan"),
            child=child,
            obj=conference,
            detail={"cp_plan": plan.pk} if plan else None,
        )
    return conference, plan


# -- the plan ---------------------------------------------------------------------------------


def add_outcome(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    what_must_change: str,
    how_measured: str,
    by_when: date | None,
    responsible: str,
) -> PlanOutcome:
    require(actor, Action.RECORD_CONFERENCE, child=plan.child)
    _require_open(plan)
    with transaction.atomic():
        outcome = PlanOutcome(
            child=plan.child,
            cp_plan=plan,
            what_must_change=(what_must_change or "").strip(),
            how_measured=(how_measured or "").strip(),
            by_when=by_when,
            responsible=(responsible or "").strip(),
        )
        summary = "Added an outcome to the child protection plan"
        return recorded(actor, outcome, EventType.PLAN_OUTCOME_ADDED, summary)


def record_core_group(
    actor: Actor, plan: ChildProtectionPlan, *, date: date | None
) -> CoreGroupMeeting:
    require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    with transaction.atomic():
        meeting = CoreGroupMeeting(child=plan.child, cp_plan=plan, date=date)
        return recorded(
            actor, meeting, EventType.CORE_GROUP_RECORDED, "Recorded a core group meeting"
        )


@transaction.atomic
def record_review(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    date: date | None,
    plan_continues: bool,
    latest_category: str,
    ratings: dict[int, tuple[str, str]],
    end_reason: str = "",
) -> ChildProtectionReview:
    """A review conference with a progress rating for every outcome of the plan, the plan's
    latest category and, where the conference ends the plan, its end: all or nothing.

    `ratings` maps each PlanOutcome's id to (rating, comment).
    """
    require(actor, Action.RECORD_CONFERENCE, child=plan.child)
    # Everything below is checked with the plan locked, so two people recording a review at
    # once cannot both find the plan open, or the date free.
    plan = locked(plan)
    outcomes = list(plan.outcomes.all())
    if not outcomes:
        raise ValidationError(NO_OUTCOMES)
    _require_open(plan)
    problems: dict[str, str] = {}
    for number, outcome in enumerate(outcomes, start=1):
        rating, _ = ratings.get(outcome.pk, ("", ""))
        if not rating:
            problems[f"rating_{outcome.pk}"] = f"Select the progress on outcome {number}"
    if not latest_category:
        problems["latest_category"] = "Select the latest category of abuse"
    if not plan_continues and not end_reason:
        problems["end_reason"] = "Select why the plan ends"
    if date and plan.reviews.filter(date=date).exists():
        problems["date"] = "A review conference is already recorded on this date"
    if problems:
        raise ValidationError(problems)
    review = saved(
        ChildProtectionReview(
            child=plan.child,
            cp_plan=plan,
            date=date,
            plan_continues=plan_continues,
            latest_category=latest_category,
        )
    )
    for outcome in outcomes:
        rating, comment = ratings[outcome.pk]
        saved(
            OutcomeProgress(
                child=plan.child,
                outcome=outcome,
                review=review,
                rating=rating,
                comment=(comment or "").strip(),
            )
        )
    plan.latest_category = latest_category
    if not plan_continues:
        plan.end_date = review.date
        plan.end_reason = end_reason
    saved(plan)
    log(
        actor,
        EventType.CP_REVIEW_RECORDED,
        "Recorded a child protection review conference: "
        + ("plan continues" if plan_continues else "plan ended"),
        child=plan.child,
        obj=review,
        detail={"ratings": {str(o.pk): ratings[o.pk][0] for o in outcomes}},
    )
    return review


def record_visit(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    visit_date: date | None,
    seen: bool,
    seen_alone: bool,
    **narrative: str | bool | None,
) -> ChildProtectionVisit:
    """`narrative`: whether the visit was announced, what was observed, the child's words,
    the analysis and the actions (`people.records.narrative_fields`)."""
    worker = require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    with transaction.atomic():
        visit = ChildProtectionVisit(
            child=plan.child,
            cp_plan=plan,
            visit_date=visit_date,
            seen=seen,
            seen_alone=seen_alone,
            worker=worker,
            **narrative,
        )
        how = "seen alone" if seen_alone else "seen" if seen else "not seen"
        summary = f"Recorded a child protection visit: {how}"
        return recorded(actor, visit, EventType.CP_VISIT_RECORDED, summary)


def save_family_group_conference(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    offered_date: date | None,
    response: str = "",
    response_date: date | None = None,
    held_date: date | None = None,
    conference: FamilyGroupConference | None = None,
) -> FamilyGroupConference:
    """Record a family group conference offer, or update one with the family's answer."""
    require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    if conference is not None and conference.cp_plan_id != plan.pk:
        raise ValidationError("The family group conference belongs to a different plan.")
    with transaction.atomic():
        fgc = locked(conference) if conference else FamilyGroupConference(child=plan.child)
        fgc.cp_plan = plan
        fgc.offered_date = offered_date
        fgc.response = response or ""
        fgc.response_date = response_date
        fgc.held_date = held_date
        summary = f"Recorded a family group conference: {fgc.status.lower()}"
        updated = {"updated": conference is not None}
        return recorded(actor, fgc, EventType.FGC_RECORDED, summary, detail=updated)


def record_extended_family(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    extended_family_considered: bool | None,
    extended_family_considered_date: date | None,
    extended_family_notes: str = "",
) -> ChildProtectionPlan:
    require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    considered = extended_family_considered
    notes = (extended_family_notes or "").strip()
    if considered is None:
        raise ValidationError(
            {"extended_family_considered": "Select whether extended family has been considered"}
        )
    if considered is False and not notes:
        raise ValidationError(
            {"extended_family_notes": "Enter why extended family has not been considered yet"}
        )
    with transaction.atomic():
        plan = locked(plan)
        plan.extended_family_considered = considered
        plan.extended_family_considered_date = (
            extended_family_considered_date if considered else None
        )
        plan.extended_family_notes = notes or None
        answer = "yes" if considered else "no"
        summary = f"Recorded whether extended family was considered: {answer}"
        return recorded(actor, plan, EventType.EXTENDED_FAMILY_RECORDED, summary)


def save_pre_proceedings(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    legal_planning_meeting_date: date | None,
    plo_letter_date: date | None = None,
    outcome: str = "",
    outcome_date: date | None = None,
    existing: PreProceedings | None = None,
) -> PreProceedings:
    """Escalate a plan to pre-proceedings, or record the letter and outcome later."""
    require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    if existing is not None and existing.cp_plan_id != plan.pk:
        raise ValidationError("The pre-proceedings belong to a different plan.")
    with transaction.atomic():
        # Checked with the plan locked, so two people escalating at once cannot both pass.
        locked(plan)
        if existing is None and plan.pre_proceedings.filter(outcome="").exists():
            raise ValidationError(
                "Pre-proceedings are already under way for this plan: record their outcome there."
            )
        proceedings = locked(existing) if existing else PreProceedings(child=plan.child)
        proceedings.cp_plan = plan
        proceedings.legal_planning_meeting_date = legal_planning_meeting_date
        proceedings.plo_letter_date = plo_letter_date
        proceedings.outcome = outcome or ""
        proceedings.outcome_date = outcome_date
        summary = (
            f"Recorded the outcome of pre-proceedings: {proceedings.get_outcome_display()}"
            if proceedings.outcome
            else "Recorded escalation to pre-proceedings"
        )
        updated = {"updated": existing is not None}
        return recorded(
            actor, proceedings, EventType.PRE_PROCEEDINGS_RECORDED, summary, detail=updated
        )


def end_plan(
    actor: Actor,
    plan: ChildProtectionPlan,
    *,
    end_date: date | None,
    end_reason: str,
) -> ChildProtectionPlan:
    require(actor, Action.RECORD_CP_PRACTICE, child=plan.child)
    _require_open(plan)
    if not end_reason:
        raise ValidationError({"end_reason": "Select why the plan ended"})
    with transaction.atomic():
        plan = locked(plan)
        _require_open(plan)
        plan.end_date = end_date
        plan.end_reason = end_reason
        summary = f"Ended the child protection plan: {plan.get_end_reason_display()}"
        return recorded(actor, plan, EventType.CP_PLAN_ENDED, summary)
