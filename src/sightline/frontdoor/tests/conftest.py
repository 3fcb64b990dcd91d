"""Fixtures for the front-door tests."""

from collections.abc import Iterator

import pytest

from sightline.people.models import Worker
from sightline.timescales import calendar, declarations

from .factories import front_door_team, front_door_worker


@pytest.fixture(autouse=True)
def _fresh_timescale_caches() -> Iterator[None]:
    # Local timescale values set in one test are rolled back without a signal; clear the
    # per-process caches so they do not leak into the next test.
    calendar.clear_cache()
    declarations.clear_cache()
    yield
    calendar.clear_cache()
    declarations.clear_cache()


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
