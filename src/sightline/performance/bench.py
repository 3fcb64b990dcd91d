"""Timing the indicators and the dashboard, for `sightline bench` (wired by the lead's CLI).

`bench_indicators` times computing every indicator for the latest complete financial year with
a team breakdown, straight from the records (no snapshots). `bench_dashboard` times the
dashboard view's server time through Django's test client as a senior leader, after one
warm-up request that fills the snapshots (the figure a leader waits for on every later visit);
the first, cold request's time is reported too. Each figure is the median of `repeats` runs.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from django.db import connection
from django.utils import timezone

from .periods import Period, financial_year_of

INDICATORS_TARGET_SECONDS = 3.0
DASHBOARD_TARGET_SECONDS = 0.3


def _latest_complete_year(today: date) -> Period:
    return Period.financial_year(financial_year_of(today) - 1)


def bench_indicators(repeats: int = 5, period: Period | None = None) -> dict:
    from .engine import compute

    period = period or _latest_complete_year(timezone.localdate())
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        compute(None, period, None, "team")
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        "name": "indicators",
        "what": f"all indicators with a team breakdown, {period.label}",
        "database": connection.vendor,
        "runs": [round(t, 3) for t in times],
        "median_seconds": round(median, 3),
        "target_seconds": INDICATORS_TARGET_SECONDS,
        "ok": median <= INDICATORS_TARGET_SECONDS,
    }


def _leader():
    from sightline.people.models import Worker

    leader = (
        Worker.objects.filter(role=Worker.Role.SENIOR_LEADER, active=True, user__isnull=False)
        .select_related("user")
        .first()
    )
    if leader is None:
        raise RuntimeError("bench_dashboard needs an active senior leader with a login")
    return leader.user


def bench_dashboard(repeats: int = 5, path: str = "/performance/") -> dict:
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    user = _leader()
    setup_test_environment()  # allows the test client's "testserver" host
    try:
        client = Client()
        client.force_login(user)
        started = time.perf_counter()
        first = client.get(path)
        cold = time.perf_counter() - started
        if first.status_code != 200:
            raise RuntimeError(f"{path} answered {first.status_code}")
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200
    finally:
        teardown_test_environment()
    median = statistics.median(times)
    return {
        "name": "dashboard",
        "what": f"GET {path} as a senior leader, snapshots warm",
        "database": connection.vendor,
        "cold_seconds": round(cold, 3),
        "runs": [round(t, 3) for t in times],
        "median_seconds": round(median, 3),
        "target_seconds": DASHBOARD_TARGET_SECONDS,
        "ok": median <= DASHBOARD_TARGET_SECONDS,
    }
