"""Test data for the workforce pages (synthetic data only), on top of sightline.testing's spine:
assessments with their mid-point checks, and front-door contacts at each stage."""

import datetime as dt

import factory
from django.utils import timezone

from sightline.assessments.models import Assessment, MidpointCheck
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.people.models import Worker
from sightline.testing.factories import CINEpisodeFactory, ContactFactory, WorkerFactory


def london(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    cin_episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("cin_episode.child")
    start_date = dt.date(2025, 9, 1)


class MidpointCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MidpointCheck

    assessment = factory.SubFactory(AssessmentFactory)
    child = factory.SelfAttribute("assessment.child")
    manager = factory.SubFactory(WorkerFactory, role=Worker.Role.TEAM_MANAGER)
    date = dt.date(2025, 9, 26)
    on_track = True
    direction = "Finish the school check by Friday."


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
