"""Child protection timescales this app adds to the core rules: how long a plan has lasted.

The ICPC, core group, review conference and visit rules live in `sightline.timescales.rules`;
this module adds the plan length alerts declared as `child_protection.plan_duration_alert`
(15, 18 and 24 months unless the council changes them). Each milestone a still-open plan has
reached is one item, so My work and the team views show it beside the other timescales.

A plan that has ended yields nothing: the question "should this child still be on a plan?"
has been answered, and the plan's dates still say how long it lasted for anyone counting.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sightline.timescales.declarations import Period, get
from sightline.timescales.engine import TimescaleItem, due_date, evaluate, local_date
from sightline.timescales.rules import rule
from sightline.web.dates import long_date

PLAN_LENGTH = "child_protection.plan_duration_alert"


def plan_subject(plan) -> str:
    # The same words the core rules use for a plan, so a plan's items read as one group.
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
def plan_length_alerts(child, today, **kw) -> Iterator[TimescaleItem]:
    today = local_date(today)
    for plan in child.cp_plans.filter(end_date__isnull=True):
        yield from plan_length_items(plan, today, **kw)
