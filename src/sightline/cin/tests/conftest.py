"""A children in need team: a team manager and a social worker with a child on an open referral
(since 6 January 2025); the worker in another service who must not see any of it is the root
conftest's `outsider`. Time is frozen on 22 September 2025 so due dates and "not in the
future" checks never drift."""

import datetime as dt

import pytest

from sightline.people.models import Team, Worker
from sightline.testing.fixtures import (
    child_allocated_to,
    frozen_at,
    referral_of,
    team_named,
    worker_in,
)

from .factories import CINPlanFactory, PackageFactory

frozen = frozen_at(dt.date(2025, 9, 22))

cin_team = team_named(
    "Disabled Children Team",
    service="Children in need and disability",
    kind=Team.Kind.DISABLED_CHILDREN,
)
sw = worker_in("cin_team", first_name="Sam", last_name="Okafor")
tm = worker_in("cin_team", Worker.Role.TEAM_MANAGER)
child = child_allocated_to("sw")
episode = referral_of("child", dt.date(2025, 1, 6))


@pytest.fixture
def plan(episode):
    return CINPlanFactory(cin_episode=episode, start_date=dt.date(2025, 3, 3))


@pytest.fixture
def package(child):
    return PackageFactory(child=child)
