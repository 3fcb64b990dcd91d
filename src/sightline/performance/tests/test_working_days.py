"""The working-day table the indicators count with agrees with the calendar, day for day."""

from datetime import date, timedelta

import pytest

from sightline.performance.models import WorkingDay
from sightline.performance.working_days import refresh
from sightline.timescales.admin_services import add_closure_day
from sightline.timescales.calendar import calendar
from sightline.timescales.models import ClosureDay

pytestmark = pytest.mark.django_db


def _ordinals(start: date, end: date) -> dict[date, int]:
    return dict(WorkingDay.objects.filter(date__range=(start, end)).values_list("date", "ordinal"))


def test_table_is_filled_after_migrate_from_1990_to_2060():
    assert WorkingDay.objects.order_by("date").first().date == date(1990, 1, 1)
    assert WorkingDay.objects.order_by("date").last().date == date(2060, 12, 31)
    assert WorkingDay.objects.count() == (date(2060, 12, 31) - date(1990, 1, 1)).days + 1


def test_ordinal_difference_is_the_calendars_working_days_between_for_every_pair_of_days():
    # Christmas and New Year 2024-25 and Easter 2025: weekends and bank holidays both.
    start, end = date(2024, 12, 14), date(2025, 4, 30)
    ordinal = _ordinals(start, end)
    cal = calendar()
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    for first in days[::3]:
        for last in days[::5]:
            if last < first:
                continue
            assert ordinal[last] - ordinal[first] == cal.working_days_between(first, last), (
                first,
                last,
            )


def test_a_weekend_start_counts_from_the_next_working_day():
    ordinal = _ordinals(date(2025, 1, 10), date(2025, 1, 14))
    saturday, monday, tuesday = date(2025, 1, 11), date(2025, 1, 13), date(2025, 1, 14)
    assert ordinal[monday] - ordinal[saturday] == 1
    assert ordinal[tuesday] - ordinal[saturday] == 2


def test_bank_holidays_and_weekends_are_not_working_days():
    rows = dict(
        WorkingDay.objects.filter(date__range=(date(2025, 12, 24), date(2025, 12, 29))).values_list(
            "date", "is_working_day"
        )
    )
    assert rows[date(2025, 12, 24)] is True
    assert rows[date(2025, 12, 25)] is False  # Christmas Day
    assert rows[date(2025, 12, 26)] is False  # Boxing Day
    assert rows[date(2025, 12, 27)] is False  # Saturday
    assert rows[date(2025, 12, 29)] is True


def test_adding_a_closure_day_renumbers_the_days_after_it():
    before = _ordinals(date(2025, 12, 23), date(2025, 12, 31))
    add_closure_day(date(2025, 12, 29), "Christmas closure")
    after = _ordinals(date(2025, 12, 23), date(2025, 12, 31))
    assert after[date(2025, 12, 24)] == before[date(2025, 12, 24)]
    assert after[date(2025, 12, 29)] == before[date(2025, 12, 29)] - 1
    assert after[date(2025, 12, 31)] == before[date(2025, 12, 31)] - 1
    assert not WorkingDay.objects.get(date=date(2025, 12, 29)).is_working_day


def test_removing_a_closure_day_puts_it_back():
    add_closure_day(date(2025, 12, 29), "Christmas closure")
    ClosureDay.objects.filter(date=date(2025, 12, 29)).delete()
    assert WorkingDay.objects.get(date=date(2025, 12, 29)).is_working_day


def test_refresh_changes_nothing_when_the_table_is_up_to_date():
    assert refresh() == 0


def test_starts_at_is_london_midnight_in_summer_and_winter():
    summer = WorkingDay.objects.get(date=date(2025, 7, 1)).starts_at
    winter = WorkingDay.objects.get(date=date(2025, 1, 15)).starts_at
    assert summer.isoformat().startswith("2025-06-30T23:00")  # stored in UTC
    assert winter.isoformat().startswith("2025-01-15T00:00")
