"""Rates per 10,000 children: the council's population figure, else the synthetic county's
size, never the number of children in the records; flows scaled to a year."""

from datetime import date

import pytest
from django.utils import timezone

from sightline.access.audit import EventType, Kind, log
from sightline.people.models import Worker
from sightline.performance import services
from sightline.performance.models import ChildPopulation
from sightline.performance.periods import Period
from sightline.performance.population import population_for

from . import factories as f
from .helpers import figures

pytestmark = pytest.mark.django_db


def test_referrals_per_10k_use_the_councils_population():
    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=timezone.now())
    for day in (date(2024, 4, 1), date(2024, 9, 1), date(2025, 3, 31)):
        f.referral(f.child(), day)
    assert figures("referrals_per_10k") == (3.0, 3, 10_000)


def test_a_months_rate_is_put_on_a_yearly_footing():
    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=timezone.now())
    f.referral(f.child(), date(2024, 4, 10))
    april = Period.month(2024, 4)
    value, numerator, _ = figures("referrals_per_10k", april, date(2024, 4, 30))
    assert numerator == 1
    assert value == round(1 * 365 / 30, 1)


def test_without_a_council_figure_the_synthetic_countys_size_is_used_and_named():
    log(None, EventType.SYNTHETIC_DATA_GENERATED, "Generated", detail={"population": 20_000})
    for _ in range(3):
        f.referral(f.child(), date(2024, 6, 1))
    assert figures("referrals_per_10k") == (1.5, 3, 20_000)
    assert "synthetic county" in population_for(date(2025, 3, 31)).source


def test_without_any_population_there_is_no_rate_rather_than_a_wrong_one():
    f.referral(f.child(), date(2024, 6, 1))
    value, numerator, denominator = figures("referrals_per_10k")
    assert (value, numerator, denominator) == (None, 1, None)


def test_the_latest_estimate_not_after_the_period_is_used():
    for year, count in ((2023, 5_000), (2024, 10_000), (2026, 40_000)):
        ChildPopulation.objects.create(year=year, count=count, changed_at=timezone.now())
    assert population_for(date(2025, 3, 31)).count == 10_000
    assert population_for(date(2023, 3, 31)).count == 5_000
    assert population_for(date(2019, 3, 31)).count == 5_000  # before any: the earliest


def test_a_senior_leader_sets_the_population_and_it_is_audited():
    from sightline.access.models import AuditEvent

    leader = f.worker(Worker.Role.SENIOR_LEADER)
    services.set_population(leader.user, 2024, 12_345)
    assert ChildPopulation.objects.get(year=2024).count == 12_345
    services.set_population(leader.user, 2024, 12_000)
    assert ChildPopulation.objects.get(year=2024).count == 12_000
    events = AuditEvent.objects.filter(kind=Kind.CONFIG, object_type="performance.ChildPopulation")
    assert events.count() == 2
