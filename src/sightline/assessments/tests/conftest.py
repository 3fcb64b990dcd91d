"""A small assessment team: a team manager, a social worker with a child on an open referral,
and a worker in another service who must not see any of it. Time is frozen on a school day
three weeks after the referral (1 September 2025), so clocks and "not in the future" checks
give the same answers every run."""

import datetime as dt

import pytest
from freezegun import freeze_time

from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    AssessmentFactory,
    CINEpisodeFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)

TODAY = dt.date(2025, 9, 22)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2025-09-22 10:00:00") as frozen:
        yield frozen


@pytest.fixture
def service(db):
    return ServiceFactory(name="Front door and assessment")


@pytest.fixture
def assessment_team(service):
    return TeamFactory(name="Assessment Team North", service=service, kind=Team.Kind.ASSESSMENT)


@pytest.fixture
def sw(assessment_team):
    return WorkerFactory(team=assessment_team, first_name="Chloe", last_name="Evans")


@pytest.fixture
def sw2(assessment_team):
    return WorkerFactory(team=assessment_team, first_name="Hannah", last_name="Lloyd")


@pytest.fixture
def tm(assessment_team):
    return WorkerFactory(
        team=assessment_team, role=Worker.Role.TEAM_MANAGER, first_name="Priya", last_name="Shah"
    )


@pytest.fixture
def outsider(db):
    other = TeamFactory(
        name="Children in Care South",
        service=ServiceFactory(name="Children in care"),
        kind=Team.Kind.CHILDREN_IN_CARE,
    )
    return WorkerFactory(team=other, role=Worker.Role.TEAM_MANAGER)


@pytest.fixture
def child(sw):
    return AllocationFactory(worker=sw).child


@pytest.fixture
def episode(child):
    return CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 1))


@pytest.fixture
def assessment(episode, sw):
    return AssessmentFactory(cin_episode=episode, worker=sw, start_date=dt.date(2025, 9, 3))
