"""factory-boy factories for the record spine and for the records several apps' tests build
(the front-door team, assessments and their mid-point checks, decided and authorised contacts,
the child protection
chain from strategy discussion to plan, episodes of care). A factory used by
one app's tests only lives in that app's tests/factories.py. Synthetic data only (Faker en_GB)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from faker import Faker

from sightline.assessments.models import Assessment, MidpointCheck
from sightline.care.models import CareEpisode
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.people.identifiers import upn_check_letter
from sightline.people.models import Allocation, Child, Service, Team, Worker
from sightline.protection.models import (
    ChildProtectionPlan,
    InitialChildProtectionConference,
    Section47Enquiry,
    StrategyDiscussion,
)

PASSWORD = "correct-horse-battery-staple"


def record_factory(model, parent: str, parent_factory, *, copied=("child",), **fields):
    """A factory for `model`, a record that hangs off a `parent` record (built by
    `parent_factory`) and copies the parent's `child` (and any other `copied` fields): every
    record on a child's file names the child itself, so scope checks and the child's record find
    it without a join, and the copy must agree with its parent. `fields` are the rest of the
    record's declarations (values, SubFactory, LazyAttribute...)."""
    declarations = {parent: factory.SubFactory(parent_factory)}
    declarations |= {name: factory.SelfAttribute(f"{parent}.{name}") for name in copied}
    return factory.make_factory(
        model, FACTORY_CLASS=factory.django.DjangoModelFactory, **declarations, **fields
    )


def make_upn(n: int) -> str:
    body = f"{938:03d}{n:09d}"  # 3-digit LA code then a serial: 12 characters
    return upn_check_letter(body) + body


_FAKE = Faker("en_GB")


def plain_surname() -> factory.LazyFunction:
    """An en_GB surname without an apostrophe. Tests find names in a page's HTML, where
    "O'Brien" is escaped as "O&#x27;Brien"; with several such names in Faker's list, a test that
    looked for one unescaped would fail now and then. (Escaping itself is tested on purpose.)"""
    return factory.LazyFunction(lambda: _FAKE.last_name().replace("'", ""))


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
    last_name = plain_surname()
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
    last_name = plain_surname()
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


def front_door_team(name: str = "Front Door (MASH)", **fields) -> Team:
    """The team that screens contacts and decides what happens next (the MASH)."""
    return TeamFactory(name=name, kind=Team.Kind.FRONT_DOOR, **fields)


def front_door_worker(role: str = Worker.Role.SOCIAL_WORKER, team: Team | None = None) -> Worker:
    return WorkerFactory(role=role, team=team or front_door_team())


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


AuthorisationFactory = record_factory(
    DecisionAuthorisation,
    "contact",
    DecidedContactFactory,
    manager=factory.SubFactory(WorkerFactory, role=Worker.Role.TEAM_MANAGER),
    authorised_at=factory.LazyAttribute(lambda o: o.contact.decided_at + dt.timedelta(hours=1)),
    outcome=DecisionAuthorisation.Outcome.AGREED,
)

AssessmentFactory = record_factory(
    Assessment, "cin_episode", CINEpisodeFactory, start_date=dt.date(2025, 9, 3)
)

MidpointCheckFactory = record_factory(
    MidpointCheck,
    "assessment",
    AssessmentFactory,
    manager=factory.SubFactory(WorkerFactory, role=Worker.Role.TEAM_MANAGER),
    date=dt.date(2025, 9, 30),
    on_track=True,
    direction="Complete the school check by Friday.",
)

# The child protection chain. After the strategy discussion, each record belongs to the referral
# its parent belongs to.
ON_THE_REFERRAL = ("cin_episode", "child")

StrategyDiscussionFactory = record_factory(
    StrategyDiscussion,
    "cin_episode",
    CINEpisodeFactory,
    date=dt.date(2025, 9, 2),
    police_present=True,
    health_present=True,
    education_present=True,
    social_care_present=True,
    outcome=StrategyDiscussion.Outcome.S47,
    rationale="Unexplained bruising; threshold for a single-agency section 47 enquiry met.",
)

Section47EnquiryFactory = record_factory(
    Section47Enquiry,
    "strategy_discussion",
    StrategyDiscussionFactory,
    copied=ON_THE_REFERRAL,
    start_date=factory.SelfAttribute("strategy_discussion.date"),
)

ConferenceFactory = record_factory(
    InitialChildProtectionConference,
    "section47",
    Section47EnquiryFactory,
    copied=ON_THE_REFERRAL,
    date=dt.date(2025, 9, 19),
    chair="Morgan Ellis",
    plan_made=True,
)

PlanFactory = record_factory(
    ChildProtectionPlan,
    "icpc",
    ConferenceFactory,
    copied=ON_THE_REFERRAL,
    start_date=factory.SelfAttribute("icpc.date"),
    initial_category="NEG",
    latest_category="NEG",
)


class CareEpisodeFactory(factory.django.DjangoModelFactory):
    """An episode of care that starts a period of care (S): a care order, placed in foster care.
    Given an end date, it ends with care ceased for any other reason (E8) unless told why."""

    class Meta:
        model = CareEpisode

    child = factory.SubFactory(ChildFactory)
    start_date = dt.date(2025, 4, 1)
    reason_new_episode = "S"
    legal_status = "C2"
    category_of_need = "N1"
    placement_type = "U4"
    placement_provider = "PR1"
    end_date = None
    reason_ceased = factory.LazyAttribute(lambda o: "E8" if o.end_date else "")
