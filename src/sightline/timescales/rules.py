"""The rules that apply the declared timescales to a child's records, and the whole child's list.

Each domain app declares its own rules in its `timescale_rules.py` with the `@rule` decorator
below (front door, assessments, children in need, child protection, children in care, care
leavers, early help); they are found at start-up (`sightline.plugins.discover`), so this engine
imports no domain app. Each rule reads one kind of record and asks the engine for items: due
dates and states, met or not. Work lists, the child's record and the indicators all read from
here, so a timescale means the same thing everywhere.
"""

from collections.abc import Callable, Iterator
from datetime import date

from django.utils import timezone

from .calendar import calendar
from .declarations import get
from .engine import State, TimescaleItem, local_date

Rule = Callable[..., Iterator[TimescaleItem]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def seen_dates(visits) -> list[date]:
    # A visit where the child was not seen does not meet a statutory visit.
    return [v.visit_date for v in visits if v.seen]


def within(d: date, start: date, end: date | None) -> bool:
    """Whether a date falls in a period that may still be open (no end)."""
    return d >= start and (end is None or d <= end)


# -- the whole child ------------------------------------------------------------------------


def child_timescales(child, today: date | None = None) -> list[TimescaleItem]:
    """Every timescale for the child, open ones first (overdue, then soonest due)."""
    today = today or timezone.localdate()
    options = {"cal": calendar(), "due_soon": get("general.due_soon").period}
    items = [item for r in RULES for item in r(child, today, **options)]
    return sorted(items, key=sort_key)


_STATE_ORDER = {
    State.OVERDUE: 0,
    State.DUE_SOON: 1,
    State.DUE: 2,
    State.MET_LATE: 3,
    State.MET_ON_TIME: 4,
}


def sort_key(item: TimescaleItem) -> tuple:
    due = local_date(item.due)
    # Open items soonest first; met ones most recent first.
    order = due.toordinal() if item.is_open else -due.toordinal()
    return (_STATE_ORDER[item.state], order, item.name)


def next_item(items: list[TimescaleItem]) -> TimescaleItem | None:
    """The most pressing open item: what "My work" shows for each child."""
    open_items = [i for i in items if i.is_open]
    return min(open_items, key=sort_key) if open_items else None
