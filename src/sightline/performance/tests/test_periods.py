"""Reporting periods: months, quarters, financial years, rolling 12 months, and their codes."""

from datetime import date

import pytest

from sightline.performance.periods import Period, last_12_months, parse_period, period_code

TODAY = date(2025, 11, 20)


def test_financial_year_runs_april_to_march():
    fy = Period.financial_year(2024)
    assert (fy.start, fy.end, fy.days) == (date(2024, 4, 1), date(2025, 3, 31), 365)
    assert fy.is_a_year and fy.year_fraction == 1.0


def test_quarter_one_is_april_to_june_and_quarter_four_january_to_march():
    assert Period.quarter(2024, 1) == Period(date(2024, 4, 1), date(2024, 6, 30), "quarter")
    assert Period.quarter(2024, 4) == Period(date(2025, 1, 1), date(2025, 3, 31), "quarter")


def test_rolling_12_months_and_financial_year_to_date():
    assert Period.rolling_12_months(TODAY).start == date(2024, 11, 21)
    assert Period.rolling_12_months(TODAY).is_a_year
    assert Period.financial_year_to_date(TODAY).start == date(2025, 4, 1)
    assert Period.financial_year_to_date(date(2026, 2, 1)).start == date(2025, 4, 1)


def test_last_12_months_ends_with_the_month_cut_at_the_as_at_date():
    months = last_12_months(TODAY)
    assert len(months) == 12
    assert months[0] == Period.month(2024, 12)
    assert months[-1] == Period(date(2025, 11, 1), TODAY, "month")


@pytest.mark.parametrize(
    "period",
    [
        Period.financial_year(2023),
        Period.quarter(2025, 3),
        Period.month(2025, 2),
        Period.between(date(2025, 1, 5), date(2025, 2, 9)),
    ],
)
def test_codes_round_trip(period):
    assert parse_period(period_code(period), TODAY) == period


@pytest.mark.parametrize("text", ["fy", "q-2025-5", "m-2025-13", "week-2025-1", "range-2025-01-01"])
def test_bad_codes_are_refused(text):
    with pytest.raises(ValueError):
        parse_period(text, TODAY)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period.between(date(2025, 2, 1), date(2025, 1, 1))


def test_the_latest_complete_financial_year_includes_one_ending_that_day():
    from sightline.performance.periods import latest_complete_financial_year

    assert latest_complete_financial_year(date(2026, 3, 30)) == 2024
    assert latest_complete_financial_year(date(2026, 3, 31)) == 2025
    assert latest_complete_financial_year(date(2026, 11, 26)) == 2025
