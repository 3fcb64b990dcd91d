"""Every change to child protection records, from strategy discussion to the plan's end.

Each function is one transaction: it checks the user may act, validates every record it
writes with `full_clean()` (the same rules an import meets), saves, and writes one audit
event. Bad input raises `ValidationError` naming the field, and nothing is saved.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest

from sightline.access.audit import Kind, record
from sightline.access.scope import children_visible_to, worker_for
from sightline.cin.models import CINEpisode
from sightline.people.models import Child, Worker

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

# Who may record what. Social workers act on the children in their scope (their allocations,
# or recent contacts in a front-door team) and team managers on their team's; independent
# reviewing officers chair conferences, so they record conferences, reviews and the outcomes
# agreed there. Everyone else in scope may read but not record.
PRACTICE_ROLES = frozenset({Worker.Role.SOCIAL_WORKER, Worker.Role.TEAM_MANAGER})
CONFERENCE_ROLES = PRACTICE_ROLES | {Worker.Role.IRO}

NO_OUTCOMES = (
    "A plan cannot be saved for review without at least one measurable outcome. Add the "
    "outcomes for the child (what must change, how it will be measured, by when and who is "
    "responsible) before recording the review conference."
)


def _role(user) -> str | None:
    worker = worker_for(user)
    return worker.role if worker else None


def may_record(user) -> bool:
    """May record the practice steps: strategy discussions, enquiries, visits, plan details."""
    return _role(user) in PRACTICE_ROLES


def may_record_conferences(user) -> bool:
    """May record initial and review conferences and the outcomes they agree."""
    return _role(user) in CONFERENCE_ROLES


def _require(user, child: Child, roles: frozenset[str]) -> None:
    # Views fetch within scope already; checking again here keeps a service safe to call from
    # anywhere (a command, an API) without trusting the caller.
    if _role(user) not in roles or not children_visible_to(user).filter(pk=child.pk).exists():
        raise PermissionDenied("You cannot record this for this child.")


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _locked(obj):
    """A fresh copy of `obj`, locked until the transaction ends (PostgreSQL), so a refused
    change never leaves the caller's copy half-changed and two people cannot end a plan at once.
    Call inside `transaction.atomic()`."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _require_open(plan: ChildProtectionPlan) -> None:
    if plan.end_date is not None:
        raise ValidationError(f"The plan ended on {plan.end_date:%d/%m/%Y}.")


# -- strategy discussion and section 47 -------------------------------------------------------

AGENCY_CODES = tuple(code for code, _ in StrategyDiscussion.AGENCIES)


def record_strategy_discussion(
    user,
    referral: CINEpisode,
    *,
    date: date | None,
    agencies: list[str],
    other_agencies: str = "",
    outcome: str,
    rationale: str,
    request: HttpRequest | None = None,
) -> StrategyDiscussion:
    _require(user, referral.child, PRACTICE_ROLES)
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
            recorded_by=worker_for(user),
            **{f"{code}_present": code in agencies for code in AGENCY_CODES},
        )
        _save(discussion)
        record(
            user,
            Kind.CREATE,
            f"Recorded a strategy discussion: {discussion.get_outcome_display()}",
            child=referral.child,
            obj=discussion,
            request=request,
        )
    return discussion


def start_section47(
    user,
    discussion: StrategyDiscussion,
    *,
    start_date: date | None,
    request: HttpRequest | None = None,
) -> Section47Enquiry:
    _require(user, discussion.child, PRACTICE_ROLES)
    if discussion.outcome and discussion.outcome != StrategyDiscussion.Outcome.S47:
        raise ValidationError(
            "The strategy discussion decided "
            f"{discussion.get_outcome_display().lower()}, not a section 47 enquiry."
        )
    if discussion.s47_enquiries.exists():
        raise ValidationError(
            "A section 47 enquiry has already started from this strategy discussion."
        )
    if discussion.cin_episode.closure_date is not None:
        raise ValidationError("The referral is closed.")
    with transaction.atomic():
        enquiry = _save(
            Section47Enquiry(
                child=discussion.child,
                cin_episode=discussion.cin_episode,
                strategy_discussion=discussion,
                start_date=start_date,
            )
        )
        record(
            user,
            Kind.CREATE,
            "Started a section 47 enquiry",
            child=discussion.child,
            obj=enquiry,
            request=request,
        )
    return enquiry


def end_section47(
    user,
    enquiry: Section47Enquiry,
    *,
    end_date: date | None,
    outcome: str,
    request: HttpRequest | None = None,
) -> Section47Enquiry:
    _require(user, enquiry.child, PRACTICE_ROLES)
    if enquiry.end_date is not None:
        raise ValidationError(f"The enquiry ended on {enquiry.end_date:%d/%m/%Y}.")
    if not outcome:
        raise ValidationError({"outcome": "Select the outcome of the enquiry"})
    if enquiry.icpcs.exists() and outcome != Section47Enquiry.Outcome.ICPC:
        raise ValidationError(
            {"outcome": "An initial conference has been recorded: the outcome is a conference"}
        )
    with transaction.atomic():
        enquiry = _locked(enquiry)
        enquiry.end_date = end_date
        enquiry.outcome = outcome
        _save(enquiry)
        record(
            user,
            Kind.CHANGE,
            f"Ended a section 47 enquiry: {enquiry.get_outcome_display()}",
            child=enquiry.child,
            obj=enquiry,
            request=request,
        )
    return enquiry


# -- initial conference -----------------------------------------------------------------------


def record_initial_conference(
    user,
    enquiry: Section47Enquiry,
    *,
    date: date | None,
    chair: str,
    plan_made: bool,
    category: str = "",
    previous_plans_elsewhere: int | None = 0,
    request: HttpRequest | None = None,
) -> tuple[InitialChildProtectionConference, ChildProtectionPlan | None]:
    """The conference and, when it makes a plan, the plan (starting that day) together.
    `previous_plans_elsewhere`: the child's earlier plans that Sightline does not hold."""
    child = enquiry.child
    _require(user, child, CONFERENCE_ROLES)
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
        _locked(child)
        if enquiry.icpcs.exists():
            raise ValidationError("An initial conference is already recorded for this enquiry.")
        current = child.cp_plans.filter(end_date__isnull=True).first()
        if plan_made and current is not None:
            raise ValidationError(
                f"The child already has an open child protection plan (from "
                f"{current.start_date:%d/%m/%Y}): end it before a new one is made."
            )
        conference = _save(
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
            plan = _save(
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
        record(
            user,
            Kind.CREATE,
            "Recorded an initial child protection conference: "
            + ("child protection plan made" if plan else "no plan"),
            child=child,
            obj=conference,
            request=request,
            detail={"cp_plan": plan.pk} if plan else None,
        )
    return conference, plan


# -- the plan ---------------------------------------------------------------------------------


def add_outcome(
    user,
    plan: ChildProtectionPlan,
    *,
    what_must_change: str,
    how_measured: str,
    by_when: date | None,
    responsible: str,
    request: HttpRequest | None = None,
) -> PlanOutcome:
    _require(user, plan.child, CONFERENCE_ROLES)
    _require_open(plan)
    with transaction.atomic():
        outcome = _save(
            PlanOutcome(
                child=plan.child,
                cp_plan=plan,
                what_must_change=(what_must_change or "").strip(),
                how_measured=(how_measured or "").strip(),
                by_when=by_when,
                responsible=(responsible or "").strip(),
            )
        )
        record(
            user,
            Kind.CREATE,
            "Added an outcome to the child protection plan",
            child=plan.child,
            obj=outcome,
            request=request,
        )
    return outcome


def record_core_group(
    user, plan: ChildProtectionPlan, *, date: date | None, request: HttpRequest | None = None
) -> CoreGroupMeeting:
    _require(user, plan.child, PRACTICE_ROLES)
    with transaction.atomic():
        meeting = _save(CoreGroupMeeting(child=plan.child, cp_plan=plan, date=date))
        record(
            user,
            Kind.CREATE,
            "Recorded a core group meeting",
            child=plan.child,
            obj=meeting,
            request=request,
        )
    return meeting


def record_review(
    user,
    plan: ChildProtectionPlan,
    *,
    date: date | None,
    plan_continues: bool,
    latest_category: str,
    ratings: dict[int, tuple[str, str]],
    end_reason: str = "",
    request: HttpRequest | None = None,
) -> ChildProtectionReview:
    """A review conference with a progress rating for every outcome of the plan, the plan's
    latest category and, where the conference ends the plan, its end: all or nothing.

    `ratings` maps each PlanOutcome's id to (rating, comment).
    """
    _require(user, plan.child, CONFERENCE_ROLES)
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
    with transaction.atomic():
        review = _save(
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
            _save(
                OutcomeProgress(
                    child=plan.child,
                    outcome=outcome,
                    review=review,
                    rating=rating,
                    comment=(comment or "").strip(),
                )
            )
        plan = _locked(plan)
        plan.latest_category = latest_category
        if not plan_continues:
            plan.end_date = review.date
            plan.end_reason = end_reason
        _save(plan)
        record(
            user,
            Kind.CREATE,
            "Recorded a child protection review conference: "
            + ("plan continues" if plan_continues else "plan ended"),
            child=plan.child,
            obj=review,
            request=request,
            detail={"ratings": {str(o.pk): ratings[o.pk][0] for o in outcomes}},
        )
    return review


def record_visit(
    user,
    plan: ChildProtectionPlan,
    *,
    visit_date: date | None,
    seen: bool,
    seen_alone: bool,
    request: HttpRequest | None = None,
) -> ChildProtectionVisit:
    _require(user, plan.child, PRACTICE_ROLES)
    with transaction.atomic():
        visit = _save(
            ChildProtectionVisit(
                child=plan.child,
                cp_plan=plan,
                visit_date=visit_date,
                seen=seen,
                seen_alone=seen_alone,
                worker=worker_for(user),
            )
        )
        record(
            user,
            Kind.CREATE,
            "Recorded a child protection visit: "
            + ("seen alone" if seen_alone else "seen" if seen else "not seen"),
            child=plan.child,
            obj=visit,
            request=request,
        )
    return visit


def save_family_group_conference(
    user,
    plan: ChildProtectionPlan,
    *,
    offered_date: date | None,
    response: str = "",
    response_date: date | None = None,
    held_date: date | None = None,
    conference: FamilyGroupConference | None = None,
    request: HttpRequest | None = None,
) -> FamilyGroupConference:
    """Record a family group conference offer, or update one with the family's answer."""
    _require(user, plan.child, PRACTICE_ROLES)
    if conference is not None and conference.cp_plan_id != plan.pk:
        raise ValidationError("The family group conference belongs to a different plan.")
    with transaction.atomic():
        fgc = _locked(conference) if conference else FamilyGroupConference(child=plan.child)
        fgc.cp_plan = plan
        fgc.offered_date = offered_date
        fgc.response = response or ""
        fgc.response_date = response_date
        fgc.held_date = held_date
        _save(fgc)
        record(
            user,
            Kind.CHANGE if conference else Kind.CREATE,
            f"Recorded a family group conference: {fgc.status.lower()}",
            child=plan.child,
            obj=fgc,
            request=request,
        )
    return fgc


def record_extended_family(
    user,
    plan: ChildProtectionPlan,
    *,
    extended_family_considered: bool | None,
    extended_family_considered_date: date | None,
    extended_family_notes: str = "",
    request: HttpRequest | None = None,
) -> ChildProtectionPlan:
    _require(user, plan.child, PRACTICE_ROLES)
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
        plan = _locked(plan)
        plan.extended_family_considered = considered
        plan.extended_family_considered_date = (
            extended_family_considered_date if considered else None
        )
        plan.extended_family_notes = notes or None
        _save(plan)
        record(
            user,
            Kind.CHANGE,
            "Recorded whether extended family was considered: " + ("yes" if considered else "no"),
            child=plan.child,
            obj=plan,
            request=request,
        )
    return plan


def save_pre_proceedings(
    user,
    plan: ChildProtectionPlan,
    *,
    legal_planning_meeting_date: date | None,
    plo_letter_date: date | None = None,
    outcome: str = "",
    outcome_date: date | None = None,
    existing: PreProceedings | None = None,
    request: HttpRequest | None = None,
) -> PreProceedings:
    """Escalate a plan to pre-proceedings, or record the letter and outcome later."""
    _require(user, plan.child, PRACTICE_ROLES)
    if existing is None and plan.pre_proceedings.filter(outcome="").exists():
        raise ValidationError(
            "Pre-proceedings are already under way for this plan: record their outcome there."
        )
    if existing is not None and existing.cp_plan_id != plan.pk:
        raise ValidationError("The pre-proceedings belong to a different plan.")
    with transaction.atomic():
        proceedings = _locked(existing) if existing else PreProceedings(child=plan.child)
        proceedings.cp_plan = plan
        proceedings.legal_planning_meeting_date = legal_planning_meeting_date
        proceedings.plo_letter_date = plo_letter_date
        proceedings.outcome = outcome or ""
        proceedings.outcome_date = outcome_date
        _save(proceedings)
        summary = (
            f"Recorded the outcome of pre-proceedings: {proceedings.get_outcome_display()}"
            if proceedings.outcome
            else "Recorded escalation to pre-proceedings"
        )
        record(
            user,
            Kind.CHANGE if existing else Kind.CREATE,
            summary,
            child=plan.child,
            obj=proceedings,
            request=request,
        )
    return proceedings


def end_plan(
    user,
    plan: ChildProtectionPlan,
    *,
    end_date: date | None,
    end_reason: str,
    request: HttpRequest | None = None,
) -> ChildProtectionPlan:
    _require(user, plan.child, PRACTICE_ROLES)
    _require_open(plan)
    if not end_reason:
        raise ValidationError({"end_reason": "Select why the plan ended"})
    with transaction.atomic():
        plan = _locked(plan)
        _require_open(plan)
        plan.end_date = end_date
        plan.end_reason = end_reason
        _save(plan)
        record(
            user,
            Kind.CHANGE,
            f"Ended the child protection plan: {plan.get_end_reason_display()}",
            child=plan.child,
            obj=plan,
            request=request,
        )
    return plan
