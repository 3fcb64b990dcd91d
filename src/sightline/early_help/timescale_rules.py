"""Early help due dates: the assessment's completion and the plan's reviews.

Both are local timescales: no regulation sets them, the council does. Until they are declared
in `timescales.declarations` (where the council can change them with `sightline timescales
set`), the defaults below apply, built in the same shape as every other declaration so that
the engine counts them the same way.
"""

from collections.abc import Iterator

from sightline.timescales.declarations import Period, Timescale, UnknownTimescale, get
from sightline.timescales.engine import TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule
from sightline.web.dates import long_date

# Common local practice: the assessment done within 45 working days (as for a statutory
# assessment) and the plan reviewed by the team around the family every 6 weeks.
DEFAULTS = {
    "early_help.assessment_completion": Timescale(
        key="early_help.assessment_completion",
        name="Early help assessment completed",
        kind="local",
        period=Period(45, "wd"),
        source_text="{within: 45 wd, from: assessment start, kind: local}",
        rule="within",
        counts_from="assessment start",
        periods=(Period(45, "wd"),),
        value="45 wd",
        default_value="45 wd",
        locally_configurable=True,
    ),
    "early_help.plan_review": Timescale(
        key="early_help.plan_review",
        name="Early help plan review",
        kind="local",
        period=Period(6, "weeks"),
        source_text="{every: 6 weeks, kind: local}",
        rule="every",
        counts_from="plan start, then each review",
        periods=(Period(6, "weeks"),),
        value="6 weeks",
        default_value="6 weeks",
        locally_configurable=True,
    ),
}


def timescale(key: str) -> Timescale:
    """The council's declaration if there is one, else the default above."""
    try:
        return get(key)
    except UnknownTimescale:
        return DEFAULTS[key]


@rule
def early_help(child, today, **kw) -> Iterator[TimescaleItem]:
    from django.urls import reverse

    url = reverse("early-help-child", args=[child.council_id])
    for episode in child.early_help_episodes.prefetch_related("assessments", "plans__reviews"):
        for assessment in episode.assessments.all():
            if assessment.completed_date is None and episode.end_date is not None:
                continue  # early help ended: an unfinished assessment is no longer due
            yield evaluate(
                timescale("early_help.assessment_completion"),
                assessment.start_date,
                assessment.completed_date,
                today,
                subject=f"Early help assessment started {long_date(assessment.start_date)}",
                url=url,
                **kw,
            )
        for plan in episode.plans.all():
            yield from recurring(
                [timescale("early_help.plan_review")],
                plan.start_date,
                [r.date for r in plan.reviews.all()],
                today,
                end=plan.end_date,
                label="Review {n}",
                subject=f"Early help plan from {long_date(plan.start_date)}",
                url=url,
                **kw,
            )
