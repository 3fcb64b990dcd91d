"""`sightline bench` builds (or reuses) a county in its own database and times the indicators,
both returns and the dashboard, printing each measure's median against its target.

Run for real, as a separate process, on a tiny county: the figures that matter come from the
185,000-child county (see the README), but the command a reviewer runs must work end to end.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _bench(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "SIGHTLINE_COUNTY_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "sightline", "bench", "--population", "1500", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_bench_times_every_measure_on_a_county_it_builds_then_reuses(tmp_path):
    first = _bench(tmp_path, "--repeats", "2", "--format", "json")
    assert first.returncode == 0, first.stderr
    measures = {m["name"]: m for m in json.loads(first.stdout)}
    assert list(measures) == ["indicators", "cin_census", "annex_a", "dashboard"]
    for m in measures.values():
        assert len(m["runs"]) == 2
        assert m["median_seconds"] > 0
        assert m["ok"] is (m["median_seconds"] <= m["target_seconds"])
    assert measures["indicators"]["target_seconds"] == 3
    assert measures["dashboard"]["target_seconds"] == 0.3
    assert "valid against the DfE schema" in measures["cin_census"]["notes"]
    assert "County: 1,500 children, 5 years (generated" in first.stderr

    again = _bench(tmp_path, "--repeats", "1", "--only", "annex_a")
    assert again.returncode == 0, again.stderr
    assert "(already in place" in again.stdout
    assert "annex_a" in again.stdout and "indicators" not in again.stdout
