"""Every read the performance pages make, scoped to the user.

Indicator results are council-wide aggregates, computed by `engine.compute` and kept in
`ResultSnapshot` rows for reuse. A snapshot is reused while the records have not changed since
it was computed (the "data stamp": the latest audit event of a kind that changes records,
configuration included), or while it is younger than `SIGHTLINE_PERFORMANCE_MAX_AGE` seconds
(default 300): a busy service changes its records every few seconds, and recomputing every
indicator on each page would make the pages slow without making them more useful. Each page
says when its figures were calculated. Local targets are read fresh on every page.

When a snapshot is older than that and the records have changed, the page still shows it at
once (saying the records have changed since) and a background thread recomputes it, one
thread per snapshot at a time, so no leader waits the seconds a 12-month trend takes to
compute on a county's records. Only a question never asked before is computed while the user
waits. `SIGHTLINE_PERFORMANCE_BACKGROUND = False` (the test settings) recomputes in the request
instead.

What a user sees beyond the aggregates is narrowed here: a service manager's breakdown rows
are their own service's teams and workers, and the children behind a number are only those
`children_visible_to` the user.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.access.scope import worker_for
from sightline.people.models import Team, Worker

from . import engine
from .catalogue import CATALOGUE, IDS, SECTIONS, Indicator, in_section
from .engine import Result, Row
from .models import ResultSnapshot
from .national import EnglandFigure
from .periods import Period, last_12_months
from .population import Population, population_for
from .services import store_snapshot
from .sql import without_jit

Kind = AuditEvent.Kind
CHANGE_KINDS = (Kind.CREATE, Kind.CHANGE, Kind.IMPORT, Kind.GENERATE, Kind.CONFIG)
CHILDREN_PER_PAGE = 50

logger = logging.getLogger(__name__)


# The part of the service a manager answers for, beside the council's figures.


@dataclass(frozen=True)
class OwnPart:
    """The part of the service a manager answers for: a breakdown group and its key."""

    group: str  # "service" or "team"
    key: int
    name: str
    whose: str  # "your service's", "your team's"


def own_part(user) -> OwnPart | None:
    worker = worker_for(user)
    if worker is None:
        return None
    if worker.role == Worker.Role.SERVICE_MANAGER:
        service = worker.team.service
        return OwnPart("service", service.pk, service.name, "your service's")
    if worker.role == Worker.Role.TEAM_MANAGER:
        return OwnPart("team", worker.team_id, worker.team.name, "your team's")
    return None


def max_age_seconds() -> int:
    return int(getattr(settings, "SIGHTLINE_PERFORMANCE_MAX_AGE", 300))


def data_stamp() -> str:
    """Changes whenever the records or the configuration change: every change is audited."""
    last = (
        AuditEvent.objects.filter(kind__in=CHANGE_KINDS)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return str(last or 0)


@dataclass
class Cached:
    results: list[Result]
    computed_at: datetime
    seconds: float
    changed_since: bool  # records have changed since these figures were calculated


def _key(ids, period: Period, as_at: date, breakdown: str | None) -> str:
    which = "all" if ids is None else ",".join(ids)
    key = f"{which}|{period.key}|{as_at.isoformat()}|{breakdown or '-'}"
    if len(key) > 200:
        key = f"{hashlib.sha256(key.encode()).hexdigest()}|{period.key}"
    return key


def results_for(
    ids=None,
    period: Period | None = None,
    as_at: date | None = None,
    breakdown=None,
    *,
    fresh: bool = False,
) -> Cached:
    """The indicators' results, from a snapshot when one is fresh enough (unless `fresh`),
    else computed now and kept. A stale snapshot is returned as it is while a background
    thread recomputes it, when background refreshing is on."""
    period = period or Period.financial_year_to_date(timezone.localdate())
    as_at = as_at or period.default_as_at(timezone.localdate())
    key = _key(ids, period, as_at, breakdown)
    stamp = data_stamp()
    snapshot = ResultSnapshot.objects.filter(key=key).first()
    if snapshot is not None and not fresh:
        young = timezone.now() - snapshot.computed_at < timedelta(seconds=max_age_seconds())
        if (
            snapshot.data_stamp == stamp
            or young
            or _refresh_in_background(key, ids, period, as_at, breakdown)
        ):
            targets = engine.latest_targets()
            results = [Result.from_dict(r) for r in snapshot.payload]
            for result in results:
                result.target = targets.get(result.id)
            return Cached(
                results, snapshot.computed_at, snapshot.seconds, snapshot.data_stamp != stamp
            )
    started = time.perf_counter()
    results = engine.compute(ids, period, as_at, breakdown)
    seconds = time.perf_counter() - started
    store_snapshot(key, stamp, seconds, [r.to_dict() for r in results])
    return Cached(results, timezone.now(), seconds, False)


_refreshing: set[str] = set()
_refreshing_lock = threading.Lock()


def _refresh_in_background(key: str, ids, period: Period, as_at: date, breakdown) -> bool:
    """Start recomputing snapshot `key` in a thread, unless one already is. False when
    background refreshing is off (the caller then recomputes in the request)."""
    if not getattr(settings, "SIGHTLINE_PERFORMANCE_BACKGROUND", True):
        return False
    with _refreshing_lock:
        if key in _refreshing:
            return True
        _refreshing.add(key)
    thread = threading.Thread(
        target=_refresh_thread, args=(key, ids, period, as_at, breakdown), daemon=True
    )
    thread.start()
    return True


def _refresh_thread(key: str, ids, period: Period, as_at: date, breakdown) -> None:
    try:
        refresh_one(ids, period, as_at, breakdown)
    finally:
        with _refreshing_lock:
            _refreshing.discard(key)
        connections.close_all()  # this thread's own connections


def refresh_one(ids, period: Period, as_at: date, breakdown) -> None:
    """Recompute one snapshot; a failure leaves the old figures showing, with their date."""
    try:
        results_for(ids, period, as_at, breakdown, fresh=True)
    except Exception:
        logger.exception("Refreshing performance figures for %s failed", period.label)


def _default_questions(today: date) -> list[tuple[str, Period, date, str | None]]:
    """What the dashboard, the pack and the indicator pages show by default: the financial
    year to date (council, by service, by team) and each of the last 12 months."""
    period = Period.financial_year_to_date(today)
    questions = [
        (f"{period.label} ({breakdown or 'council'})", period, today, breakdown)
        for breakdown in (None, "service", "team")
    ]
    questions += [(m.label, m, min(m.end, today), None) for m in last_12_months(today)]
    return questions


def refresh_snapshots(today: date | None = None, *, only_missing: bool = False) -> dict:
    """Recompute the default figures so that no one waits for them (`sightline performance
    refresh`, or once as the server starts with `only_missing`); returns the seconds each
    took."""
    today = today or timezone.localdate()
    timings = {}
    for label, period, as_at, breakdown in _default_questions(today):
        if only_missing:
            key = _key(None, period, as_at, breakdown)
            if ResultSnapshot.objects.filter(key=key).exists():
                continue
        cached = results_for(None, period, as_at, breakdown, fresh=True)
        timings[label] = round(cached.seconds, 2)
    return timings


def warm_in_background() -> threading.Thread:
    """Compute any default figures not yet stored, in a thread, as the server starts."""

    def warm() -> None:
        try:
            refresh_snapshots(only_missing=True)
        except Exception:
            logger.exception("Computing the default performance figures failed")
        finally:
            connections.close_all()

    thread = threading.Thread(target=warm, name="performance-warm", daemon=True)
    thread.start()
    return thread


# -- words ------------------------------------------------------------------------------------


def compare(indicator: Indicator, value, other) -> str:
    """Plain words for how `value` stands against `other` (England's figure or a target)."""
    if value is None or other is None:
        return ""
    if round(value, 1) == round(other, 1):
        return "the same as"
    higher = value > other
    if indicator.better == "neither":
        return "higher than" if higher else "lower than"
    good = higher if indicator.better == "higher" else not higher
    return "better than" if good else "worse than"


def format_value(indicator: Indicator, value) -> str:
    if value is None:
        return "No data"
    if indicator.unit == "percent":
        return f"{value:.1f}%"
    if indicator.unit == "rate":
        return f"{value:,.1f}"
    if indicator.unit == "working_days":
        number = f"{value:g}"
        return f"{number} working day" + ("" if value == 1 else "s")
    return f"{value:,.0f}"


# -- the dashboard ----------------------------------------------------------------------------


@dataclass
class Line:
    """One indicator on the dashboard or in the pack."""

    indicator: Indicator
    result: Result
    figure: EnglandFigure | None
    own_value: float | None = None
    trend: list[tuple[Period, float | None]] = field(default_factory=list)

    @property
    def value_text(self) -> str:
        return format_value(self.indicator, self.result.value)

    @property
    def england_text(self) -> str:
        if self.figure is None:
            return ""
        return format_value(self.indicator, self.figure.value)

    @property
    def target_text(self) -> str:
        if self.result.target is None:
            return ""
        return format_value(self.indicator, self.result.target)

    @property
    def own_text(self) -> str:
        return format_value(self.indicator, self.own_value)

    @property
    def versus_england(self) -> str:
        if self.figure is None or self.figure.is_estimate:
            return ""
        return compare(self.indicator, self.result.value, self.figure.value)

    @property
    def versus_target(self) -> str:
        return compare(self.indicator, self.result.value, self.result.target)

    def trend_texts(self) -> list[tuple[Period, str]]:
        return [(month, format_value(self.indicator, value)) for month, value in self.trend]


@dataclass
class Dashboard:
    period: Period
    as_at: date
    sections: list[tuple[str, list[Line]]]
    months: list[Period]
    population: Population
    computed_at: datetime
    changed_since: bool
    own: OwnPart | None  # a manager's service or team, shown beside the council


def _by_id(results: list[Result]) -> dict[str, Result]:
    return {r.id: r for r in results}


def trend(as_at: date, ids=None) -> tuple[list[Period], dict[str, list[float | None]]]:
    """Each indicator's value in each of the 12 months to `as_at` (stock indicators as at each
    month's end): one cached computation per month, shared by every page."""
    months = last_12_months(as_at)
    values: dict[str, list[float | None]] = {i: [] for i in (ids or IDS)}
    for month in months:
        found = _by_id(results_for(None, month, min(month.end, as_at)).results)
        for indicator_id in values:
            values[indicator_id].append(found[indicator_id].value)
    return months, values


def dashboard(user, period: Period, as_at: date | None = None) -> Dashboard:
    as_at = as_at or period.default_as_at(timezone.localdate())
    main = results_for(None, period, as_at)
    results = _by_id(main.results)
    part = own_part(user)
    own_values: dict[str, float | None] = {}
    if part is not None:
        by_part = results_for(None, period, as_at, part.group)
        for result in by_part.results:
            row = next((r for r in result.breakdown if r.key == part.key), None)
            own_values[result.id] = row.value if row is not None else None
    months, values = trend(as_at)
    sections = []
    for code, title in SECTIONS:
        lines = []
        for indicator in in_section(code):
            lines.append(
                Line(
                    indicator,
                    results[indicator.id],
                    indicator.england_figure,
                    own_values.get(indicator.id),
                    list(zip(months, values[indicator.id], strict=True)),
                )
            )
        sections.append((title, lines))
    return Dashboard(
        period,
        as_at,
        sections,
        months,
        population_for(as_at),
        main.computed_at,
        main.changed_since,
        part,
    )


# -- one indicator ------------------------------------------------------------------------------


@dataclass
class IndicatorPage:
    indicator: Indicator
    line: Line
    teams: list[Row]
    workers: list[Row]
    population: Population
    computed_at: datetime
    changed_since: bool


def _rows_in_scope(user, group: str, rows: list[Row]) -> list[Row]:
    """Breakdown rows the user may see: a manager sees their own service's or team's teams and
    workers (and no "not allocated" row, which belongs to no one); others see all."""
    part = own_part(user)
    if part is None:
        return rows
    if part.group == "service":
        teams = Team.objects.filter(service_id=part.key)
    else:
        teams = Team.objects.filter(pk=part.key)
    if group == "team":
        allowed = set(teams.values_list("pk", flat=True))
    else:
        allowed = set(Worker.objects.filter(team__in=teams).values_list("pk", flat=True))
    return [row for row in rows if row.key in allowed]


def indicator_page(user, indicator_id: str, period: Period, as_at: date | None = None):
    indicator = CATALOGUE[indicator_id]
    as_at = as_at or period.default_as_at(timezone.localdate())
    by_team = results_for([indicator_id], period, as_at, "team")
    by_worker = results_for([indicator_id], period, as_at, "worker")
    result = by_team.results[0]
    months, values = trend(as_at, [indicator_id])
    figure = indicator.england_figure
    line = Line(
        indicator, result, figure, None, list(zip(months, values[indicator_id], strict=True))
    )
    return IndicatorPage(
        indicator,
        line,
        _rows_in_scope(user, "team", result.breakdown),
        _rows_in_scope(user, "worker", by_worker.results[0].breakdown),
        population_for(as_at),
        by_team.computed_at,
        by_team.changed_since,
    )


def group_name(group: str, key: int | None) -> str:
    if key is None:
        return "Not allocated"
    if group == "team":
        return Team.objects.filter(pk=key).values_list("name", flat=True).first() or "Unknown team"
    worker = Worker.objects.filter(pk=key).first()
    return worker.full_name if worker else "Unknown worker"


def children_page(
    user,
    indicator_id: str,
    period: Period,
    part: str,
    page_number,
    as_at: date | None = None,
    group: str | None = None,
    key: int | None = None,
) -> Page:
    """One page of the children behind a number, in the user's scope, in a stable order."""
    children = engine.children_behind(
        indicator_id, period, part, user, as_at=as_at, group=group, key=key
    ).order_by("last_name", "first_name", "council_id")
    fields = ("pk", "council_id", "first_name", "last_name", "date_of_birth")
    with without_jit(children.db):
        page = Paginator(children.only(*fields), CHILDREN_PER_PAGE).get_page(page_number)
        page.object_list = list(page.object_list)  # read now, inside the same setting
    return page


# -- the performance pack ---------------------------------------------------------------------

# A team's figure is named in the pack only when it rests on enough records to mean something.
PACK_MIN_RECORDS = 5


@dataclass
class PackLine:
    line: Line
    sentence: str


def _number(value) -> str:
    if value is None:
        return "none"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _team_note(indicator: Indicator, council: float | None, rows: list[Row]) -> str:
    """The team furthest on the worse side of the council's figure, e.g. "Team B 58.0%"."""
    if council is None or indicator.better == "neither":
        return ""
    candidates = [
        r
        for r in rows
        if r.key is not None and r.value is not None and (r.denominator or 0) >= PACK_MIN_RECORDS
    ]
    if indicator.unit == "count":
        candidates = [r for r in rows if r.key is not None and r.value]
    if not candidates:
        return ""
    pick = min if indicator.better == "higher" else max
    team = pick(candidates, key=lambda r: r.value)
    if compare(indicator, team.value, council) != "worse than":
        return ""
    return f"{team.name} {format_value(indicator, team.value)}"


def sentence(line: Line, team_rows: list[Row]) -> str:
    indicator, result = line.indicator, line.result
    if result.value is None:
        return f"{indicator.name}: no data for this period."
    text = indicator.statement.format(
        value=line.value_text,
        numerator=_number(result.numerator),
        denominator=_number(result.denominator),
    )
    if line.figure is not None:
        if line.figure.is_estimate:
            text += f" (England: no published figure; estimate {line.england_text})"
        else:
            text += f" (England {line.england_text})"
    if result.target is not None:
        text += f"; local target {line.target_text}"
    note = _team_note(indicator, result.value, team_rows)
    if note:
        text += f"; {note}"
    return text + "."


@dataclass
class Pack:
    period: Period
    as_at: date
    sections: list[tuple[str, list[PackLine]]]
    population: Population
    computed_at: datetime
    changed_since: bool
    summary: list[str]


def pack(user, period: Period, as_at: date | None = None) -> Pack:
    as_at = as_at or period.default_as_at(timezone.localdate())
    board = dashboard(user, period, as_at)
    by_team = _by_id(results_for(None, period, as_at, "team").results)
    sections = []
    for title, lines in board.sections:
        pack_lines = []
        for line in lines:
            rows = _rows_in_scope(user, "team", by_team[line.indicator.id].breakdown)
            pack_lines.append(PackLine(line, sentence(line, rows)))
        sections.append((title, pack_lines))
    # Rates describe demand, not performance: only indicators with a better direction count.
    words = [
        pl.line.versus_england
        for _, lines in sections
        for pl in lines
        if pl.line.versus_england and pl.line.indicator.better != "neither"
    ]
    summary = []
    if words:
        plural = "s" if len(words) != 1 else ""
        summary.append(
            f"Of the {len(words)} performance indicator{plural} with a published England figure "
            f"to compare with, the service is better than England on "
            f"{words.count('better than')}, worse on {words.count('worse than')} and the same on "
            f"{words.count('the same as')}."
        )
    return Pack(
        period,
        as_at,
        sections,
        board.population,
        board.computed_at,
        board.changed_since,
        summary,
    )
