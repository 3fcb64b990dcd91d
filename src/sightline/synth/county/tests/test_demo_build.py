"""The demo county is built once into a cache and copied into place on later starts; copies
unused for two days are deleted when a new one is written."""

import os
import time
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from sightline.synth.county.run import build_or_reuse_demo, demo_cache_key

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the file cache is for SQLite",
)


@pytest.fixture
def demo_db(tmp_path, django_db_blocker):
    alias = "synth_demo_test"
    connections.settings[alias] = {
        **settings.DATABASES["default"],
        "NAME": str(tmp_path / "demo.sqlite3"),
        "TEST": {},
    }
    with django_db_blocker.unblock():
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        yield alias
        connections[alias].close()
        del connections[alias]
        connections.settings.pop(alias, None)


def test_second_start_reuses_the_county_and_a_fresh_database_gets_a_copy(demo_db, tmp_path):
    from sightline.people.models import Child

    kw = {
        "population": 600,
        "years": 1,
        "seed": 3,
        "as_of": date(2025, 6, 30),
        "cache_dir": tmp_path / "cache",
        "progress": False,
    }
    cache = tmp_path / "cache"
    cache.mkdir()
    stale, recent = cache / "county-stale.sqlite3", cache / "county-recent.sqlite3"
    stale.write_bytes(b"a county from three days ago")
    recent.write_bytes(b"a county used yesterday")
    three_days_ago = time.time() - 3 * 24 * 3600
    os.utime(stale, (three_days_ago, three_days_ago))
    first = build_or_reuse_demo(demo_db, **kw)
    assert first.how == "generated" and first.cache_path.exists()
    assert not stale.exists() and recent.exists()  # old copies go when a new one is written
    key = demo_cache_key(600, 1, 3, "england", date(2025, 6, 30))
    assert first.cache_path.name == f"county-{key}.sqlite3"
    children = Child.objects.using(demo_db).count()
    assert children > 600
    second = build_or_reuse_demo(demo_db, **kw)
    assert second.how == "already in place" and second.reused
    # A database without the county (e.g. deleted and migrated afresh) gets the cached copy.
    connections[demo_db].close()
    (tmp_path / "demo.sqlite3").unlink()
    call_command("migrate", database=demo_db, interactive=False, verbosity=0)
    third = build_or_reuse_demo(demo_db, **kw)
    assert third.how == "copied from cache"
    assert Child.objects.using(demo_db).count() == children


def test_a_database_with_other_records_is_not_overwritten(demo_db, tmp_path):
    from sightline.people.models import Child
    from sightline.synth.county.run import CountyExists
    from sightline.testing.factories import ChildFactory

    ChildFactory._meta.database = demo_db
    try:
        ChildFactory()
    finally:
        ChildFactory._meta.database = "default"
    with pytest.raises(CountyExists, match="did not come from a demo build"):
        build_or_reuse_demo(
            demo_db, population=300, years=1, cache_dir=tmp_path / "c", progress=False
        )
    assert Child.objects.using(demo_db).count() == 1
