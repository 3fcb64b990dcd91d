"""Reads of child protection records for pages, always through the user's scope.

Due dates and states come from the timescale rules (this app's `timescale_rules`, for the
ICPC, core group, review and visit chains and plan length), never from
arithmetic of our own, so a page, My work and the indicators say the same thing.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sightline.access.scope import get_visible_or_404, records_visible_to
from sightline.cin.models import CINEpisode
from sightline.people.models import Child
from sightline.timescales.calendar import calendar
from sightline.timescales.declarations import Period, get
from sightline.timescales.engine import TimescaleItem, due_date, evaluate, local_date

from .models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    FamilyGroupConference,
    PlanOutcome,
    PreProceedings,
    Section47Enquiry,
    StrategyDiscussion,
)
from .timescale_rules import PLAN_LENGTH, milestones_reached, plan_length_items, plan_subject
from .timescale_rules import cp_plans as core_plan_rule

REVIEW_KEYS = (
    "child_protection.first_review_conference",
    "child_protection.later_review_conferences",
)


def _options() -> dict:
    # What child_timescales passes every rule: looked up once per page, not once per item.
    return {"cal": calendar(), "due_soon": get("general.due_soon").period}


# -- single records, within scope -------------------------------------------------------------


def strategy_discussion_for(user, pk: int) -> StrategyDiscussion:
    return get_visible_or_404(user, StrategyDiscussion, pk=pk)


def section47_for(user, pk: int) -> Section47Enquiry:
    return get_visible_or_404(user, Section47Enquiry, pk=pk)


def plan_for(user, pk: int) -> ChildProtectionPlan:
    return get_visible_or_404(user, ChildProtectionPlan, pk=pk)


def family_group_conference_for(user, pk: int, plan: ChildProtectionPlan) -> FamilyGroupConference:
    # Only a conference offered under this plan is changed from this plan's pages.
    return get_visible_or_404(user, FamilyGroupConference, pk=pk, cp_plan=plan)


def pre_proceedings_for(user, pk: int, plan: ChildProtectionPlan) -> PreProceedings:
    return get_visible_or_404(user, PreProceedings, pk=pk, cp_plan=plan)


def open_referral(child: Child) -> CINEpisode | None:
    """The child's most recent open referral (CIN episode), if any."""
    return child.cin_episodes.filter(closure_date__isnull=True).order_by("-referral_date").first()


def open_plan(child: Child) -> ChildProtectionPlan | None:
    return child.cp_plans.filter(end_date__isnull=True).first()


# -- the child's child protection history -----------------------------------------------------


def child_overview(child: Child) -> dict:
    discussions = list(
        child.strategy_discussions.select_related("cin_episode").prefetch_related("s47_enquiries")
    )
    enquiries = list(
        child.s47_enquiries.select_related("strategy_discussion").prefetch_related("icpcs")
    )
    return {
        "referral": open_referral(child),
        "discussions": discussions,
        "enquiries": enquiries,
        "conferences": list(child.icpcs.select_related("section47")),
        "plans": list(child.cp_plans.all()),
    }


def enquiry_awaits_conference(enquiry: Section47Enquiry) -> bool:
    """An enquiry whose conference is still to be recorded."""
    if enquiry.icpcs.exists() or enquiry.icpc_not_required:
        return False
    return not (enquiry.end_date and enquiry.outcome in ("cin", "nfa"))


def discussion_awaits_enquiry(discussion: StrategyDiscussion) -> bool:
    return (
        discussion.outcome in (None, StrategyDiscussion.Outcome.S47)
        and discussion.cin_episode.closure_date is None
        and not discussion.s47_enquiries.exists()
    )


def conference_due(enquiry: Section47Enquiry, today: date | None = None) -> list[TimescaleItem]:
    """When the initial conference is due: 15 working days from the strategy discussion (the
    statutory count), and from the section 47 start (the DfE's published measure)."""
    today = today or timezone.localdate()
    met = min((c.date for c in enquiry.icpcs.all()), default=None)
    items = []
    if enquiry.strategy_discussion is not None:
        items.append(
            evaluate(
                "child_protection.icpc",
                enquiry.strategy_discussion.date,
                met,
                today,
                label="From the strategy discussion",
                **_options(),
            )
        )
    items.append(
        evaluate(
            "child_protection.icpc",
            enquiry.start_date,
            met,
            today,
            label="From the section 47 start (DfE measure)",
            **_options(),
        )
    )
    return items


# -- one plan -----------------------------------------------------------------------------------


@dataclass
class PlanTimescales:
    """The plan's items from the core rules and the plan length rule, sorted for the page."""

    first_core_group: TimescaleItem | None = None
    reviews: list[TimescaleItem] = field(default_factory=list)
    visits: list[TimescaleItem] = field(default_factory=list)
    length: list[TimescaleItem] = field(default_factory=list)

    @property
    def next_review(self) -> TimescaleItem | None:
        return next((i for i in self.reviews if i.is_open), None)

    @property
    def next_visit(self) -> TimescaleItem | None:
        return next((i for i in self.visits if i.is_open), None)


def plan_timescales(plan: ChildProtectionPlan, today: date | None = None) -> PlanTimescales:
    today = today or timezone.localdate()
    options = _options()
    subject = plan_subject(plan)
    found = PlanTimescales(length=plan_length_items(plan, today, **options))
    for item in core_plan_rule(plan.child, today, **options):
        if item.subject != subject:
            continue  # another of the child's plans
        if item.key == "child_protection.first_core_group":
            found.first_core_group = item
        elif item.key in REVIEW_KEYS:
            found.reviews.append(item)
        elif item.key == "child_protection.visits":
            found.visits.append(item)
    return found


def months_on_plan(plan: ChildProtectionPlan, today: date | None = None) -> int:
    today = today or timezone.localdate()
    to = plan.end_date or today
    gap = relativedelta(to, plan.start_date)
    return gap.years * 12 + gap.months


def length_milestones() -> tuple[Period, ...]:
    return get(PLAN_LENGTH).periods


def highest_milestone(plan: ChildProtectionPlan, today: date | None = None) -> Period | None:
    reached = milestones_reached(plan, today or timezone.localdate())
    return reached[-1][0] if reached else None


def plan_detail(plan: ChildProtectionPlan, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    outcomes = list(plan.outcomes.prefetch_related("progress__review"))
    for outcome in outcomes:
        ratings = sorted(outcome.progress.all(), key=lambda p: p.review.date, reverse=True)
        outcome.latest = ratings[0] if ratings else None
    reviews = list(plan.reviews.prefetch_related("progress__outcome"))
    visits_declared = get("child_protection.visits")
    visits = list(plan.visits.select_related("worker")[:20])
    visit_count = plan.visits.count()
    return {
        "plan": plan,
        "child": plan.child,
        "months": months_on_plan(plan, today),
        "milestone": highest_milestone(plan, today),
        "timescales": plan_timescales(plan, today),
        "outcomes": outcomes,
        "core_groups": list(plan.core_groups.all()),
        "reviews": reviews,
        "visits": visits,
        "visits_caption": (
            f"The latest {len(visits)} of {visit_count} visits"
            if visit_count > len(visits)
            else "Visits, newest first"
        ),
        "visit_frequency": visits_declared.period.plain if visits_declared.period else "",
        "fgcs": list(plan.family_group_conferences.all()),
        "pre_proceedings": list(plan.pre_proceedings.all()),
        "icpc": plan.icpc,
    }


# -- the plan list for managers -----------------------------------------------------------------

FILTERS = {
    "no-outcomes": "Plans without measurable outcomes",
    "no-fgc": "No family group conference offered",
}


def _latest(model, date_field: str, **extra):
    rows = model.objects.filter(cp_plan=OuterRef("pk"), **extra).order_by(f"-{date_field}")
    return Subquery(rows.values(date_field)[:1])


def open_plans_visible_to(user, today: date | None = None) -> QuerySet[ChildProtectionPlan]:
    """Open plans in the user's scope with the figures a manager scans for: counted in the
    database, so the list costs the same for ten plans or a thousand."""
    outcomes = (
        PlanOutcome.objects.filter(cp_plan=OuterRef("pk"))
        .values("cp_plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    fgcs = (
        FamilyGroupConference.objects.filter(cp_plan=OuterRef("pk"))
        .values("cp_plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        records_visible_to(user, ChildProtectionPlan)
        .filter(end_date__isnull=True)
        .select_related("child")
        .annotate(
            outcome_count=Coalesce(Subquery(outcomes), Value(0), output_field=IntegerField()),
            fgc_count=Coalesce(Subquery(fgcs), Value(0), output_field=IntegerField()),
            last_review=_latest(ChildProtectionReview, "date"),
            last_visit=_latest(ChildProtectionVisit, "visit_date"),
            last_visit_seen=_latest(ChildProtectionVisit, "visit_date", seen=True),
        )
        .order_by("start_date", "pk")
    )


def started_by(period: Period, today: date) -> date:
    """The latest start date of a plan that has reached `period` by `today`, by the engine's
    own count (so a plan from 31 August reaches 6 months on 28 February, as on its page)."""
    cal = calendar()
    rough = {
        "months": relativedelta(months=period.amount),
        "weeks": timedelta(weeks=period.amount),
        "d": timedelta(days=period.amount),
        "wd": timedelta(days=period.amount * 7 // 5),
        "hours": timedelta(days=period.amount // 24),
    }[period.unit]
    start = today - rough
    # The due date only moves forward as the start does, so a short walk finds the edge.
    while local_date(due_date(start, period, cal)) > today:
        start -= timedelta(days=1)
    while local_date(due_date(start + timedelta(days=1), period, cal)) <= today:
        start += timedelta(days=1)
    return start


def filter_plans(
    plans: QuerySet[ChildProtectionPlan], chosen: str, today: date
) -> QuerySet[ChildProtectionPlan]:
    if chosen == "no-outcomes":
        return plans.filter(outcome_count=0)
    if chosen == "no-fgc":
        return plans.filter(fgc_count=0)
    for period in length_milestones():
        if chosen == milestone_filter(period):
            return plans.filter(start_date__lte=started_by(period, today))
    return plans


def milestone_filter(period: Period) -> str:
    return f"{period.amount}-{period.unit}"


def plan_list_counts(plans: QuerySet[ChildProtectionPlan], today: date) -> list[dict]:
    """One query for every count the list offers as a filter."""
    aggregates = {
        "all": Count("pk"),
        "no-outcomes": Count("pk", filter=Q(outcome_count=0)),
        "no-fgc": Count("pk", filter=Q(fgc_count=0)),
    }
    labels = {"all": "All open plans", **FILTERS}
    for period in length_milestones():
        key = milestone_filter(period)
        aggregates[key] = Count("pk", filter=Q(start_date__lte=started_by(period, today)))
        labels[key] = f"On a plan {period.plain} or more"
    counts = plans.order_by().aggregate(**aggregates)
    return [{"key": key, "label": labels[key], "count": counts[key]} for key in aggregates]
