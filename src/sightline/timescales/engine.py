"""The timescale engine: turns a declared period and a record's dates into due dates and states.

Pure functions of their arguments. "Today" (or "now") is always a parameter, defaulting to the
current date in Europe/London, so that tests, reports "as at" a past date and the work lists all
get the same answer for the same inputs. The only database reads are the cached calendar and
local timescale values, and only when a caller does not pass them in.

Dates and date-times: working-day, day, week and month periods are counted on dates (a
date-time counts as its date in Europe/London); hour periods are counted on date-times in
elapsed hours, so a 72-hour timescale spans weekends and clock changes as the clock on the
wall does not. When one side of a comparison is a date and the other a date-time, both are
compared as dates; two date-times are compared as instants.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeAlias
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from .calendar import WorkingCalendar
from .calendar import calendar as default_calendar
from .declarations import Kind, Period, Timescale, get

__all__ = [
    "LONDON",
    "HOURLY_DUE_SOON",
    "Moment",
    "State",
    "TimescaleItem",
    "age_on",
    "due_date",
    "due_soon_from",
    "evaluate",
    "local_date",
    "recurring",
    "state_of",
]

LONDON = ZoneInfo("Europe/London")

# Hour-based timescales are too short for a working-day "due soon" window to mean anything:
# a 72-hour return home interview would be "due soon" from the moment the child came back.
HOURLY_DUE_SOON = timedelta(hours=24)

# A point in time as records hold it: a date, or a date-time for hour-based timescales.
Moment: TypeAlias = date | datetime


class State(StrEnum):
    """Where an item stands against its timescale. The values are what people read."""

    DUE = "due"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met on time"
    MET_LATE = "met late"

    @property
    def is_open(self) -> bool:
        """Still to be done (due, due soon or overdue)."""
        return self in (State.DUE, State.DUE_SOON, State.OVERDUE)

    @property
    def is_met(self) -> bool:
        return self in (State.MET_ON_TIME, State.MET_LATE)

    @property
    def is_late(self) -> bool:
        """Out of timescale: overdue now, or done after the due date."""
        return self in (State.OVERDUE, State.MET_LATE)


# -- dates, date-times and comparisons --------------------------------------------------------


def _aware(value: datetime) -> datetime:
    # Records should hold aware date-times (USE_TZ); a naive one is read as London wall time
    # rather than rejected, because that is what a person typing it meant.
    return value if value.tzinfo is not None else value.replace(tzinfo=LONDON)


def local_date(value: Moment) -> date:
    """The calendar date of `value` in Europe/London (a date is returned unchanged)."""
    if isinstance(value, datetime):
        local = _aware(value).astimezone(LONDON)
        return date(local.year, local.month, local.day)
    return value


def _pair(a: Moment, b: Moment) -> tuple[date, date] | tuple[datetime, datetime]:
    """`a` and `b` made comparable: instants if both are date-times, otherwise dates."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return _aware(a), _aware(b)
    return local_date(a), local_date(b)


def _before(a: Moment, b: Moment) -> bool:
    x, y = _pair(a, b)
    return x < y


def _after(a: Moment, b: Moment) -> bool:
    x, y = _pair(a, b)
    return x > y


def _instant(value: Moment) -> datetime:
    # A sort key that orders dates and date-times together (a date sorts as its midnight).
    if isinstance(value, datetime):
        return _aware(value).astimezone(UTC)
    return datetime.combine(value, time.min, tzinfo=LONDON).astimezone(UTC)


def _now_like(reference: Moment) -> Moment:
    from django.utils import timezone

    return timezone.now() if isinstance(reference, datetime) else timezone.localdate()


def age_on(dob: date, on: Moment) -> int:
    """Age in completed years on `on` (a 29 February birthday counts from 1 March)."""
    d = local_date(on)
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# -- due dates and states ---------------------------------------------------------------------


def due_date(start: Moment, period: Period, cal: WorkingCalendar | None = None) -> Moment:
    """When something counted from `start` over `period` is due.

    Working days use the council's calendar and count from the next working day. Calendar
    days, weeks and months count on dates; months clamp to the end of a shorter month
    (30 November + 3 months is 28 February, or 29 February in a leap year), as people and the
    DfE returns count them. Hours are elapsed hours from a date-time; from a bare date (the
    time was not recorded) the due date is the day the hours run out, counting whole days.
    """
    match period.unit:
        case "hours":
            if isinstance(start, datetime):
                # Through UTC so that a clock change inside the period neither adds nor loses
                # an hour: 72 hours means 72 hours of the child's time.
                instant = _aware(start).astimezone(UTC) + timedelta(hours=period.amount)
                return instant.astimezone(LONDON)
            return start + timedelta(days=math.ceil(period.amount / 24))
        case "wd":
            cal = cal if cal is not None else default_calendar()
            return cal.add_working_days(local_date(start), period.amount)
        case "d":
            return local_date(start) + timedelta(days=period.amount)
        case "weeks":
            return local_date(start) + timedelta(weeks=period.amount)
        case "months":
            return local_date(start) + relativedelta(months=period.amount)
    raise ValueError(f"unknown unit {period.unit!r}")  # pragma: no cover - Period validates


def due_soon_from(
    due: Moment, due_soon: Period | None = None, cal: WorkingCalendar | None = None
) -> Moment:
    """When the "due soon" window opens for something due at `due`.

    For a date, `due_soon` (the council's `general.due_soon`, 5 working days unless changed)
    before it; for a date-time, 24 hours before it unless `due_soon` is itself in hours.
    """
    if isinstance(due, datetime):
        window = (
            timedelta(hours=due_soon.amount)
            if due_soon is not None and due_soon.unit == "hours"
            else HOURLY_DUE_SOON
        )
        return (_aware(due).astimezone(UTC) - window).astimezone(LONDON)
    if due_soon is None:
        due_soon = _default_due_soon()
    match due_soon.unit:
        case "wd":
            cal = cal if cal is not None else default_calendar()
            return cal.subtract_working_days(due, due_soon.amount)
        case "d":
            return due - timedelta(days=due_soon.amount)
        case "weeks":
            return due - timedelta(weeks=due_soon.amount)
        case "months":
            return due - relativedelta(months=due_soon.amount)
        case "hours":
            return due - timedelta(days=math.ceil(due_soon.amount / 24))
    raise ValueError(f"unknown unit {due_soon.unit!r}")  # pragma: no cover


def _default_due_soon() -> Period:
    period = get("general.due_soon").period
    assert period is not None  # declared as a single period in declarations.py
    return period


def state_of(
    due: Moment,
    met: Moment | None,
    today: Moment | None = None,
    cal: WorkingCalendar | None = None,
    due_soon: Period | None = None,
) -> State:
    """Where something due at `due` and done at `met` (None: not yet) stands on `today`.

    Done on the due day is on time: "within 45 working days" includes the 45th. Not done and
    past the due date is overdue; the due day itself is still "due soon", not overdue.
    `today` may be a date or a date-time ("now"); it defaults to now for a date-time `due`
    and today's London date otherwise.
    """
    if met is not None:
        return State.MET_LATE if _after(met, due) else State.MET_ON_TIME
    if today is None:
        today = _now_like(due)
    if _after(today, due):
        return State.OVERDUE
    if not _before(today, due_soon_from(due, due_soon, cal)):
        return State.DUE_SOON
    return State.DUE


# -- items ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimescaleItem:
    """One thing that is, or was, due: what a work list shows and what a measure counts.

    `state`, `days_overdue` and `working_days_remaining` are worked out as at `as_of` (the
    `today` the item was evaluated for), so an item is a snapshot, not a live object.
    """

    key: str  # the timescale's key, e.g. "child_protection.later_review_conferences"
    name: str  # the timescale's name, e.g. "Review conference"
    kind: Kind
    started: Moment  # what the due date was counted from
    due: Moment
    met: Moment | None
    state: State
    label: str  # e.g. "Review conference 2"
    subject: str  # e.g. "Child protection plan from 3 March 2025"
    url: str = ""
    as_of: Moment | None = None
    number: int | None = None  # position in a chain (1 = first); None for a one-off
    period: Period | None = None  # the period that was counted
    # Calendar days late: how late it was met, or how long it has been overdue (by London
    # dates, so an hour-based item overdue since this morning is 0 days overdue).
    days_overdue: int = 0
    # For an open item not yet overdue: working days left, 0 on the due day. Otherwise None.
    working_days_remaining: int | None = None

    @property
    def is_open(self) -> bool:
        return self.state.is_open

    @property
    def is_met(self) -> bool:
        return self.state.is_met

    @property
    def is_late(self) -> bool:
        return self.state.is_late

    @property
    def time_left(self) -> str:
        """How the item stands in words, the same on every page: "Due in 3 working days",
        "Due today", "Overdue by 2 days", "Overdue since today", "Met 4 days late", "Met on
        time". Lateness is in calendar days (by London dates), time left in working days."""
        days = self.days_overdue
        if self.state is State.OVERDUE:
            return f"Overdue by {_days(days)}" if days else "Overdue since today"
        if self.is_open:
            left = self.working_days_remaining
            if not left:
                return "Due today"
            return f"Due in {left} working day{'s' if left != 1 else ''}"
        if self.is_late:
            return f"Met {_days(days)} late" if days else "Met late, the same day"
        return "Met on time"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _timescale(key: str | Timescale) -> Timescale:
    return key if isinstance(key, Timescale) else get(key)


def _item(
    timescale: Timescale,
    period: Period,
    started: Moment,
    met: Moment | None,
    today: Moment | None,
    *,
    label: str,
    subject: str,
    url: str,
    number: int | None,
    cal: WorkingCalendar | None,
    due_soon: Period | None,
) -> TimescaleItem:
    if period.unit == "wd" and cal is None:
        cal = default_calendar()
    due = due_date(started, period, cal)
    if today is None:
        today = _now_like(due)
    state = state_of(due, met, today, cal, due_soon)
    days_overdue = 0
    remaining = None
    if state is State.MET_LATE:
        assert met is not None
        days_overdue = (local_date(met) - local_date(due)).days
    elif state is State.OVERDUE:
        days_overdue = (local_date(today) - local_date(due)).days
    elif state.is_open:
        cal = cal if cal is not None else default_calendar()
        remaining = cal.working_days_between(local_date(today), local_date(due))
    return TimescaleItem(
        key=timescale.key,
        name=timescale.name,
        kind=timescale.kind,
        started=started,
        due=due,
        met=met,
        state=state,
        label=label.format(name=timescale.name, n=number if number is not None else ""),
        subject=subject,
        url=url,
        as_of=today,
        number=number,
        period=period,
        days_overdue=days_overdue,
        working_days_remaining=remaining,
    )


def evaluate(
    key: str | Timescale,
    started: Moment,
    met: Moment | None = None,
    today: Moment | None = None,
    *,
    label: str = "{name}",
    subject: str = "",
    url: str = "",
    cal: WorkingCalendar | None = None,
    due_soon: Period | None = None,
    age: int | None = None,
    period: Period | None = None,
) -> TimescaleItem:
    """One one-off timescale: due `period` after `started`, met at `met` (None: not yet).

    `key` is a declared key (looked up with the council's local values) or a `Timescale`
    already in hand. The period is the timescale's own, or the one for `age` where it varies
    by age; pass `period` to count a different one (a milestone from `Timescale.periods`, say).
    `label` may use `{name}`. Pass `cal` and `due_soon` when evaluating many items, to skip
    the cache look-ups.
    """
    timescale = _timescale(key)
    return _item(
        timescale,
        period if period is not None else timescale.period_for_age(age),
        started,
        met,
        today,
        label=label,
        subject=subject,
        url=url,
        number=None,
        cal=cal,
        due_soon=due_soon,
    )


def recurring(
    steps: Sequence[str | Timescale],
    start: Moment,
    met: Iterable[Moment],
    today: Moment | None = None,
    *,
    end: Moment | None = None,
    label: str = "{name}",
    subject: str = "",
    url: str = "",
    dob: date | None = None,
    cal: WorkingCalendar | None = None,
    due_soon: Period | None = None,
) -> list[TimescaleItem]:
    """A chain of occurrences, each due a period after the one before was actually done.

    `steps` are the timescales for the first, second, ... occurrence; the last repeats. So
    child protection reviews are `["child_protection.first_review_conference",
    "child_protection.later_review_conferences"]` from the ICPC date, children in care reviews
    `["children_in_care.first_review", "children_in_care.second_review",
    "children_in_care.later_reviews"]` from the date the child became looked after, and CP
    visits `["child_protection.visits"]` from the plan start.

    Each date in `met` (in any order; dates before `start` and repeats of the same date are
    ignored) meets the next
    occurrence, and the one after it is counted from that actual date, because the
    regulations count "within 6 months of the previous review", not of when it was due.
    After the last one done there is one outstanding occurrence, unless the chain has ended:

    - `end` after today (a planned end): the outstanding one is produced only if it falls due
      on or before `end`;
    - `end` on or before today (the plan or episode has closed): it is produced only if it
      was already overdue when the chain ended, as a missed occurrence, with its state and
      `days_overdue` worked out as at `end` so they do not keep growing after closure.

    `label` may use `{name}` and `{n}` (the occurrence number, from 1), e.g.
    "Review conference {n}". `dob` gives the age for timescales that vary by age (review
    health assessments), taken on the date each occurrence is counted from.
    """
    if not steps:
        raise ValueError("a chain needs at least one step")
    timescales = [_timescale(step) for step in steps]
    if cal is None:
        # Once for the whole chain rather than once per occurrence.
        cal = default_calendar()
    if today is None:
        today = _now_like(start)
    # The same moment recorded twice (a visit entered twice) is one occurrence, not two.
    done = sorted({m for m in met if not _before(m, start)}, key=_instant)

    def step(index: int, anchor: Moment) -> tuple[Timescale, Period]:
        timescale = timescales[min(index, len(timescales) - 1)]
        age = age_on(dob, anchor) if dob is not None and timescale.age_bands else None
        return timescale, timescale.period_for_age(age)

    def make(index: int, anchor: Moment, met_at: Moment | None, as_of: Moment) -> TimescaleItem:
        timescale, period = step(index, anchor)
        return _item(
            timescale,
            period,
            anchor,
            met_at,
            as_of,
            label=label,
            subject=subject,
            url=url,
            number=index + 1,
            cal=cal,
            due_soon=due_soon,
        )

    items: list[TimescaleItem] = []
    anchor = start
    for index, met_at in enumerate(done):
        items.append(make(index, anchor, met_at, today))
        anchor = met_at

    index = len(done)
    _, period = step(index, anchor)
    next_due = due_date(anchor, period, cal)
    if end is None:
        items.append(make(index, anchor, None, today))
    elif _after(end, today):
        if not _after(next_due, end):
            items.append(make(index, anchor, None, today))
    elif _after(end, next_due):
        items.append(make(index, anchor, None, end))
    return items
