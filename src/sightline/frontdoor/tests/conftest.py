"""Fixtures for the front-door tests."""

import pytest

from sightline.people.models import Worker
from sightline.testing.factories import front_door_team, front_door_worker


@pytest.fixture
def fd_team(db):
    return front_door_team()


@pytest.fixture
def screener(fd_team):
    """A social worker in the front-door team."""
    return front_door_worker(team=fd_team)


@pytest.fixture
def manager(fd_team):
    return front_door_worker(Worker.Role.TEAM_MANAGER, team=fd_team)


@pytest.fixture
def second_manager(fd_team):
    return front_door_worker(Worker.Role.TEAM_MANAGER, team=fd_team)
