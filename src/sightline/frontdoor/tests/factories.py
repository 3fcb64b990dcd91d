"""Test data for the front door: a front-door team, its workers, and contacts at each stage.

Synthetic data only.
"""

import datetime as dt

import factory
from django.utils import timezone

from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.people.models import Team, Worker
from sightline.testing.factories import ContactFactory, TeamFactory, WorkerFactory


def front_door_team(name: str = "Front Door (MASH)") -> Team:
    return TeamFactory(name=name, kind=Team.Kind.FRONT_DOOR)


def front_door_worker(role: str = Worker.Role.SOCIAL_WORKER, team: Team | None = None) -> Worker:
    return WorkerFactory(role=role, team=team or front_door_team())


class DecidedContactFactory(ContactFactory):
    decision = Contact.Decision.NFA
    rationale = "Universal services are meeting the child's needs."
    decided_at = factory.LazyAttribute(lambda o: o.received_at + dt.timedelta(hours=3))
    decided_by = factory.SubFactory(WorkerFactory)


class AuthorisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionAuthorisation

    contact = factory.SubFactory(DecidedContactFactory)
    child = factory.SelfAttribute("contact.child")
    manager = factory.SubFactory(WorkerFactory, role=Worker.Role.TEAM_MANAGER)
    authorised_at = factory.LazyAttribute(lambda o: o.contact.decided_at + dt.timedelta(hours=1))
    outcome = DecisionAuthorisation.Outcome.AGREED


def authorised_nfa(at: dt.datetime, **contact) -> Contact:
    """A contact decided "no further action" and agreed by a manager at `at`."""
    received = at - dt.timedelta(hours=5)
    decided = DecidedContactFactory(received_at=received, **contact)
    AuthorisationFactory(contact=decided, authorised_at=at)
    return decided


def london(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))
