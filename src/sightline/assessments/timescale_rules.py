"""The assessment's own timescale rule: the manager's midpoint check.

Inspectors found assessments that ran late with no manager looking part-way through, so the
check is a timescale like any other: due 20 working days (the council's local setting of
"assessment.manager_midpoint_check") after the assessment starts, met by the first recorded
`MidpointCheck`. The assessment's completion, 45 working days from the referral to the
manager's authorisation, is the other rule here.
"""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sightline.timescales.engine import TimescaleItem, evaluate
from sightline.timescales.rules import rule
from sightline.web.dates import long_date

MIDPOINT_KEY = "assessment.manager_midpoint_check"


def midpoint_check_item(assessment, today: date, **kw) -> TimescaleItem | None:
    """The midpoint check item for one assessment, or None when it no longer applies.

    An assessment authorised before the check fell due never needed one. One authorised
    after it fell due without a check is a missed check: it stays on the record, worked out
    as at the authorisation date so it does not keep growing.
    """
    checks = [c.date for c in assessment.midpoint_checks.all()]
    first = min(checks, default=None)
    url = reverse("assessment-detail", args=[assessment.pk])
    subject = f"Assessment started {long_date(assessment.start_date)}"
    authorised = assessment.authorised_date
    item = evaluate(
        MIDPOINT_KEY,
        assessment.start_date,
        first,
        authorised if first is None and authorised and authorised <= today else today,
        subject=subject,
        url=url,
        **kw,
    )
    if first is None and authorised is not None and authorised <= item.due:
        return None
    return item


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


@rule
def midpoint_checks(child, today, **kw) -> Iterator[TimescaleItem]:
    for assessment in child.assessments.prefetch_related("midpoint_checks"):
        item = midpoint_check_item(assessment, today, **kw)
        if item is not None:
            yield item
