"""A safeguarding team's social worker (the root conftest's `team`) with Ruby Fenwick allocated;
a senior leader who may read but not change her details; the root conftest's `outsider`, who
must not see her at all. Time is frozen on 22 September 2025."""

import datetime as dt

from sightline.people.models import Worker
from sightline.testing.fixtures import child_allocated_to, frozen_at, worker_in

frozen = frozen_at(dt.date(2025, 9, 22))

sw = worker_in("team", first_name="Sam", last_name="Okafor")
leader = worker_in("team", Worker.Role.SENIOR_LEADER)
child = child_allocated_to("sw", first_name="Ruby", last_name="Fenwick")

VALID_NHS_NUMBER = "9434765919"
WRONG_CHECK_DIGIT = "9434765918"


def details_url(child) -> str:
    """The child's "Details and family" page."""
    return f"/children/{child.council_id}/details/"
