"""A county with two services: "Safeguarding" (teams East and West) and "Children in care"
(team South). Time is frozen on Wednesday 8 October 2025, so "this week" is Monday 6 to
Sunday 12 October and every due date below is fixed."""

import datetime as dt

from sightline.people.models import Team, Worker
from sightline.testing.fixtures import frozen_at, service_named, team_named, worker_in

TODAY = dt.date(2025, 10, 8)


frozen = frozen_at(TODAY)

safeguarding = service_named("Safeguarding")
east = team_named("Safeguarding East", service="Safeguarding", kind=Team.Kind.SAFEGUARDING)
west = team_named("Safeguarding West", service="Safeguarding", kind=Team.Kind.SAFEGUARDING)
south = team_named(
    "Children in Care South", service="Children in care", kind=Team.Kind.CHILDREN_IN_CARE
)

tm = worker_in("east", Worker.Role.TEAM_MANAGER, first_name="Priya", last_name="Shah")
sw = worker_in("east", first_name="Chloe", last_name="Evans")
sw2 = worker_in("east", first_name="Hannah", last_name="Lloyd")
west_sw = worker_in("west", first_name="Owen", last_name="Price")
service_manager = worker_in(
    "east", Worker.Role.SERVICE_MANAGER, first_name="Grace", last_name="Hughes"
)
cic_sw = worker_in("south", first_name="Amir", last_name="Khan")
iro_team = team_named(
    "Independent Reviewing Service", service="Quality Assurance", kind=Team.Kind.IRO
)
iro = worker_in("iro_team", Worker.Role.IRO, first_name="Helen", last_name="Price")
