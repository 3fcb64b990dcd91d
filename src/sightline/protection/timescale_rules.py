"""Child protection timescales: the initial conference, then for each plan its first core
group, review conferences and visits, and how long the plan has lasted.

The plan length alerts are declared as `child_protection.plan_duration_alert`
(15, 18 and 24 months unless the council changes them). Each milestone a still-open plan has
reached is one item, so My work and the team views show it beside the other timescales.

A plan that has ended yields nothing: the question "should this child still be on a plan?"
has been answered, and the plan's dates still say how long it lasted for anyone counting.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sightline.timescales.declarations import Period, get
from sightline.timescales.engine import TimescaleItem, due_date, evaluate, local_date, recurring
from sightline.timescales.rules import rule, seen_dates
from sightline.web.dates import long_date

PLAN_LENGTH = "child_protection.plan_duration_alert"


def plan_subject(plan) -> str:
    # Every item of a plan carries these words, so a plan's items read as one group.
    return f"Child protection plan from {long_date(plan.start_date)}"


def milestones_reached(plan, today: date) -> list[tuple[Period, date]]:
    """(period, date reached) for each declared plan length milestone an open plan has reached."""
    if plan.end_date is not None:
        return []
    reached = []
    for period in get(PLAN_LENGTH).periods:
        on = local_date(due_date(plan.start_date, period))
        if on <= today:
            reached.append((period, on))
    return reached


def plan_length_items(plan, today: date, **kw) -> list[TimescaleItem]:
    timescale = get(PLAN_LENGTH)
    url = reverse("protection-plan", args=[plan.pk])
    return [
        evaluate(
            timescale,
            plan.start_date,
            None,
            today,
            period=period,
            label=f"{period.plain} on the plan",
            subject=plan_subject(plan),
            url=url,
            **kw,
        )
        for period, _ in milestones_reached(plan, today)
    ]


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


@rule
def cp_plans(child, today, **kw) -> Iterator[TimescaleItem]:
    for plan in child.cp_plans.select_related("icpc").prefetch_related(
        "core_groups", "reviews", "visits"
    ):
        conference = plan.icpc.date if plan.icpc else plan.start_date
        subject = plan_subject(plan)
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
            seen_dates(plan.visits.all()),
            today,
            end=plan.end_date,
            label="Visit {n}",
            subject=subject,
            url=url + "#visits",
            **kw,
        )


@rule
def plan_length_alerts(child, today, **kw) -> Iterator[TimescaleItem]:
    today = local_date(today)
    for plan in child.cp_plans.filter(end_date__isnull=True):
        yield from plan_length_items(plan, today, **kw)
