"""Timescale rules for children in need: reviews of a child in need plan, and reassessing the
needs of a disabled child whose package of care is reviewed.

Neither has a national timescale. Plan reviews follow common local practice, 3 months after
the plan starts and then every 3 months after the last review: the local timescale
"children_in_need.plan_review", which the council can change. The needs reassessment is due on
the date set on the package (and moved on at each reassessment), so it is met by the
reassessment.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sightline.timescales.declarations import Period, get
from sightline.timescales.engine import TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule
from sightline.web.dates import long_date

PLAN_REVIEW = "children_in_need.plan_review"
NEEDS_REASSESSMENT = "children_in_need.needs_reassessment"
# Due on the date the package names: the period counted from that date is nothing.
ON_THE_DAY = Period(0, "d")


def plan_review_items(plan, today: date, **kw) -> list[TimescaleItem]:
    return recurring(
        [get(PLAN_REVIEW)],
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
    options = {"subject": subject, "url": url, "period": ON_THE_DAY, **kw}
    items = [
        evaluate(get(NEEDS_REASSESSMENT), r.was_due, r.date, today, **options)
        for r in sorted(package.reassessments.all(), key=lambda r: (r.date, r.pk))
    ]
    due, end = package.needs_reassessment_due, package.end_date
    if end is not None and due > end:
        return items
    as_of = end if end is not None and end < today else today
    items.append(evaluate(get(NEEDS_REASSESSMENT), due, None, as_of, **options))
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
