"""factory-boy factories for the record spine and for the records several apps' tests build
(assessments and their mid-point checks, decided and authorised contacts). A factory used by
one app's tests only lives in that app's tests/factories.py. Synthetic data only (Faker en_GB)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from sightline.assessments.models import Assessment, MidpointCheck
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.people.identifiers import upn_check_letter
from sightline.people.models import Allocation, Child, Service, Team, Worker

PASSWORD = "correct-horse-battery-staple"


def make_upn(n: int) -> str:
    body = f"{938:03d}{n:09d}"  # 3-digit LA code then a serial: 12 characters
    return upn_check_letter(body) + body


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Service {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    service = factory.SubFactory(ServiceFactory)
    kind = Team.Kind.SAFEGUARDING


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy's hook signature
        if create:
            obj.save()


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worker

    user = factory.SubFactory(UserFactory)
    staff_id = factory.Sequence(lambda n: f"T{n:05d}")
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    role = Worker.Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    council_id = factory.Sequence(lambda n: f"TC{n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    upn = factory.Sequence(make_upn)
    date_of_birth = dt.date(2016, 3, 27)
    sex = "F"
    ethnicity = "WBRI"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    worker = factory.SubFactory(WorkerFactory)
    team = factory.SelfAttribute("worker.team")
    start_date = dt.date(2025, 1, 6)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    child = factory.SubFactory(ChildFactory)
    received_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    source = "2A"
    reported_by = "Head teacher"
    summary = "Bruising noticed at school."
    consent = Contact.Consent.GIVEN


class CINEpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CINEpisode

    child = factory.SubFactory(ChildFactory)
    referral_date = dt.date(2025, 9, 1)
    referral_source = "6"
    primary_need = "N1"


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


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    cin_episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("cin_episode.child")
    start_date = dt.date(2025, 9, 3)


class MidpointCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MidpointCheck

    assessment = factory.SubFactory(AssessmentFactory)
    child = factory.SelfAttribute("assessment.child")
    manager = factory.SubFactory(WorkerFactory, role=Worker.Role.TEAM_MANAGER)
    date = dt.date(2025, 9, 30)
    on_track = True
    direction = "Complete the school check by Friday."
