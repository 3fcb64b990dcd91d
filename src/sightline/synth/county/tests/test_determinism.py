"""The same seed, population, years and as-of give the same data, byte for byte, in fresh
databases, whether households are simulated in one process or in several."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sightline.synth.county.writer import TABLES, model_for

ROOT = Path(__file__).resolve().parents[5]
SCRIPT = """
import os, sys
from datetime import date
import django
django.setup()
from django.core.management import call_command
if sys.argv[1] == "migrate":
    call_command("migrate", verbosity=0)
else:
    from sightline.synth.county.run import generate
    generate(2500, 2, 99, as_of=date(2025, 6, 30), workers=int(sys.argv[2]), progress=False)
"""


def _run(db: Path, *args: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=ROOT, env=env, check=True, timeout=600
    )


def _dump(db: Path) -> dict[str, list[tuple]]:
    tables = [model_for(label)._meta.db_table for _, label, _ in TABLES] + ["auth_user"]
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in tables}  # noqa: S608
    finally:
        con.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork for the worker processes")
def test_same_arguments_give_the_same_county_in_fresh_databases(tmp_path):
    template = tmp_path / "template.sqlite3"
    _run(template, "migrate")
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    shutil.copyfile(template, one)
    shutil.copyfile(template, two)
    _run(one, "generate", "0")
    _run(two, "generate", "2")
    first, second = _dump(one), _dump(two)
    assert sum(len(rows) for rows in first.values()) > 10_000
    for table in first:
        assert first[table] == second[table], table
