"""Early help due dates: the assessment's completion and the plan's reviews.

Both are local timescales, declared in the timescales YAML: no regulation sets them, the
council does, and changes them with `sightline timescales set`.
"""

from collections.abc import Iterator

from sightline.timescales.declarations import get
from sightline.timescales.engine import TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule
from sightline.web.dates import long_date


@rule
def early_help(child, today, **kw) -> Iterator[TimescaleItem]:
    from django.urls import reverse

    url = reverse("early-help-child", args=[child.council_id])
    for episode in child.early_help_episodes.prefetch_related("assessments", "plans__reviews"):
        for assessment in episode.assessments.all():
            if assessment.completed_date is None and episode.end_date is not None:
                continue  # early help ended: an unfinished assessment is no longer due
            yield evaluate(
                get("early_help.assessment_completion"),
                assessment.start_date,
                assessment.completed_date,
                today,
                subject=f"Early help assessment started {long_date(assessment.start_date)}",
                url=url,
                **kw,
            )
        for plan in episode.plans.all():
            yield from recurring(
                [get("early_help.plan_review")],
                plan.start_date,
                [r.date for r in plan.reviews.all()],
                today,
                end=plan.end_date,
                label="Review {n}",
                subject=f"Early help plan from {long_date(plan.start_date)}",
                url=url,
                **kw,
            )
