"""Test data for the front door: a front-door team, its workers, and a contact authorised "no
further action". Synthetic data only."""

import datetime as dt

from sightline.frontdoor.models import Contact
from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AuthorisationFactory,
    DecidedContactFactory,
    TeamFactory,
    WorkerFactory,
)


def front_door_team(name: str = "Front Door (MASH)") -> Team:
    return TeamFactory(name=name, kind=Team.Kind.FRONT_DOOR)


def front_door_worker(role: str = Worker.Role.SOCIAL_WORKER, team: Team | None = None) -> Worker:
    return WorkerFactory(role=role, team=team or front_door_team())


def authorised_nfa(at: dt.datetime, **contact) -> Contact:
    """A contact decided "no further action" and agreed by a manager at `at`."""
    received = at - dt.timedelta(hours=5)
    decided = DecidedContactFactory(received_at=received, **contact)
    AuthorisationFactory(contact=decided, authorised_at=at)
    return decided
