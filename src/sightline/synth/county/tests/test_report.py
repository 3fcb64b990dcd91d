"""The calibration report counts what its docstrings say, on small hand-made records."""

from datetime import date

import pytest

from sightline.care.models import CareEpisode, HealthCheck
from sightline.cin.models import CINEpisode
from sightline.synth.county.report import (
    Year,
    _continuously_looked_after,
    _re_referrals,
    _three_plus_placements,
    calibration_report,
    format_report,
)
from sightline.testing.factories import ChildFactory

pytestmark = pytest.mark.django_db
YEAR = Year(date(2024, 4, 1), date(2025, 3, 31))


# An episode of care unless a test says otherwise (SSDA903 codes): a new placement with new
# carers (S), on a care order (C2), for abuse or neglect (N1), with foster carers (U6).
EPISODE = {
    "reason_new_episode": "S",
    "legal_status": "C2",
    "category_of_need": "N1",
    "placement_type": "U6",
}


def _episode(child, start, end=None, rec="", **fields):
    """A period of care; one that ends is followed by another (X1) unless `rec` says otherwise."""
    fields = {**EPISODE, "end_date": end, "reason_ceased": rec or ("X1" if end else ""), **fields}
    return CareEpisode.objects.create(child=child, start_date=start, **fields)


def test_the_year_is_the_latest_complete_financial_year():
    assert Year.latest_before(date(2025, 9, 30)) == YEAR
    assert Year.latest_before(date(2025, 3, 31)) == YEAR
    assert Year.latest_before(date(2025, 3, 30)).start == date(2023, 4, 1)


def test_a_re_referral_is_a_referral_within_365_days_of_an_earlier_one():
    from django.db import connection

    a, b, c = ChildFactory(), ChildFactory(), ChildFactory()
    for child, dates in (
        (a, ["2023-06-01", "2024-05-01"]),
        (b, ["2023-04-01", "2024-05-01"]),
        (c, ["2024-06-01"]),
    ):
        for d in dates:
            CINEpisode.objects.create(
                child=child,
                referral_date=date.fromisoformat(d),
                referral_source="6",
                closure_date=date.fromisoformat(d),
                closure_reason="RC8",
            )
    # a: 335 days before -> re-referral; b: 396 days -> not; c: first referral.
    assert _re_referrals(connection, YEAR.start, YEAR.end) == 1


def test_placements_in_the_year_count_new_carers_and_the_placement_held_on_1_april():
    one, two, three = ChildFactory(), ChildFactory(), ChildFactory()
    # One: in care before the year, two moves in it -> 3 placements.
    _episode(one, date(2023, 1, 1), date(2024, 5, 1))
    _episode(one, date(2024, 5, 1), date(2024, 9, 1), reason_new_episode="P")
    _episode(one, date(2024, 9, 1), reason_new_episode="P")
    # Two: a change of legal status only, and one move -> 2 placements.
    _episode(two, date(2023, 1, 1), date(2024, 6, 1))
    _episode(two, date(2024, 6, 1), date(2024, 8, 1), reason_new_episode="L", legal_status="C1")
    _episode(two, date(2024, 8, 1), reason_new_episode="P")
    # Three: started in the year, moved twice -> 3 placements.
    _episode(three, date(2024, 4, 10), date(2024, 5, 1))
    _episode(three, date(2024, 5, 1), date(2024, 7, 1), reason_new_episode="T", legal_status="C1")
    _episode(three, date(2024, 7, 1), reason_new_episode="P")
    assert _three_plus_placements(YEAR.start, YEAR.end, "default") == (2, 3)


def test_continuously_looked_after_means_all_year_without_a_break():
    stayed, broke, late = ChildFactory(), ChildFactory(), ChildFactory()
    _episode(stayed, date(2022, 1, 1), date(2024, 9, 1))
    _episode(stayed, date(2024, 9, 1), reason_new_episode="P")
    _episode(broke, date(2022, 1, 1), date(2024, 9, 1), rec="E4A")
    _episode(broke, date(2024, 10, 1))
    _episode(late, date(2024, 5, 1))
    assert _continuously_looked_after(YEAR.start, YEAR.end, "default") == [stayed.pk]
    HealthCheck.objects.create(child=stayed, kind="dental", date=date(2024, 12, 1))
    figures = {f.id: f for f in calibration_report(date(2025, 9, 30), population=10_000)}
    assert figures["dental_checks_pct"].value == 100.0
    assert figures["health_assessments_pct"].value == 0.0
    assert figures["cla_per_10k_31_march"].value == 3.0
    assert "Dental check" in format_report(list(figures.values()))
