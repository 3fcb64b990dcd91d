"""A small assessment team: a team manager and a social worker with a child on an open
referral; the worker in another service who must not see any of it is the root conftest's
`outsider`. Time is frozen on a school day three weeks after the referral (1 September 2025),
so clocks and "not in the future" checks give the same answers every run."""

import datetime as dt

import pytest

from sightline.people.models import Team, Worker
from sightline.testing.factories import AssessmentFactory
from sightline.testing.fixtures import (
    child_allocated_to,
    frozen_at,
    referral_of,
    service_named,
    team_named,
    worker_in,
)

TODAY = dt.date(2025, 9, 22)
SERVICE = "Front door and assessment"


frozen = frozen_at(TODAY)

service = service_named(SERVICE)
assessment_team = team_named("Assessment Team North", service=SERVICE, kind=Team.Kind.ASSESSMENT)
sw = worker_in("assessment_team", first_name="Chloe", last_name="Evans")
sw2 = worker_in("assessment_team", first_name="Hannah", last_name="Lloyd")
tm = worker_in("assessment_team", Worker.Role.TEAM_MANAGER, first_name="Priya", last_name="Shah")
child = child_allocated_to("sw")
episode = referral_of("child", dt.date(2025, 9, 1))


@pytest.fixture
def assessment(episode, sw):
    return AssessmentFactory(cin_episode=episode, worker=sw, start_date=dt.date(2025, 9, 3))
