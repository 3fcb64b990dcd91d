"""Computed results are kept and reused until the records change (and are old enough)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sightline.access.audit import Kind, record
from sightline.performance.models import ResultSnapshot
from sightline.performance.selectors import results_for

from . import factories as f
from .helpers import END_FY2024, FY2024

pytestmark = pytest.mark.django_db

IDS = ["assessments_within_45_wd_pct"]


def _value():
    return results_for(IDS, FY2024, END_FY2024).results[0].denominator


def test_a_second_request_reuses_the_snapshot(django_assert_max_num_queries):
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    assert _value() == 1
    assert ResultSnapshot.objects.count() == 1
    with django_assert_max_num_queries(4):  # stamp, snapshot, targets: no indicator SQL
        assert _value() == 1


def test_a_change_to_the_records_is_seen_once_the_snapshot_is_old_enough(settings):
    settings.SIGHTLINE_PERFORMANCE_MAX_AGE = 300
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    assert _value() == 1
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    record(None, Kind.CREATE, "Assessment recorded")
    assert _value() == 1  # five minutes have not passed: the snapshot stands
    ResultSnapshot.objects.update(computed_at=timezone.now() - timedelta(minutes=6))
    assert _value() == 2


def test_without_a_change_an_old_snapshot_is_still_used(settings):
    settings.SIGHTLINE_PERFORMANCE_MAX_AGE = 0
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    record(None, Kind.CREATE, "Assessment recorded")
    assert _value() == 1
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))  # not audited: unseen
    assert _value() == 1
    record(None, Kind.CREATE, "Assessment recorded")
    assert _value() == 2


def test_targets_are_read_fresh_even_from_a_snapshot():
    from sightline.people.models import Worker
    from sightline.performance.services import set_target

    leader = f.worker(Worker.Role.SENIOR_LEADER)
    assert results_for(IDS, FY2024, END_FY2024).results[0].target is None
    set_target(leader.user, IDS[0], 88, "Plan")
    assert results_for(IDS, FY2024, END_FY2024).results[0].target == 88.0


def test_refresh_recomputes_the_default_views_even_when_fresh():
    from sightline.performance.selectors import refresh_snapshots

    today = date(2025, 3, 31)
    timings = refresh_snapshots(today)
    assert len(timings) == 3 + 12
    assert ResultSnapshot.objects.count() == 15
    before = set(ResultSnapshot.objects.values_list("key", "computed_at"))
    refresh_snapshots(today)
    after = set(ResultSnapshot.objects.values_list("key", "computed_at"))
    assert before.isdisjoint(after)  # every snapshot was computed again
