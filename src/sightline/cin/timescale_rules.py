"""Timescale rules for children in need: reviews of a child in need plan, and reassessing the
needs of a disabled child whose package of care is reviewed.

Neither has a national timescale. Plan reviews follow common local practice, 3 months after
the plan starts and then every 3 months after the last review; this belongs in the council's
configuration as a declared local timescale ("children_in_need.plan_review"). Until it is
declared the period is held here; once it is, the declaration (and any local change to it)
is used instead, with no change to this module. The needs reassessment is due on the date
set on the package (and moved on at each reassessment), so it is met by the reassessment.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sightline.timescales.declarations import Period, Timescale, UnknownTimescale, get
from sightline.timescales.engine import TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule
from sightline.web.dates import long_date

PLAN_REVIEW = Timescale(
    key="children_in_need.plan_review",
    name="Child in need plan review",
    kind="local",
    period=Period.parse("3 months"),
    source_text="every: 3 months, from: plan start (local practice, not yet declared)",
    rule="every",
    counts_from="plan start",
    value="3 months",
    default_value="3 months",
)
# Due on the date the package names: the period is nothing, counted from that date.
NEEDS_REASSESSMENT = Timescale(
    key="children_in_need.needs_reassessment",
    name="Needs reassessment",
    kind="local",
    period=Period(0, "d"),
    source_text="by: the needs reassessment due date on the package of care",
    rule="by",
    counts_from="needs reassessment due date",
    counts_to="needs reassessed",
    value="0 d",
    default_value="0 d",
)


def plan_review_timescale() -> Timescale:
    """The declared "children_in_need.plan_review" if the council has one, else 3 months."""
    try:
        return get(PLAN_REVIEW.key)
    except UnknownTimescale:
        return PLAN_REVIEW


def plan_review_items(plan, today: date, **kw) -> list[TimescaleItem]:
    return recurring(
        [plan_review_timescale()],
        plan.start_date,
        [r.date for r in plan.reviews.all()],
        today,
        end=plan.end_date,
        label="Review {n}",
        subject=f"Child in need plan from {long_date(plan.start_date)}",
        url=reverse("cin-plan-detail", args=[plan.pk]),
        **kw,
    )


def needs_reassessment_items(package, today: date, **kw) -> list[TimescaleItem]:
    """Each reassessment done (against the date it was due), then the one due next.

    After the package ends only a reassessment already overdue by then stays, worked out as
    at the end date; one falling due after a planned end is not shown.
    """
    subject = f"Package of care from {long_date(package.start_date)}"
    url = reverse("package-detail", args=[package.pk])
    options = {"subject": subject, "url": url, "period": NEEDS_REASSESSMENT.period, **kw}
    items = [
        evaluate(NEEDS_REASSESSMENT, r.was_due, r.date, today, **options)
        for r in sorted(package.reassessments.all(), key=lambda r: (r.date, r.pk))
    ]
    due, end = package.needs_reassessment_due, package.end_date
    if end is not None and due > end:
        return items
    as_of = end if end is not None and end < today else today
    items.append(evaluate(NEEDS_REASSESSMENT, due, None, as_of, **options))
    if end is not None and end < today and not items[-1].is_late:
        items.pop()
    return items


@rule
def cin_plan_reviews(child, today, **kw) -> Iterator[TimescaleItem]:
    for plan in child.cin_plans.prefetch_related("reviews"):
        yield from plan_review_items(plan, today, **kw)


@rule
def needs_reassessments(child, today, **kw) -> Iterator[TimescaleItem]:
    for package in child.disabled_children_packages.prefetch_related("reassessments"):
        yield from needs_reassessment_items(package, today, **kw)
