"""Fixtures for child protection tests: a child allocated to a social worker, with a referral,
and the other roles that meet the child protection workflow."""

import datetime as dt
import re

import pytest
from freezegun import freeze_time

from sightline.people.models import Allocation, Worker
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    CINEpisodeFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.timescales import calendar, declarations

TODAY = dt.date(2026, 1, 14)


@pytest.fixture(autouse=True)
def frozen_today():
    # A fixed "today" so due dates and states are the same whenever the suite runs. The
    # timescale caches are emptied after, so nothing read at a frozen time outlives the test.
    with freeze_time("2026-01-14 10:00:00"):
        yield
    declarations.clear_cache()
    calendar.clear_cache()


@pytest.fixture
def child(social_worker):
    child = ChildFactory(first_name="Sam", last_name="Rivers")
    AllocationFactory(child=child, worker=social_worker)
    return child


@pytest.fixture
def referral(child):
    return CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 1))


@pytest.fixture
def manager(team):
    return WorkerFactory(team=team, role=Worker.Role.TEAM_MANAGER)


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


def date_fields(name: str, value: dt.date) -> dict[str, str]:
    """The three inputs of a GOV.UK date field."""
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
