"""Timescales for care leavers: pathway plan reviews, and a review after each move.

Registered with the timescale engine by `@rule` (see `sightline.timescales.rules`).
"""

from collections.abc import Iterator

from sightline.timescales.engine import TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule, within
from sightline.web.dates import long_date


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
            if not within(move, plan.start_date, plan.end_date) or move == plan.start_date:
                continue
            yield evaluate(
                "care_leavers.pathway_plan_review_after_move",
                move,
                next((d for d in reviews if d >= move), None),
                today,
                subject=f"Moved {long_date(move)}",
                **kw,
            )
