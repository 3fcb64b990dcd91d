"""Turning each indicator's records into numbers: the Python API of the performance app.

`compute(...)` gives every indicator's value, numerator and denominator for a period (and an
as-at date), with England's figure, the local target and, if asked, a breakdown by service,
team or worker. `children_behind(...)` gives the children counted in an indicator's numerator
or denominator, narrowed to those the user may see. Both do all their counting in the database
(one aggregate query per indicator and breakdown); Python only formats the answers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import connections
from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone

from sightline.access.scope import children_visible_to
from sightline.people.models import Child, Service, Team, Worker

from .catalogue import CATALOGUE, IDS, Indicator
from .indicators import REGISTRY, Context, Units
from .periods import Period
from .population import Population, population_for
from .sql import INT, without_jit

BREAKDOWNS = {"service": "_service", "team": "_team", "worker": "_worker"}
PARTS = ("numerator", "denominator")


@dataclass
class Row:
    """One service, team or worker's share of an indicator."""

    key: int | None
    name: str
    numerator: float | None
    denominator: float | None
    value: float | None


@dataclass
class Result:
    id: str
    value: float | None
    numerator: float | None
    denominator: float | None
    england: float | None
    target: float | None
    breakdown: list[Row] = field(default_factory=list)
    england_estimate: float | None = None  # an estimate: never shown as a national statistic

    @property
    def indicator(self) -> Indicator:
        return CATALOGUE[self.id]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        rows = [Row(**row) for row in data.get("breakdown", [])]
        return cls(**{**data, "breakdown": rows})


# The SQL put together below is made of Django's own compiled SQL (with its parameters kept
# separate), quoted identifiers and fixed keywords: nothing from a user reaches it, hence the
# `noqa: S608` on each line that assembles it.

# -- computing --------------------------------------------------------------------------------
#
# Each indicator's queryset is compiled by Django for the database in use and wrapped in one
# plain, portable SQL statement that groups and counts it. Wrapping (rather than Django's own
# values().annotate()) evaluates each correlated lookup once per record, and groups by the
# attributed team or worker alone: Django would also group by every outer column a subquery
# refers to.


def _inner(units: Units, group: str | None) -> tuple[QuerySet, list[str]]:
    queryset = units.queryset
    columns = ["child_id"]
    if group is not None:
        queryset = units.attribute(queryset)
        columns.append(BREAKDOWNS[group])
    if units.numerator is not None:
        queryset = queryset.annotate(
            _num=Case(When(units.numerator, then=Value(1)), default=Value(0), output_field=INT)
        )
        columns.append("_num")
    if units.value_field:
        columns.append(units.value_field)
    return queryset.order_by().values(*columns), columns


def _run(queryset: QuerySet, wrap) -> list[tuple]:
    """Compile `queryset` and run the SQL `wrap(inner_sql)` builds around it, in the
    queryset's database."""
    connection = connections[queryset.db]
    inner_sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with without_jit(queryset.db), connection.cursor() as cursor:
        cursor.execute(wrap(inner_sql), params)
        return cursor.fetchall()


def _with_total(inner_sql: str, select) -> str:
    """SQL giving the council's row (first column 1) and, grouped, each group's rows (first
    column 0) from one evaluation of the records: a common table expression referred to twice
    is computed once (PostgreSQL materialises it; SQLite does too)."""
    return (
        f"WITH counted AS ({inner_sql}) "  # noqa: S608
        f"{select(total=True)} UNION ALL {select(total=False)}"
    )


def _grouped_counts(units: Units, group: str | None) -> tuple[tuple, dict]:
    """The council's (records or children, of which above the line), and the same for each
    group key when `group` is given."""
    queryset, _ = _inner(units, group)
    q = connections[queryset.db].ops.quote_name
    if units.per_child:
        counted = f"COUNT(DISTINCT {q('child_id')})"
        above = f"COUNT(DISTINCT CASE WHEN {q('_num')} = 1 THEN {q('child_id')} END)"
    else:
        counted = "COUNT(*)"
        above = f"SUM({q('_num')})"
    if units.numerator is None:
        above = "NULL"

    def select(total: bool) -> str:
        if total:
            return f"SELECT 1, NULL, {counted}, {above} FROM counted"  # noqa: S608
        key = q(BREAKDOWNS[group])
        return f"SELECT 0, {key}, {counted}, {above} FROM counted GROUP BY {key}"  # noqa: S608

    if group is None:
        rows = _run(queryset, lambda inner: select(True).replace("counted", f"({inner}) counted"))
    else:
        rows = _run(queryset, lambda inner: _with_total(inner, select))
    found = {
        (t, k): (n, int(a or 0) if units.numerator is not None else None) for t, k, n, a in rows
    }
    total = found.pop((1, None), (0, 0 if units.numerator is not None else None))
    return total, {k: v for (_, k), v in found.items()}


def _medians(units: Units, group: str | None) -> tuple[tuple, dict]:
    """The council's (median, count) and each group's: the values ranked in the database and
    only the middle one or two of each read back."""
    queryset, _ = _inner(units, group)
    q = connections[queryset.db].ops.quote_name
    value = q(units.value_field)

    def ranked(total: bool) -> str:
        key = "NULL" if total else q(BREAKDOWNS[group])
        partition = "" if total else f"PARTITION BY {key}"
        return (
            f"SELECT {int(total)} AS t, {key} AS k, {value} AS v, "  # noqa: S608
            f"ROW_NUMBER() OVER ({partition} ORDER BY {value}) AS r, "
            f"COUNT(*) OVER ({partition}) AS n FROM counted"
        )

    def wrap(inner: str) -> str:
        if group is None:
            source = f"WITH counted AS ({inner}) {ranked(True)}"
        else:
            source = _with_total(inner, ranked)
        middle = "r = (n + 1) / 2 OR r = (n + 2) / 2"
        return f"SELECT t, k, v, n FROM ({source}) ranked WHERE {middle}"  # noqa: S608

    found: dict = {}
    for t, k, v, n in _run(queryset, wrap):
        values, _ = found.get((t, k), ([], 0))
        found[(t, k)] = (values + [v], n)
    medians = {tk: (sum(vs) / len(vs), n) for tk, (vs, n) in found.items()}
    total = medians.pop((1, None), (None, 0))
    return total, {k: v for (_, k), v in medians.items()}


def _value(units: Units, num, den, population: Population, period: Period) -> float | None:
    if units.kind == "percent":
        return round(100 * num / den, 1) if den else None
    if units.kind in ("rate_flow", "rate_stock"):
        if not population.known:
            return None
        rate = num / population.count * 10_000
        if units.kind == "rate_flow":
            rate /= period.year_fraction
        return round(rate, 1)
    if units.kind == "count":
        return num
    return None


def _names(group: str, keys) -> dict:
    keys = [k for k in keys if k is not None]
    if group == "worker":
        return {w.pk: w.full_name for w in Worker.objects.filter(pk__in=keys)}
    model = Service if group == "service" else Team
    return dict(model.objects.filter(pk__in=keys).values_list("pk", "name"))


def _measure(units: Units, population: Population, period: Period, group: str | None):
    """(value, numerator, denominator) for the whole council, and the breakdown rows."""
    if units.kind == "median":
        (median, size), groups = _medians(units, group)
        return (median, median, size), _rows(units, group, groups, population, period)
    (counted, above), groups = _grouped_counts(units, group)
    rows = _rows(units, group, groups, population, period)
    if units.kind == "percent":
        return (_value(units, above, counted, population, period), above, counted), rows
    den = population.count if units.kind != "count" else None
    return (_value(units, counted, den, population, period), counted, den), rows


def _rows(units: Units, group: str | None, groups: dict, population, period) -> list[Row]:
    if group is None:
        return []
    names = _names(group, groups)
    rows = []
    for key, (first, second) in groups.items():
        name = names.get(key, "Not allocated")
        if units.kind == "median":
            rows.append(Row(key, name, first, second, first))
        elif units.kind == "percent":
            rows.append(
                Row(key, name, second, first, _value(units, second, first, population, period))
            )
        else:
            # A team or worker has no population of its own: the count only.
            rows.append(Row(key, name, first, None, first if units.kind == "count" else None))
    return sorted(rows, key=lambda row: (row.key is None, row.name))


def latest_targets() -> dict[str, float | None]:
    from .models import IndicatorTarget

    targets: dict[str, float | None] = {}
    for indicator_id, target in IndicatorTarget.objects.order_by(
        "indicator_id", "-changed_at", "-id"
    ).values_list("indicator_id", "target"):
        targets.setdefault(indicator_id, float(target) if target is not None else None)
    return targets


def context_for(period: Period, as_at: date | None = None) -> Context:
    return Context(period, as_at or period.default_as_at(timezone.localdate()))


def compute(
    indicator_ids=None,
    period: Period | None = None,
    as_at: date | None = None,
    breakdown: str | None = None,
) -> list[Result]:
    """Each indicator's result for `period` (default: the financial year to date), as at
    `as_at` (default: the period's end, or today if sooner), optionally broken down by
    "service", "team" or "worker"."""
    if breakdown is not None and breakdown not in BREAKDOWNS:
        raise ValueError(f"breakdown must be one of {', '.join(BREAKDOWNS)}")
    period = period or Period.financial_year_to_date(timezone.localdate())
    ids = list(indicator_ids or IDS)
    unknown = [i for i in ids if i not in REGISTRY]
    if unknown:
        raise KeyError(f"no indicator {', '.join(unknown)}")
    ctx = context_for(period, as_at)
    population = population_for(ctx.as_at)
    targets = latest_targets()
    results = []
    for indicator_id in ids:
        units = REGISTRY[indicator_id](ctx)
        (value, num, den), rows = _measure(units, population, period, breakdown)
        figure = CATALOGUE[indicator_id].england_figure
        results.append(
            Result(
                id=indicator_id,
                value=value,
                numerator=num,
                denominator=den,
                england=figure.value if figure and not figure.is_estimate else None,
                england_estimate=figure.value if figure and figure.is_estimate else None,
                target=targets.get(indicator_id),
                breakdown=rows,
            )
        )
    return results


# -- the children behind the numbers ----------------------------------------------------------


def children_behind(
    indicator_id: str,
    period: Period,
    part: str = "numerator",
    user=None,
    *,
    as_at: date | None = None,
    group: str | None = None,
    key: int | None = None,
) -> QuerySet[Child]:
    """The children counted in the indicator's numerator or denominator, among those `user`
    may see (so never more than their scope). For a rate or count, "numerator" is the children
    counted and "denominator" (the population) has no list. `group` and `key` narrow it to one
    service, team or worker (key None: not allocated)."""
    if part not in PARTS:
        raise ValueError("part must be 'numerator' or 'denominator'")
    units = REGISTRY[indicator_id](context_for(period, as_at))
    queryset = units.queryset
    if units.kind in ("rate_flow", "rate_stock", "count", "median"):
        if part == "denominator" and units.kind != "median":
            return Child.objects.none()
    elif part == "numerator":
        queryset = queryset.filter(units.numerator)
    if group is not None:
        column = BREAKDOWNS[group]
        queryset = units.attribute(queryset)
        queryset = queryset.filter(**{f"{column}__isnull": True} if key is None else {column: key})
    return children_visible_to(user).filter(pk__in=queryset.values("child_id"))
