"""The generator's clock agrees with the council's working-day calendar and with zoneinfo."""

import random
from datetime import UTC, date, datetime

from sightline.synth.county.dates import LONDON, Formats, TimeBase
from sightline.timescales.calendar import WorkingCalendar

CAL = WorkingCalendar([date(2024, 12, 27)])
TB = TimeBase(date(2025, 9, 30), CAL)


def test_working_days_agree_with_the_calendar():
    rng = random.Random(1)
    for _ in range(3000):
        d = date(2018, 1, 1).toordinal() + rng.randrange(3000)
        n = rng.randrange(0, 70)
        assert TB.add_wd(d, n) == CAL.add_working_days(date.fromordinal(d), n).toordinal()
        e = d + rng.randrange(-20, 120)
        assert TB.wd_between(d, e) == CAL.working_days_between(
            date.fromordinal(d), date.fromordinal(e)
        )
    closure = date(2024, 12, 27).toordinal()
    assert not TB.is_wd(closure)


def test_instants_are_london_wall_clock_times_in_utc_including_clock_changes():
    rng = random.Random(2)
    days = [date(2024, 3, 31), date(2024, 10, 27), date(2025, 3, 30), date(2023, 7, 1)]
    days += [
        date.fromordinal(date(2015, 1, 1).toordinal() + rng.randrange(4000)) for _ in range(300)
    ]
    for d in days:
        for minute in (0, 30, 59, 60, 90, 119, 120, 150, 9 * 60 + 15, 23 * 60 + 59):
            h, m = divmod(minute, 60)
            expected = datetime(d.year, d.month, d.day, h, m, tzinfo=LONDON).astimezone(UTC)
            got = TB.to_datetime(TB.instant(d.toordinal(), minute))
            assert got == expected, (d, minute)
            assert TB.local_day(TB.instant(d.toordinal(), minute)) == d.toordinal() or minute < 120


def test_financial_years_and_ages():
    assert TB.fy_of(date(2025, 3, 31).toordinal()) == 2024
    assert TB.fy_of(date(2025, 4, 1).toordinal()) == 2025
    dob = date(2008, 2, 29).toordinal()
    assert TB.age(dob, date(2026, 2, 28).toordinal()) == 17
    assert TB.age(dob, date(2026, 3, 1).toordinal()) == 18
    assert TB.add_years(dob, 18) == date(2026, 2, 28).toordinal()


def test_sqlite_formats_are_what_django_writes():
    from django.db import connection
    from django.utils import timezone

    from sightline.frontdoor.models import Contact

    f = Formats(TB, "sqlite")
    field = Contact._meta.get_field("received_at")
    rng = random.Random(3)
    for _ in range(500):
        minutes = rng.randrange(20_000_000, 29_000_000)
        value = TB.to_datetime(minutes)
        if connection.vendor == "sqlite":
            assert f.dt(minutes) == field.get_db_prep_value(value, connection)
        assert timezone.is_aware(value)
    d = date(2024, 2, 29)
    assert f.d(d.toordinal()) == "2024-02-29"
