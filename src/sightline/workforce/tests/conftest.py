"""A county with two services: "Safeguarding" (teams East and West) and "Children in care"
(team South). Time is frozen on Wednesday 8 October 2025, so "this week" is Monday 6 to
Sunday 12 October and every due date below is fixed."""

import datetime as dt

import pytest

from sightline.people.models import Team, Worker
from sightline.testing.factories import ServiceFactory, TeamFactory, WorkerFactory
from sightline.testing.fixtures import frozen_at

TODAY = dt.date(2025, 10, 8)


frozen = frozen_at(TODAY)


@pytest.fixture
def safeguarding(db):
    return ServiceFactory(name="Safeguarding")


@pytest.fixture
def east(safeguarding):
    return TeamFactory(name="Safeguarding East", service=safeguarding, kind=Team.Kind.SAFEGUARDING)


@pytest.fixture
def west(safeguarding):
    return TeamFactory(name="Safeguarding West", service=safeguarding, kind=Team.Kind.SAFEGUARDING)


@pytest.fixture
def south(db):
    return TeamFactory(
        name="Children in Care South",
        service__name="Children in care",
        kind=Team.Kind.CHILDREN_IN_CARE,
    )


@pytest.fixture
def tm(east):
    return WorkerFactory(
        team=east, role=Worker.Role.TEAM_MANAGER, first_name="Priya", last_name="Shah"
    )


@pytest.fixture
def sw(east):
    return WorkerFactory(team=east, first_name="Chloe", last_name="Evans")


@pytest.fixture
def sw2(east):
    return WorkerFactory(team=east, first_name="Hannah", last_name="Lloyd")


@pytest.fixture
def west_sw(west):
    return WorkerFactory(team=west, first_name="Owen", last_name="Price")


@pytest.fixture
def service_manager(east):
    return WorkerFactory(
        team=east, role=Worker.Role.SERVICE_MANAGER, first_name="Grace", last_name="Hughes"
    )
