"""The working-day calendar: bank holidays, weekends, closure days and the add/between inverse."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.timescales.calendar import WorkingCalendar, bank_holidays, calendar

CAL = WorkingCalendar()


def naive_add(cal: WorkingCalendar, d: date, n: int) -> date:
    """Step a day at a time: slow, obviously right, and independent of the bisect tables."""
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in bank_holidays([d.year]) and d not in cal.closures:
            n -= 1
    return d


def test_assessment_due_date_skips_coronation_and_spring_bank_holiday() -> None:
    # 45 working days from Friday 5 May 2023 skips 8 May (coronation) and 29 May.
    assert CAL.add_working_days(date(2023, 5, 5), 45) == date(2023, 7, 11)


# One-off bank holidays and the substitutes for those that fell at a weekend: each day is not a
# working day, and the next working day after the day before them steps over them all.
ONE_OFF_AND_SUBSTITUTE_HOLIDAYS = [
    pytest.param([date(2022, 9, 19)], date(2022, 9, 16), date(2022, 9, 20), id="queens-funeral"),
    pytest.param([date(2023, 5, 8)], date(2023, 5, 5), date(2023, 5, 9), id="coronation"),
    pytest.param(
        [date(2022, 6, 2), date(2022, 6, 3)], date(2022, 6, 1), date(2022, 6, 6), id="jubilee"
    ),
    # 25 and 26 December 2021 fell at the weekend; the Monday and Tuesday were bank holidays.
    pytest.param(
        [date(2021, 12, 27), date(2021, 12, 28)],
        date(2021, 12, 24),
        date(2021, 12, 29),
        id="christmas-and-boxing-day-substitutes",
    ),
    pytest.param(
        [date(2022, 1, 3)], date(2021, 12, 31), date(2022, 1, 4), id="new-year-substitute"
    ),
]


@pytest.mark.parametrize(
    ("holidays", "day_before", "next_working_day"), ONE_OFF_AND_SUBSTITUTE_HOLIDAYS
)
def test_one_off_and_substitute_bank_holidays_are_not_working_days(
    holidays, day_before, next_working_day
) -> None:
    assert [day for day in holidays if CAL.is_working_day(day)] == []
    assert CAL.next_working_day(day_before) == next_working_day
    assert CAL.add_working_days(day_before, 1) == next_working_day


def test_ordinary_weekday_is_a_working_day() -> None:
    assert CAL.is_working_day(date(2025, 3, 12))


def test_weekends_are_not_working_days() -> None:
    assert not CAL.is_working_day(date(2025, 3, 8))
    assert not CAL.is_working_day(date(2025, 3, 9))


def test_one_working_day_after_friday_is_monday() -> None:
    assert CAL.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)


def test_counting_from_a_weekend_starts_on_the_next_working_day() -> None:
    assert CAL.add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)
    assert CAL.add_working_days(date(2025, 3, 9), 5) == date(2025, 3, 14)


def test_zero_working_days_is_the_same_day_even_at_a_weekend() -> None:
    assert CAL.add_working_days(date(2025, 3, 9), 0) == date(2025, 3, 9)
    assert CAL.subtract_working_days(date(2025, 3, 9), 0) == date(2025, 3, 9)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 3, 10), -1)
    with pytest.raises(ValueError):
        CAL.subtract_working_days(date(2025, 3, 10), -1)


def test_leap_day_is_a_working_day() -> None:
    assert CAL.is_working_day(date(2024, 2, 29))
    assert CAL.add_working_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert CAL.add_working_days(date(2024, 2, 29), 1) == date(2024, 3, 1)


def test_easter_is_skipped() -> None:
    # Good Friday 18 April and Easter Monday 21 April 2025.
    assert CAL.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)


def test_subtract_working_days_skips_coronation_weekend() -> None:
    assert CAL.subtract_working_days(date(2023, 5, 9), 1) == date(2023, 5, 5)
    assert CAL.subtract_working_days(date(2023, 7, 11), 45) == date(2023, 5, 5)


def test_working_days_between_counts_after_start_up_to_and_including_end() -> None:
    assert CAL.working_days_between(date(2023, 5, 5), date(2023, 7, 11)) == 45
    assert CAL.working_days_between(date(2025, 3, 7), date(2025, 3, 10)) == 1
    assert CAL.working_days_between(date(2025, 3, 7), date(2025, 3, 9)) == 0


def test_working_days_between_is_zero_when_end_is_not_after_start() -> None:
    assert CAL.working_days_between(date(2025, 3, 10), date(2025, 3, 10)) == 0
    assert CAL.working_days_between(date(2025, 3, 12), date(2025, 3, 10)) == 0


def test_working_day_on_or_after_rolls_a_bank_holiday_forward() -> None:
    assert CAL.working_day_on_or_after(date(2023, 5, 8)) == date(2023, 5, 9)
    assert CAL.working_day_on_or_after(date(2023, 5, 9)) == date(2023, 5, 9)


def test_datetime_counts_by_its_date_and_gives_a_date_back() -> None:
    due = CAL.add_working_days(datetime(2025, 3, 7, 16, 45), 1)
    assert due == date(2025, 3, 10)
    assert type(due) is date


def test_closure_days_given_to_the_calendar_are_skipped() -> None:
    cal = WorkingCalendar([date(2025, 12, 24), date(2025, 12, 29)])
    assert not cal.is_working_day(date(2025, 12, 24))
    assert cal.add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 30)
    assert CAL.add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 24)


def test_dates_outside_the_precomputed_range_still_count_bank_holidays() -> None:
    cal = WorkingCalendar(first_year=2020, last_year=2021)
    assert not cal.is_working_day(date(2023, 5, 8))
    assert cal.add_working_days(date(2023, 5, 5), 45) == date(2023, 7, 11)
    assert not cal.is_working_day(date(1985, 12, 25))
    assert cal.subtract_working_days(date(2020, 1, 2), 1) == date(2019, 12, 31)
    # Christmas Day 2070 is a Thursday.
    assert CAL.add_working_days(date(2070, 12, 24), 1) == date(2070, 12, 29)


def test_long_counts_run_past_the_end_of_the_range() -> None:
    cal = WorkingCalendar(first_year=2024, last_year=2024)
    assert cal.add_working_days(date(2024, 12, 20), 2000) == CAL.add_working_days(
        date(2024, 12, 20), 2000
    )


working_dates = st.dates(min_value=date(1992, 1, 1), max_value=date(2058, 12, 31)).filter(
    CAL.is_working_day
)


@given(d=working_dates, n=st.integers(min_value=0, max_value=700))
@settings(max_examples=500)
def test_working_days_between_inverts_add_working_days(d: date, n: int) -> None:
    assert CAL.working_days_between(d, CAL.add_working_days(d, n)) == n


@given(d=working_dates, n=st.integers(min_value=0, max_value=700))
@settings(max_examples=300)
def test_subtract_working_days_inverts_add_working_days(d: date, n: int) -> None:
    assert CAL.subtract_working_days(CAL.add_working_days(d, n), n) == d
    assert CAL.add_working_days(CAL.subtract_working_days(d, n), n) == d


@given(
    d=st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
@settings(max_examples=200)
def test_add_working_days_matches_counting_day_by_day(d: date, n: int) -> None:
    cal = WorkingCalendar([date(2023, 12, 27), date(2025, 12, 24)])
    result = cal.add_working_days(d, n)
    assert result == naive_add(cal, d, n)
    assert cal.is_working_day(result)


@pytest.mark.django_db
def test_closure_day_added_in_the_database_is_skipped() -> None:
    from sightline.timescales.models import ClosureDay

    assert calendar().is_working_day(date(2025, 12, 24))  # fills the cache
    ClosureDay.objects.create(date=date(2025, 12, 24), reason="Christmas Eve closure")
    assert not calendar().is_working_day(date(2025, 12, 24))
    assert calendar().add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 29)


@pytest.mark.django_db
def test_deleting_a_closure_day_makes_it_a_working_day_again() -> None:
    from sightline.timescales.models import ClosureDay

    closure = ClosureDay.objects.create(date=date(2025, 12, 24), reason="Christmas Eve closure")
    assert not calendar().is_working_day(date(2025, 12, 24))
    closure.delete()
    assert calendar().is_working_day(date(2025, 12, 24))


@pytest.mark.django_db
def test_calendar_is_cached_between_calls() -> None:
    assert calendar() is calendar()
