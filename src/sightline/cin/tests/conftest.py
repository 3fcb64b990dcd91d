"""A children in need team: a team manager, a social worker with a child on an open referral
(since 1 January 2025), and a worker in another service who must not see any of it. Time is
frozen on 22 September 2025 so due dates and "not in the future" checks never drift."""

import datetime as dt

import pytest
from freezegun import freeze_time

from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    CINEpisodeFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)

from .factories import CINPlanFactory, PackageFactory


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2025-09-22 10:00:00") as frozen:
        yield frozen


@pytest.fixture
def service(db):
    return ServiceFactory(name="Children in need and disability")


@pytest.fixture
def cin_team(service):
    return TeamFactory(
        name="Disabled Children Team", service=service, kind=Team.Kind.DISABLED_CHILDREN
    )


@pytest.fixture
def sw(cin_team):
    return WorkerFactory(team=cin_team, first_name="Sam", last_name="Okafor")


@pytest.fixture
def tm(cin_team):
    return WorkerFactory(team=cin_team, role=Worker.Role.TEAM_MANAGER)


@pytest.fixture
def outsider(db):
    other = TeamFactory(
        name="Care Leavers",
        service=ServiceFactory(name="Care leavers"),
        kind=Team.Kind.CARE_LEAVERS,
    )
    return WorkerFactory(team=other, role=Worker.Role.TEAM_MANAGER)


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
