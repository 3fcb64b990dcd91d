"""A small assessment team: a team manager and a social worker with a child on an open
referral; the worker in another service who must not see any of it is the root conftest's
`outsider`. Time is frozen on a school day three weeks after the referral (1 September 2025),
so clocks and "not in the future" checks give the same answers every run."""

import datetime as dt

import pytest

from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    AssessmentFactory,
    CINEpisodeFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.fixtures import frozen_at

TODAY = dt.date(2025, 9, 22)


frozen = frozen_at(TODAY)


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
def child(sw):
    return AllocationFactory(worker=sw).child


@pytest.fixture
def episode(child):
    return CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 1))


@pytest.fixture
def assessment(episode, sw):
    return AssessmentFactory(cin_episode=episode, worker=sw, start_date=dt.date(2025, 9, 3))
