"""SQL building blocks the indicators share: counting working days, adding months, and
attributing a record to a worker and team, all as ORM expressions that run the same on SQLite
and PostgreSQL.

Date arithmetic goes through the `WorkingDay` table (one row per day) rather than each
database's own date functions, which differ: a correlated lookup by primary key gives a day's
working-day ordinal, day number or month-day number, and the comparisons are plain integer
arithmetic. See `WorkingDay` for what each number means.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from django.db import connections, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from sightline.people.models import Allocation, Team
from sightline.timescales.declarations import Period as Timescale

from .models import WorkingDay

INT = IntegerField()

# Which WorkingDay column a unit of time is counted in, and how many of it make one unit.
_UNIT_COLUMNS: dict[str, tuple[str, int]] = {
    "wd": ("ordinal", 1),
    "d": ("day_number", 1),
    "weeks": ("day_number", 7),
    "months": ("month_day", 32),
}


@contextmanager
def without_jit(using: str = "default") -> Iterator[None]:
    """Run the queries inside without PostgreSQL's JIT compiler.

    The planner's estimates for many correlated lookups are high, which switches JIT on; for
    queries that then touch a few thousand rows, compiling takes far longer (about a second)
    than running. `SET LOCAL` keeps the change to this transaction. Other databases: no-op.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def day(ref, column: str = "ordinal") -> Subquery:
    """The `WorkingDay` column for the date `ref` (an OuterRef to a date field or annotation).

    NULL for a date outside the table's range, so a comparison with it is never true.
    """
    return Subquery(WorkingDay.objects.filter(date=ref).values(column)[:1], output_field=INT)


def day_at(ref, column: str = "ordinal") -> Subquery:
    """The `WorkingDay` column for the London day containing the moment `ref` (an OuterRef to
    a datetime): the latest day starting at or before it. No timezone functions needed."""
    days = WorkingDay.objects.filter(starts_at__lte=ref).order_by("-starts_at")
    output = DateField() if column == "date" else INT
    return Subquery(days.values(column)[:1], output_field=output)


def column_for(period: Timescale) -> tuple[str, int]:
    """The WorkingDay column a timescale's unit is counted in, and the amount in that column."""
    try:
        column, size = _UNIT_COLUMNS[period.unit]
    except KeyError:
        raise ValueError(f"a {period.unit} timescale cannot be counted in days") from None
    return column, period.amount * size


def day_constant(d: date, column: str = "ordinal") -> int:
    """The same number for a date known in Python (the as-at date, say)."""
    value = WorkingDay.objects.filter(date=d).values_list(column, flat=True).first()
    if value is None:
        raise ValueError(f"{d:%d %B %Y} is outside the working-day table")
    return value


def earliest_day_with(column: str, at_least: int) -> date:
    """The first date whose `column` is at least `at_least`. The columns only grow with the
    date, so "`column(d)` >= n" is the same as "d on or after this date"."""
    found = (
        WorkingDay.objects.filter(**{f"{column}__gte": at_least})
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if found is None:
        raise ValueError("the date is outside the working-day table")
    return found


def latest(queryset: QuerySet, field: str = "date") -> Subquery:
    """The latest value of `field` among the rows of `queryset` (a correlated subquery)."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def count_of(queryset: QuerySet) -> Coalesce:
    """How many rows a correlated queryset has, as an expression (0 when none)."""
    counted = queryset.order_by().values("child_id").annotate(_n=Count("pk")).values("_n")[:1]
    return Coalesce(Subquery(counted, output_field=INT), Value(0))


def continues_from(model, date_field: str, end_field: str = "end_date") -> Exists:
    """Whether another record of the child ends on the day this one starts: the same plan or
    period of care carried on (a transfer or recording change), not a new one."""
    return Exists(
        model.objects.filter(
            child_id=OuterRef("child_id"), **{end_field: OuterRef(date_field)}
        ).exclude(pk=OuterRef("pk"))
    )


def chain_start(model, start_field: str = "start_date", end_field: str = "end_date") -> Subquery:
    """The start of the unbroken run of records (plans, episodes of care) this one belongs to:
    the latest start on or before this one's that does not continue an earlier record."""
    inner = (
        model.objects.filter(
            child_id=OuterRef("child_id"), **{f"{start_field}__lte": OuterRef(start_field)}
        )
        .annotate(_continues=continues_from(model, start_field, end_field))
        .filter(_continues=False)
    )
    return latest(inner, start_field)


# -- attribution ------------------------------------------------------------------------------


def allocation_on(on, kinds: Sequence[str] = ("social_worker",)) -> QuerySet:
    """The child's allocations of `kinds` covering the date `on` (a date, or the name of a field
    or annotation of the outer query), the preferred kind first, then the latest to start."""
    when = OuterRef(on) if isinstance(on, str) else on
    allocations = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=when),
        child_id=OuterRef("child_id"),
        kind__in=list(kinds),
        start_date__lte=when,
    )
    if len(kinds) > 1:
        preference = Case(
            *[When(kind=kind, then=Value(n)) for n, kind in enumerate(kinds)],
            output_field=INT,
        )
        return allocations.order_by(preference, "-start_date", "-id")
    return allocations.order_by("-start_date", "-id")


def attribute(
    queryset: QuerySet,
    on,
    recording: Sequence[str] = (),
    kinds: Sequence[str] = ("social_worker",),
) -> QuerySet:
    """Annotate `_worker`, `_team` and `_service`: the recording worker (the first of the
    `recording` fields that is set) with their current team, else the allocated worker on `on`
    with the team recorded on the allocation."""
    allocated = allocation_on(on, kinds)
    worker = Subquery(allocated.values("worker_id")[:1], output_field=INT)
    team = Subquery(allocated.values("team_id")[:1], output_field=INT)
    if recording:
        worker = Coalesce(*[F(f"{name}_id") for name in recording], worker, output_field=INT)
        team = Case(
            *[When(**{f"{name}__isnull": False}, then=F(f"{name}__team_id")) for name in recording],
            default=team,
            output_field=INT,
        )
    queryset = queryset.annotate(_worker=worker, _team=team)
    return queryset.annotate(
        _service=Subquery(
            Team.objects.filter(pk=OuterRef("_team")).values("service_id")[:1], output_field=INT
        )
    )
