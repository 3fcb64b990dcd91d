"""The generator's clock: days as integers (proleptic ordinals) and instants as UTC minutes.

Millions of dates are compared, shifted and written, so they stay plain ints until they are
written. Working days come from the council's own `WorkingCalendar` (bank holidays plus
closure days), turned into a cumulative table so that "n working days after" and "working days
between" are one list lookup each and agree exactly with `WorkingCalendar`.

Event instants (contacts, decisions, missing episodes) are minutes since 1970-01-01 UTC; they
are made from a Europe/London wall-clock time, as a practitioner would record them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sightline.timescales.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
EPOCH = date(1970, 1, 1).toordinal()
DAY_MINUTES = 1440
FIRST_YEAR = 1930  # the oldest adult's date of birth is later than this


class TimeBase:
    """Dates, working days, financial years and London wall-clock instants for one run."""

    def __init__(self, as_of: date, cal: WorkingCalendar, *, years_after: int = 25) -> None:
        self.as_of = as_of.toordinal()
        self.lo = date(FIRST_YEAR, 1, 1).toordinal()
        self.hi = date(as_of.year + years_after, 12, 31).toordinal()
        span = range(self.lo, self.hi + 1)
        self.ymd: list[tuple[int, int, int]] = []
        self.fy: list[int] = []
        cum: list[int] = []
        working: list[int] = []
        count = 0
        for o in span:
            d = date.fromordinal(o)
            self.ymd.append((d.year, d.month, d.day))
            self.fy.append(d.year if d.month >= 4 else d.year - 1)
            if cal.is_working_day(d):
                count += 1
                working.append(o)
            cum.append(count)
        self._cum = cum
        self._working = working
        self.iso: list[str] = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in self.ymd]
        # UTC offset in minutes at local noon; on the days the clocks change (the noon offset
        # differs from the day before) instants are converted exactly.
        self._offset: list[int] = []
        self._changes: set[int] = set()
        previous = None
        for o, (y, m, d) in zip(span, self.ymd, strict=True):
            if m in (3, 10) or previous is None:
                offset = int(datetime(y, m, d, 12, tzinfo=LONDON).utcoffset().total_seconds()) // 60
            else:
                offset = previous
            if previous is not None and offset != previous:
                self._changes.add(o)
            self._offset.append(offset)
            previous = offset

    # -- working days ---------------------------------------------------------------------------

    def add_wd(self, o: int, n: int) -> int:
        """The day `n` working days after day `o` (as WorkingCalendar.add_working_days)."""
        if n <= 0:
            return o
        return self._working[self._cum[o - self.lo] + n - 1]

    def wd_between(self, start: int, end: int) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        return self._cum[end - self.lo] - self._cum[start - self.lo]

    def is_wd(self, o: int) -> bool:
        i = o - self.lo
        return self._cum[i] != (self._cum[i - 1] if i else 0)

    # -- calendar arithmetic --------------------------------------------------------------------

    def fy_of(self, o: int) -> int:
        """The financial year (1 April Y to 31 March Y+1) as Y."""
        return self.fy[o - self.lo]

    def add_years(self, o: int, n: int) -> int:
        y, m, d = self.ymd[o - self.lo]
        if m == 2 and d == 29:
            d = 28
        return date(y + n, m, d).toordinal()

    def add_months(self, o: int, n: int) -> int:
        y, m, d = self.ymd[o - self.lo]
        total = y * 12 + (m - 1) + n
        y, m = divmod(total, 12)
        m += 1
        while True:
            try:
                return date(y, m, d).toordinal()
            except ValueError:
                d -= 1

    def age(self, dob: int, o: int) -> int:
        """Whole years of age on day `o` for someone born on day `dob`."""
        by, bm, bd = self.ymd[dob - self.lo]
        y, m, d = self.ymd[o - self.lo]
        return y - by - ((m, d) < (bm, bd))

    def year_of(self, o: int) -> int:
        return self.ymd[o - self.lo][0]

    @staticmethod
    def to_date(o: int) -> date:
        return date.fromordinal(o)

    # -- instants -------------------------------------------------------------------------------

    def instant(self, o: int, minute_of_day: int) -> int:
        """UTC minutes since the epoch for a Europe/London wall-clock time on day `o`."""
        if o in self._changes:
            y, m, d = self.ymd[o - self.lo]
            h, mi = divmod(minute_of_day, 60)
            local = datetime(y, m, d, h, mi, tzinfo=LONDON)
            return int(local.astimezone(UTC).timestamp()) // 60
        return (o - EPOCH) * DAY_MINUTES + minute_of_day - self._offset[o - self.lo]

    def local_day(self, minutes: int) -> int:
        """The Europe/London date of an instant."""
        utc_day = minutes // DAY_MINUTES + EPOCH
        local = minutes + self._offset[utc_day - self.lo]
        return local // DAY_MINUTES + EPOCH

    @staticmethod
    def to_datetime(minutes: int) -> datetime:
        return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)


class Formats:
    """How dates, instants and booleans are passed to one database's driver.

    SQLite stores what Django's backend writes: dates as 'YYYY-MM-DD' and datetimes as naive UTC
    'YYYY-MM-DD HH:MM:SS' text (`DatabaseOperations.adapt_datetimefield_value`). PostgreSQL gets
    `date` and timezone-aware `datetime` objects, as Django passes them to psycopg.
    """

    def __init__(self, tb: TimeBase, vendor: str) -> None:
        self.tb = tb
        self.vendor = vendor
        lo = tb.lo
        if vendor == "sqlite":
            table: list = tb.iso
            times = [f" {m // 60:02d}:{m % 60:02d}:00" for m in range(DAY_MINUTES)]

            def dt(minutes: int) -> str:
                day, minute = divmod(minutes, DAY_MINUTES)
                return table[day + EPOCH - lo] + times[minute]

        else:
            table = [date.fromordinal(o) for o in range(lo, tb.hi + 1)]
            base = datetime(1970, 1, 1, tzinfo=UTC)

            def dt(minutes: int) -> datetime:
                return base + timedelta(minutes=minutes)

        def d(o: int):
            return table[o - lo]

        def d_or_none(o: int | None):
            return None if o is None else table[o - lo]

        self.d = d
        self.dn = d_or_none
        self.dt = dt

    def dtn(self, minutes: int | None):
        return None if minutes is None else self.dt(minutes)
