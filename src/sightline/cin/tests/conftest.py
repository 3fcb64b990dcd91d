"""A children in need team: a team manager and a social worker with a child on an open referral
(since 1 January 2025); the worker in another service who must not see any of it is the root
conftest's `outsider`. Time is frozen on 22 September 2025 so due dates and "not in the
future" checks never drift."""

import datetime as dt

import pytest

from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    CINEpisodeFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.fixtures import frozen_at

from .factories import CINPlanFactory, PackageFactory

frozen = frozen_at(dt.date(2025, 9, 22))


@pytest.fixture
def cin_team(db):
    return TeamFactory(
        name="Disabled Children Team",
        service__name="Children in need and disability",
        kind=Team.Kind.DISABLED_CHILDREN,
    )


@pytest.fixture
def sw(cin_team):
    return WorkerFactory(team=cin_team, first_name="Sam", last_name="Okafor")


@pytest.fixture
def tm(cin_team):
    return WorkerFactory(team=cin_team, role=Worker.Role.TEAM_MANAGER)


@pytest.fixture
def child(sw):
    return AllocationFactory(worker=sw).child


@pytest.fixture
def episode(child):
    return CINEpisodeFactory(child=child, referral_date=dt.date(2025, 1, 6))


@pytest.fixture
def plan(episode):
    return CINPlanFactory(cin_episode=episode, start_date=dt.date(2025, 3, 3))


@pytest.fixture
def package(child):
    return PackageFactory(child=child)
