"""Computed results are kept and reused until the records change (and are old enough)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sightline.access.audit import EventType, log
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
    log(None, EventType.ASSESSMENT_STARTED, "Assessment recorded")
    assert _value() == 1  # five minutes have not passed: the snapshot stands
    ResultSnapshot.objects.update(computed_at=timezone.now() - timedelta(minutes=6))
    assert _value() == 2


def test_without_a_change_an_old_snapshot_is_still_used(settings):
    settings.SIGHTLINE_PERFORMANCE_MAX_AGE = 0
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    log(None, EventType.ASSESSMENT_STARTED, "Assessment recorded")
    assert _value() == 1
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))  # not audited: unseen
    assert _value() == 1
    log(None, EventType.ASSESSMENT_STARTED, "Assessment recorded")
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


class _Threads:
    """Stands in for threading.Thread: records each thread asked for instead of starting it."""

    def __init__(self):
        self.started: list[tuple] = []

    def __call__(self, target, args, daemon):
        threads = self

        class _Thread:
            def start(self):
                threads.started.append(args)

        return _Thread()


def test_a_stale_snapshot_is_shown_at_once_while_a_thread_recomputes_it(settings, monkeypatch):
    from sightline.performance import selectors

    settings.SIGHTLINE_PERFORMANCE_BACKGROUND = True
    settings.SIGHTLINE_PERFORMANCE_MAX_AGE = 300
    threads = _Threads()
    monkeypatch.setattr(selectors.threading, "Thread", threads)
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    assert _value() == 1
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    log(None, EventType.ASSESSMENT_STARTED, "Assessment recorded")
    ResultSnapshot.objects.update(computed_at=timezone.now() - timedelta(minutes=6))

    stale = results_for(IDS, FY2024, END_FY2024)
    assert stale.results[0].denominator == 1  # the old figure, straight away
    assert stale.changed_since  # and the page says the records have changed since
    assert len(threads.started) == 1
    results_for(IDS, FY2024, END_FY2024)
    assert len(threads.started) == 1  # one refresh per snapshot at a time

    key, *question = threads.started[0]
    selectors.refresh_one(*question)  # what the thread runs
    selectors._refreshing.discard(key)
    fresh = results_for(IDS, FY2024, END_FY2024)
    assert fresh.results[0].denominator == 2
    assert not fresh.changed_since


def test_a_question_never_asked_before_is_answered_in_the_request(settings, monkeypatch):
    from sightline.performance import selectors

    settings.SIGHTLINE_PERFORMANCE_BACKGROUND = True
    threads = _Threads()
    monkeypatch.setattr(selectors.threading, "Thread", threads)
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    assert _value() == 1
    assert threads.started == []


def test_warming_computes_only_the_default_figures_not_yet_stored():
    from sightline.performance.selectors import refresh_snapshots

    today = date(2025, 3, 31)
    assert len(refresh_snapshots(today, only_missing=True)) == 15
    year = "all|2024-04-01_2025-03-31|"
    ResultSnapshot.objects.exclude(key__startswith=year).delete()  # the 12 months
    computed = refresh_snapshots(today, only_missing=True)
    assert len(computed) == 12
    assert refresh_snapshots(today, only_missing=True) == {}
