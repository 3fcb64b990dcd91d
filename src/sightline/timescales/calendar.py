"""The working-day calendar every working-day timescale is counted on.

A working day is a weekday that is not an England and Wales bank holiday (including one-off
days such as the Queen's funeral, 19 September 2022, and the coronation, 8 May 2023) and not a
day the council has closed (`ClosureDay`). Statutory guidance counts "working days" this way, so
one calendar serves every timescale and every report: a due date and the figure in a return can
never disagree about which days counted.

Indicator code calls this hundreds of thousands of times, so the calendar precomputes a sorted
list of working-day ordinals and answers every question with a binary search.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

import holidays

__all__ = [
    "WorkingCalendar",
    "bank_holidays",
    "calendar",
    "clear_cache",
    "clear_cache_on_change",
]

# Wide enough for every record a children's service holds (care leavers' histories go back
# decades) and for plans running well into the future; anything outside extends lazily.
DEFAULT_FIRST_YEAR = 1990
DEFAULT_LAST_YEAR = 2060
# How many years to add at a time when a date falls outside the range, so that a run of
# out-of-range dates does not rebuild the table on every call.
_EXTEND_BY_YEARS = 10


def bank_holidays(years: Iterable[int]) -> dict[date, str]:
    """England and Wales bank holidays for `years`, with their names.

    The `holidays` package, not a hand-kept list, because one-off days (royal funerals,
    coronations, jubilees) and substitute days are announced at short notice and the package
    is updated when they are.
    """
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=list(years)).items())


class WorkingCalendar:
    """Weekdays minus England and Wales bank holidays minus the council's closure days.

    Immutable once built (apart from lazily widening its range), so one instance can be shared
    between threads and cached for the life of the process.
    """

    def __init__(
        self,
        closures: Iterable[date] = (),
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
    ) -> None:
        self._closures: frozenset[int] = frozenset(d.toordinal() for d in closures)
        self._lock = threading.Lock()
        self._build(first_year, last_year)

    # -- construction -----------------------------------------------------------------------

    def _build(self, first_year: int, last_year: int) -> None:
        closed = {d.toordinal() for d in bank_holidays(range(first_year, last_year + 1))}
        closed |= self._closures
        lo = date(first_year, 1, 1).toordinal()
        hi = date(last_year, 12, 31).toordinal()
        # date.fromordinal(o).weekday() == (o - 1) % 7 (ordinal 1 is Monday 1 January 1).
        working = [o for o in range(lo, hi + 1) if (o - 1) % 7 < 5 and o not in closed]
        # One assignment of a finished table, so a reader on another thread sees either the old
        # consistent table or the new one, never a range that disagrees with its list.
        self._table = _Table(first_year, last_year, lo, hi, frozenset(closed), working)

    def _covering(self, *ordinals: int) -> _Table:
        """The table, widened first if needed so that it contains every one of `ordinals`."""
        table = self._table
        if all(table.lo <= o <= table.hi for o in ordinals):
            return table
        with self._lock:
            table = self._table
            years = [_year_of(o) for o in ordinals]
            first = min(table.first_year, *(y - _EXTEND_BY_YEARS for y in years))
            last = max(table.last_year, *(y + _EXTEND_BY_YEARS for y in years))
            first, last = max(date.min.year, first), min(date.max.year, last)
            if (first, last) != (table.first_year, table.last_year):
                self._build(first, last)
            return self._table

    @property
    def closures(self) -> frozenset[date]:
        """The council's own closure days this calendar was built with."""
        return frozenset(date.fromordinal(o) for o in self._closures)

    def is_working_day(self, d: date) -> bool:
        """Whether `d` counts as a working day (a datetime counts by its date)."""
        o = d.toordinal()
        return (o - 1) % 7 < 5 and o not in self._covering(o).closed

    def add_working_days(self, d: date, n: int) -> date:
        """The date `n` working days after `d`.

        Counting starts on the next working day after `d`, as the statutory guidance counts:
        a referral on Friday has its "1 working day" decision due on Monday. `d` itself need
        not be a working day (a contact at the weekend still counts from Monday), and `n == 0`
        returns `d` unchanged so that "within 0 days" means the same day.
        """
        if n < 0:
            raise ValueError("n must not be negative; use subtract_working_days")
        if n == 0:
            return _as_date(d)
        o = d.toordinal()
        # n working days never span more than 2n + 14 calendar days (weekends plus the longest
        # run of holidays), so covering that far guarantees the answer is in the table.
        ordinals = self._covering(o, o + 2 * n + 14).ordinals
        # Working days strictly after d start at bisect_right(ordinals, o).
        return date.fromordinal(ordinals[bisect_right(ordinals, o) + n - 1])

    def subtract_working_days(self, d: date, n: int) -> date:
        """The date `n` working days before `d` (counting back from the working day before it).

        Used for "due soon" windows: the window opens this many working days before the due
        date. `n == 0` returns `d` unchanged.
        """
        if n < 0:
            raise ValueError("n must not be negative; use add_working_days")
        if n == 0:
            return _as_date(d)
        o = d.toordinal()
        ordinals = self._covering(o, o - 2 * n - 14).ordinals
        # Working days strictly before d are ordinals[:bisect_left(ordinals, o)].
        return date.fromordinal(ordinals[bisect_left(ordinals, o) - n])

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after `start`, up to and including `end`.

        This is the count a timescale measure uses ("completed in 38 working days"), and it is
        the inverse of `add_working_days`: for any working day `d`,
        `working_days_between(d, add_working_days(d, n)) == n`. Zero when `end <= start`.
        """
        s, e = start.toordinal(), end.toordinal()
        if e <= s:
            return 0
        ordinals = self._covering(s, e).ordinals
        return bisect_right(ordinals, e) - bisect_right(ordinals, s)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d` (the same as `add_working_days(d, 1)`)."""
        return self.add_working_days(d, 1)

    def working_day_on_or_after(self, d: date) -> date:
        """`d` if it is a working day, otherwise the next one: where a due date rolls forward to."""
        return _as_date(d) if self.is_working_day(d) else self.next_working_day(d)

    def __repr__(self) -> str:
        t = self._table
        return f"WorkingCalendar({t.first_year}-{t.last_year}, {len(self._closures)} closure days)"


class _Table(NamedTuple):
    first_year: int
    last_year: int
    lo: int  # ordinal of 1 January first_year
    hi: int  # ordinal of 31 December last_year
    closed: frozenset[int]  # bank holidays and closure days in range
    ordinals: list[int]  # working days in range, ascending


def _year_of(ordinal: int) -> int:
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal())).year


def _as_date(d: date) -> date:
    # datetime is a subclass of date; callers of a working-day calendar get a plain date back.
    return date(d.year, d.month, d.day) if type(d) is not date else d


# -- the process-wide calendar, built from the database ---------------------------------------

# Signals clear the cache when a ClosureDay changes in this process; the TTL bounds how long a
# change made by another process (a management command, another worker) or a rolled-back write
# can go unseen.
CACHE_SECONDS = 300.0

_cache_lock = threading.Lock()
_cached: WorkingCalendar | None = None
_cached_at = 0.0


def calendar() -> WorkingCalendar:
    """The council's working calendar: bank holidays plus its closure days from the database.

    Cached per process because building it takes milliseconds and it is wanted on every page;
    the cache is cleared whenever a `ClosureDay` is saved or deleted.
    """
    global _cached, _cached_at
    cal = _cached
    if cal is not None and time.monotonic() - _cached_at < CACHE_SECONDS:
        return cal
    with _cache_lock:
        if _cached is not None and time.monotonic() - _cached_at < CACHE_SECONDS:
            return _cached
        # Imported here so that this module can be used without Django being set up.
        from .models import ClosureDay

        closures = list(ClosureDay.objects.values_list("date", flat=True))
        # Reuse the bank-holiday tables when the closures have not changed (a TTL expiry).
        if _cached is not None and _cached.closures == frozenset(closures):
            cal = _cached
        else:
            cal = WorkingCalendar(closures)
        _cached, _cached_at = cal, time.monotonic()
        return cal


def clear_cache() -> None:
    """Forget the cached calendar so the next `calendar()` call reads closure days afresh."""
    global _cached, _cached_at
    with _cache_lock:
        _cached, _cached_at = None, 0.0


def clear_cache_on_change(**kwargs: object) -> None:
    """Signal receiver (post_save/post_delete of ClosureDay), connected in `apps.py`."""
    clear_cache()
