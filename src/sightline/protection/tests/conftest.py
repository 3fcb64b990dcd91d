"""Fixtures for child protection tests: a child allocated to a social worker, with a referral,
and the other roles that meet the child protection workflow."""

import datetime as dt

import pytest

from sightline.people.models import Allocation, Worker
from sightline.testing.factories import AllocationFactory, TeamFactory, WorkerFactory
from sightline.testing.fixtures import child_allocated_to, frozen_at, referral_of, worker_in

TODAY = dt.date(2026, 1, 14)


frozen = frozen_at(TODAY)

child = child_allocated_to("social_worker", first_name="Sam", last_name="Rivers")
referral = referral_of("child", dt.date(2025, 9, 1))
manager = worker_in("team", Worker.Role.TEAM_MANAGER)


@pytest.fixture
def iro(child):
    iro = WorkerFactory(team=TeamFactory(name="Independent reviewing"), role=Worker.Role.IRO)
    AllocationFactory(child=child, worker=iro, kind=Allocation.Kind.IRO)
    return iro


@pytest.fixture
def senior_leader():
    return WorkerFactory(team=TeamFactory(name="Leadership"), role=Worker.Role.SENIOR_LEADER)


@pytest.fixture
def outsider():
    return WorkerFactory(team=TeamFactory(name="Another team"))
