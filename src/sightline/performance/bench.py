"""`sightline bench`: how fast the indicators, the returns and the dashboard are on a county the
size the brief names (185,000 children, 5 years of history).

Each measure is the median of `repeats` runs, against its target from issue 5:

- indicators: every indicator for the latest complete financial year with a team breakdown,
  straight from the records (no stored figures), at most 3 seconds;
- CIN census: the export for the latest collection year, written and checked against the DfE
  schema, at most 30 seconds;
- Annex A: the workbook as at the county's date, at most 30 seconds;
- dashboard: GET /performance/ as a senior leader, through Django's test client, at most
  300 ms. The first request with no stored figures (what the first leader after a deployment
  waits for) is reported beside it; every later request reads stored figures, which a stale
  page refreshes in the background (see selectors.results_for).

The county comes from `synth.county.run.build_or_reuse_demo`, so it is generated once and then
copied (SQLite) or found in place (PostgreSQL).
"""

from __future__ import annotations

import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection
from django.utils import timezone

from .periods import Period, latest_complete_financial_year

INDICATORS_TARGET_SECONDS = 3.0
EXPORT_TARGET_SECONDS = 30.0
DASHBOARD_TARGET_SECONDS = 0.3


@dataclass
class Measure:
    name: str
    what: str
    runs: list[float]
    target_seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.runs)

    @property
    def ok(self) -> bool:
        return self.median_seconds <= self.target_seconds

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "what": self.what,
            "database": connection.vendor,
            "runs": [round(t, 3) for t in self.runs],
            "median_seconds": round(self.median_seconds, 3),
            "target_seconds": self.target_seconds,
            "ok": self.ok,
            "notes": self.notes,
        }


def _timed(repeats: int, run: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def bench_indicators(repeats: int = 5, period: Period | None = None) -> Measure:
    from .engine import compute

    period = period or Period.financial_year(latest_complete_financial_year(timezone.localdate()))
    return Measure(
        "indicators",
        f"all indicators with a team breakdown, {period.label}",
        _timed(repeats, lambda: compute(None, period, None, "team")),
        INDICATORS_TARGET_SECONDS,
    )


def bench_cin_census(repeats: int = 3, year: int | None = None) -> Measure:
    from sightline.returns.cin_census.export import export_cin_census

    year = year or latest_complete_financial_year(timezone.localdate()) + 1
    summaries = []
    with tempfile.TemporaryDirectory(prefix="sightline-bench-") as folder:
        out = Path(folder) / f"cin-{year}.xml"
        runs = _timed(repeats, lambda: summaries.append(export_cin_census(year, out)))
    last = summaries[-1]
    notes = [f"{last.children:,} children"]
    notes.append(
        "valid against the DfE schema"
        if not last.schema_problems
        else f"{len(last.schema_problems)} schema problems"
    )
    return Measure(
        "cin_census",
        f"export cin-census --year {year} (written and checked against the DfE schema)",
        runs,
        EXPORT_TARGET_SECONDS,
        notes,
    )


def bench_annex_a(repeats: int = 3, as_at: date | None = None) -> Measure:
    from sightline.returns.annex_a.export import export_annex_a

    as_at = as_at or timezone.localdate()
    summaries = []
    with tempfile.TemporaryDirectory(prefix="sightline-bench-") as folder:
        out = Path(folder) / "annex-a.xlsx"
        runs = _timed(repeats, lambda: summaries.append(export_annex_a(as_at, out)))
    return Measure(
        "annex_a",
        f"export annex-a --as-at {as_at.isoformat()}",
        runs,
        EXPORT_TARGET_SECONDS,
        [f"{summaries[-1].children:,} children, {sum(summaries[-1].rows.values()):,} rows"],
    )


def _leader():
    from sightline.people.models import Worker

    leader = (
        Worker.objects.filter(role=Worker.Role.SENIOR_LEADER, active=True, user__isnull=False)
        .select_related("user")
        .first()
    )
    if leader is None:
        raise RuntimeError("the dashboard bench needs an active senior leader with a login")
    return leader.user


def bench_dashboard(repeats: int = 5, path: str = "/performance/") -> Measure:
    """The dashboard's server time with its figures stored, and (in the notes) the first
    request's with none stored. The bench database's stored figures are cleared first."""
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from .models import ResultSnapshot

    ResultSnapshot.objects.all().delete()
    user = _leader()
    setup_test_environment()  # allows the test client's "testserver" host
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic
    try:
        client = Client()
        client.force_login(user)

        def get() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")

        cold = _timed(1, get)[0]
        runs = _timed(repeats, get)
    finally:
        teardown_test_environment()
    return Measure(
        "dashboard",
        f"GET {path} as a senior leader, figures stored",
        runs,
        DASHBOARD_TARGET_SECONDS,
        [f"first request with no stored figures: {cold:.2f}s"],
    )


MEASURES: dict[str, Callable[[int], Measure]] = {
    "indicators": bench_indicators,
    "cin_census": bench_cin_census,
    "annex_a": bench_annex_a,
    "dashboard": bench_dashboard,
}


def run(names: list[str] | None, repeats: int, progress: Callable[[str], None]) -> list[Measure]:
    measures = []
    for name in names or list(MEASURES):
        progress(f"Timing {name} ({repeats} runs)...")
        measures.append(MEASURES[name](repeats))
    return measures


def table(measures: list[Measure]) -> str:
    lines = [f"{'measure':<12} {'median':>9} {'target':>8}  {'':<4} runs (seconds)"]
    for m in measures:
        runs = ", ".join(f"{t:.3f}" for t in m.runs)
        verdict = "ok" if m.ok else "SLOW"
        lines.append(
            f"{m.name:<12} {m.median_seconds:>8.3f}s {m.target_seconds:>7g}s  {verdict:<4} {runs}"
        )
        lines.append(f"{'':<12} {m.what}")
        lines += [f"{'':<12} {note}" for note in m.notes]
    return "\n".join(lines)
