"""The rules that apply the declared timescales to a child's records.

Each rule reads one kind of record and asks the engine for items: due dates and states, met
or not. Work lists, the child's record and (later) alerts and indicators all read from here,
so a timescale means the same thing everywhere.
"""

from collections.abc import Callable, Iterator
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from sightline.care.models import SHORT_BREAKS
from sightline.web.dates import long_date

from .calendar import calendar
from .declarations import get
from .engine import State, TimescaleItem, evaluate, local_date, recurring

Rule = Callable[..., Iterator[TimescaleItem]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def _seen_dates(visits) -> list[date]:
    # A visit where the child was not seen does not meet a statutory visit.
    return [v.visit_date for v in visits if v.seen]


# -- front door -----------------------------------------------------------------------------


@rule
def contact_decisions(child, today, **kw) -> Iterator[TimescaleItem]:
    for contact in child.contacts.all():
        yield evaluate(
            "front_door.contact_decision",
            contact.received_at,
            contact.decided_at,
            today,
            subject=f"Contact received {long_date(local_date(contact.received_at))}",
            url=reverse("frontdoor-screening", args=[contact.pk]),
            **kw,
        )


@rule
def referral_decisions(child, today, **kw) -> Iterator[TimescaleItem]:
    """A referral is decided when it is closed with no further action, or work starts on it:
    an assessment or a strategy discussion."""
    for episode in child.cin_episodes.all():
        starts = [a.start_date for a in episode.assessments.all()]
        starts += [s.date for s in episode.strategy_discussions.all()]
        if episode.referral_nfa and episode.closure_date:
            starts.append(episode.closure_date)
        yield evaluate(
            "front_door.referral_decision",
            episode.referral_date,
            min(starts) if starts else None,
            today,
            subject=f"Referral {long_date(episode.referral_date)}",
            **kw,
        )


# -- assessment -----------------------------------------------------------------------------


@rule
def assessments(child, today, **kw) -> Iterator[TimescaleItem]:
    """45 working days from the referral to the manager's authorisation (the DfE measure)."""
    for assessment in child.assessments.select_related("cin_episode"):
        referral = assessment.cin_episode.referral_date
        yield evaluate(
            "assessment.completion",
            referral,
            assessment.authorised_date,
            today,
            subject=f"Assessment started {long_date(assessment.start_date)} "
            f"(referral {long_date(referral)})",
            url=reverse("assessment-detail", args=[assessment.pk]),
            **kw,
        )


# -- child protection -----------------------------------------------------------------------


@rule
def initial_conferences(child, today, **kw) -> Iterator[TimescaleItem]:
    """15 working days from the strategy discussion; the DfE also counts from the s47 start."""
    for s47 in child.s47_enquiries.select_related("strategy_discussion"):
        icpc = min((i.date for i in s47.icpcs.all()), default=None)
        no_conference = s47.icpc_not_required or (
            s47.end_date is not None and s47.outcome in ("cin", "nfa")
        )
        if icpc is None and no_conference:
            continue
        subject = f"Section 47 enquiry from {long_date(s47.start_date)}"
        url = (
            reverse("protection-icpc-new", args=[s47.pk])
            if icpc is None
            else reverse("protection-child", args=[child.council_id])
        )
        if s47.strategy_discussion is not None:
            yield evaluate(
                "child_protection.icpc",
                s47.strategy_discussion.date,
                icpc,
                today,
                label="From the strategy discussion",
                subject=subject,
                url=url,
                **kw,
            )
        yield evaluate(
            "child_protection.icpc",
            s47.start_date,
            icpc,
            today,
            label="From the section 47 start (DfE measure)",
            subject=subject,
            url=url,
            **kw,
        )


def _plan_subject(plan) -> str:
    return f"Child protection plan from {long_date(plan.start_date)}"


@rule
def cp_plans(child, today, **kw) -> Iterator[TimescaleItem]:
    for plan in child.cp_plans.select_related("icpc").prefetch_related(
        "core_groups", "reviews", "visits"
    ):
        conference = plan.icpc.date if plan.icpc else plan.start_date
        subject = _plan_subject(plan)
        url = reverse("protection-plan", args=[plan.pk])
        first_core_group = min((g.date for g in plan.core_groups.all()), default=None)
        if first_core_group is not None or plan.end_date is None:
            yield evaluate(
                "child_protection.first_core_group",
                conference,
                first_core_group,
                today,
                subject=subject,
                url=url + "#core-groups",
                **kw,
            )
        yield from recurring(
            [
                "child_protection.first_review_conference",
                "child_protection.later_review_conferences",
            ],
            conference,
            [r.date for r in plan.reviews.all()],
            today,
            end=plan.end_date,
            label="Review conference {n}",
            subject=subject,
            url=url + "#reviews",
            **kw,
        )
        yield from recurring(
            ["child_protection.visits"],
            plan.start_date,
            _seen_dates(plan.visits.all()),
            today,
            end=plan.end_date,
            label="Visit {n}",
            subject=subject,
            url=url + "#visits",
            **kw,
        )


# -- children in care -----------------------------------------------------------------------


def periods_of_care(episodes) -> list[list]:
    """Episodes grouped into periods of care: a new period starts after any gap."""
    periods: list[list] = []
    for episode in sorted(episodes, key=lambda e: e.start_date):
        if periods and periods[-1][-1].end_date == episode.start_date:
            periods[-1].append(episode)
        else:
            periods.append([episode])
    return periods


def _within(d: date, start: date, end: date | None) -> bool:
    return d >= start and (end is None or d <= end)


@rule
def children_in_care(child, today, **kw) -> Iterator[TimescaleItem]:
    episodes = list(child.care_episodes.all())
    if not episodes:
        return
    reviews = [r.date for r in child.care_reviews.all()]
    visits = list(child.care_visits.all())
    checks = list(child.health_checks.all())
    for period in periods_of_care(episodes):
        start, end = period[0].start_date, period[-1].end_date
        subject = f"Looked after from {long_date(start)}"
        yield from recurring(
            [
                "children_in_care.first_review",
                "children_in_care.second_review",
                "children_in_care.later_reviews",
            ],
            start,
            [d for d in reviews if _within(d, start, end)],
            today,
            end=end,
            label="Review {n}",
            subject=subject,
            **kw,
        )
        if all(e.legal_status in SHORT_BREAKS for e in period):
            # Short breaks (regulation 48): the child lives at home, so the health duties of a
            # looked-after child and regulation 28 visiting do not apply in the same way.
            continue
        initial = min(
            (c.date for c in checks if c.kind == "initial" and _within(c.date, start, end)),
            default=None,
        )
        if initial is not None or end is None:
            yield evaluate(
                "children_in_care.initial_health_assessment",
                start,
                initial,
                today,
                subject=subject,
                **kw,
            )
        if initial is not None:
            yield from recurring(
                ["children_in_care.review_health_assessment"],
                initial,
                [c.date for c in checks if c.kind == "review" and _within(c.date, start, end)],
                today,
                end=end,
                label="Review health assessment {n}",
                subject=subject,
                dob=child.date_of_birth,
                **kw,
            )
        yield from recurring(
            ["children_in_care.dental_check"],
            start,
            [c.date for c in checks if c.kind == "dental" and _within(c.date, start, end)],
            today,
            end=end,
            label="Dental check {n}",
            subject=subject,
            **kw,
        )
        yield from _placement_visits(period, visits, today, subject, **kw)


def _placement_visits(period, visits, today, subject, **kw) -> Iterator[TimescaleItem]:
    """Regulation 28: a visit within 7 days of every placement, then 6-weekly in the first
    year, then 3-monthly where the placement is intended to last until the child is 18."""
    placements: list[list] = []
    for episode in period:
        # "L" is a change of legal status only: the child stays where they are.
        if placements and episode.reason_new_episode == "L":
            placements[-1].append(episode)
        else:
            placements.append([episode])
    for placement in placements:
        start, end = placement[0].start_date, placement[-1].end_date
        long_term = placement[-1].long_term_placement
        first_year_ends = start + relativedelta(years=1)
        done = sorted(d for d in _seen_dates(visits) if _within(d, start, end))
        anchor, number = start, 1
        while True:
            if number == 1:
                key = "children_in_care.visit_after_placement"
            elif long_term and anchor >= first_year_ends:
                key = "children_in_care.visits_long_term_placement"
            else:
                key = "children_in_care.visits_first_year"
            # The first visit may be on the day of the move; later ones must follow the last.
            met = next((d for d in done if d > anchor or (number == 1 and d == anchor)), None)
            ended = met is None and end is not None and end <= today
            item = evaluate(
                key,
                anchor,
                met,
                end if ended else today,
                label=f"Visit {number}",
                subject=f"Placement from {long_date(start)}",
                **kw,
            )
            if met is not None:
                yield item
                anchor, number = met, number + 1
                continue
            # As for other chains: after a placement ends only a visit already missed shows;
            # before a planned end only one falling due by then.
            if (ended and item.state is State.OVERDUE) or (
                not ended and (end is None or item.due <= end)
            ):
                yield item
            break


@rule
def return_home_interviews(child, today, **kw) -> Iterator[TimescaleItem]:
    now = today if isinstance(today, datetime) else timezone.now()
    for episode in child.missing_episodes.all():
        if episode.returned_at is None:
            continue
        met = episode.rhi_completed_at
        if met is None and episode.rhi_accepted is False:
            met = episode.rhi_offered_at  # offered in time and declined: the duty was met
        yield evaluate(
            "missing.return_home_interview",
            episode.returned_at,
            met,
            now,
            subject=f"Returned {timezone.localtime(episode.returned_at):%d/%m/%Y %H:%M}",
            **kw,
        )


# -- care leavers ---------------------------------------------------------------------------


@rule
def pathway_plans(child, today, **kw) -> Iterator[TimescaleItem]:
    moves = [a.start_date for a in child.care_leaver_accommodation.all()]
    for plan in child.pathway_plans.prefetch_related("reviews"):
        reviews = sorted(r.date for r in plan.reviews.all())
        subject = f"Pathway plan from {long_date(plan.start_date)}"
        yield from recurring(
            ["care_leavers.pathway_plan_review"],
            plan.start_date,
            reviews,
            today,
            end=plan.end_date,
            label="Review {n}",
            subject=subject,
            **kw,
        )
        for move in sorted(moves):
            if not _within(move, plan.start_date, plan.end_date) or move == plan.start_date:
                continue
            yield evaluate(
                "care_leavers.pathway_plan_review_after_move",
                move,
                next((d for d in reviews if d >= move), None),
                today,
                subject=f"Moved {long_date(move)}",
                **kw,
            )


# -- the whole child ------------------------------------------------------------------------


def child_timescales(child, today: date | None = None) -> list[TimescaleItem]:
    """Every timescale for the child, open ones first (overdue, then soonest due)."""
    today = today or timezone.localdate()
    options = {"cal": calendar(), "due_soon": get("general.due_soon").period}
    items = [item for r in RULES for item in r(child, today, **options)]
    return sorted(items, key=sort_key)


_STATE_ORDER = {
    State.OVERDUE: 0,
    State.DUE_SOON: 1,
    State.DUE: 2,
    State.MET_LATE: 3,
    State.MET_ON_TIME: 4,
}


def sort_key(item: TimescaleItem) -> tuple:
    due = local_date(item.due)
    # Open items soonest first; met ones most recent first.
    order = due.toordinal() if item.is_open else -due.toordinal()
    return (_STATE_ORDER[item.state], order, item.name)


def next_item(items: list[TimescaleItem]) -> TimescaleItem | None:
    """The most pressing open item: what "My work" shows for each child."""
    open_items = [i for i in items if i.is_open]
    return min(open_items, key=sort_key) if open_items else None
