"""A safeguarding team's social worker (the root conftest's `team` and `social_worker`) with a
child allocated to them, and a quality assurance officer who reads notes but does not write
them. Time is frozen at 10:00 UTC (11:00 in London) on 22 September 2025, so "not in the
future" checks never drift."""

import datetime as dt

from sightline.people.models import Worker
from sightline.testing.fixtures import child_allocated_to, frozen_at, worker_in

frozen = frozen_at(dt.date(2025, 9, 22))

child = child_allocated_to("social_worker", first_name="Amira")
qa = worker_in("team", Worker.Role.QA_OFFICER)
