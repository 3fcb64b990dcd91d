"""Screening: the child's and the household's history without searching, and the flag on a
contact that comes back within the council's period of a "no further action" decision."""

import datetime as dt
import re

import pytest
from freezegun import freeze_time

from sightline.access.models import AuditEvent
from sightline.assessments.models import Assessment
from sightline.care.models import CareEpisode
from sightline.cin.models import CINPlan
from sightline.people.models import Household, HouseholdMember, Relationship
from sightline.protection.models import ChildProtectionPlan
from sightline.testing.factories import (
    AllocationFactory,
    AuthorisationFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    DecidedContactFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.helpers import assert_looks_missing, london
from sightline.timescales.declarations import set_local_timescale

from .factories import overturned_by_manager

pytestmark = pytest.mark.django_db

WARNING = "govuk-warning-text"


@pytest.fixture
def family():
    """Ruby (the contact), her brother Sam (a sibling by relationship, with a history) and
    baby Lily (in the same household)."""
    ruby = ChildFactory(first_name="Ruby", last_name="Hart", date_of_birth=dt.date(2015, 5, 1))
    sam = ChildFactory(first_name="Sam", last_name="Hart", date_of_birth=dt.date(2012, 2, 3))
    lily = ChildFactory(first_name="Lily", last_name="Hart", date_of_birth=dt.date(2025, 1, 9))
    Relationship.objects.create(child=ruby, other_child=sam, kind=Relationship.Kind.SIBLING)
    home = Household.objects.create(reference="HH0001")
    for child in (ruby, lily):
        HouseholdMember.objects.create(household=home, child=child, start_date=dt.date(2025, 1, 9))
    episode = CINEpisodeFactory(child=sam, referral_date=dt.date(2024, 3, 4))
    Assessment.objects.create(
        child=sam,
        cin_episode=episode,
        start_date=dt.date(2024, 3, 5),
        authorised_date=dt.date(2024, 4, 20),
    )
    CINPlan.objects.create(
        child=sam,
        cin_episode=episode,
        start_date=dt.date(2024, 5, 1),
        end_date=dt.date(2024, 11, 1),
    )
    ChildProtectionPlan.objects.create(
        child=sam,
        cin_episode=episode,
        start_date=dt.date(2024, 11, 2),
        end_date=dt.date(2025, 6, 30),
        initial_category="NEG",
        latest_category="NEG",
        end_reason=ChildProtectionPlan.EndReason.NO_LONGER_NEEDED,
    )
    CareEpisode.objects.create(
        child=sam,
        start_date=dt.date(2025, 7, 1),
        reason_new_episode="S",
        legal_status="V2",
        category_of_need="N1",
        placement_type="U1",
    )
    return {"ruby": ruby, "sam": sam, "lily": lily}


def test_screening_shows_the_child_and_household_history_without_searching(
    family, screener, sign_in
):
    earlier = DecidedContactFactory(child=family["ruby"], received_at=london(2025, 9, 1, 10, 0))
    contact = ContactFactory(child=family["ruby"])
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/").content.decode()
    # Ruby's own earlier contact, with its outcome.
    assert "1 September 2025" in page
    assert "No further action (awaiting authorisation)" in page
    assert earlier.pk != contact.pk
    # Her brother's referral, assessment, plans and care, with dates and outcomes.
    assert "Sam Hart (sibling)" in page
    for text in (
        "4 March 2024",
        "Assessment",
        "20 April 2024",
        "Child in need plan",
        "Child protection plan",
        "Plan no longer needed: risk reduced",
        "Episode of care",
        "1 July 2025",
    ):
        assert text in page, text
    assert "Lily Hart (lives in the same household)" in page


@freeze_time("2026-03-10 12:00")
def test_screening_counts_contacts_in_the_last_12_months(family, screener, sign_in):
    ruby = family["ruby"]
    ContactFactory(child=ruby, received_at=london(2025, 3, 9, 12, 0))  # just over 12 months
    ContactFactory(child=ruby, received_at=london(2025, 6, 1, 9, 0))
    ContactFactory(child=family["lily"], received_at=london(2026, 1, 5, 9, 0))
    contact = ContactFactory(child=ruby, received_at=london(2026, 3, 10, 9, 0))
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "2, including this one" in page
    # Ruby's 2 and Lily's 1 (Sam has none).
    household = re.search(r"The household and siblings</dt><dd[^>]*>(\d+)<", page)
    assert household and household.group(1) == "3"


def _nfa_then_contact(decided: dt.datetime, received: dt.datetime):
    child = ChildFactory()
    nfa = DecidedContactFactory(
        child=child, received_at=decided - dt.timedelta(hours=4), decided_at=decided
    )
    AuthorisationFactory(contact=nfa, authorised_at=decided + dt.timedelta(hours=1))
    return ContactFactory(child=child, received_at=received)


@freeze_time("2026-06-30 12:00")
def test_a_new_contact_within_3_months_of_no_further_action_is_flagged(screener, sign_in):
    # Decided 10 March: flagged up to and including 10 June, not from 11 June.
    within = _nfa_then_contact(london(2026, 3, 10, 15, 0), london(2026, 6, 10, 9, 0))
    after = _nfa_then_contact(london(2026, 3, 10, 15, 0), london(2026, 6, 11, 9, 0))
    client = sign_in(screener)
    page = client.get(f"/front-door/contacts/{within.pk}/").content.decode()
    assert WARNING in page
    assert "Contact again within 3 months of no further action" in page
    assert "10 March 2026" in page
    assert WARNING in client.get(f"/front-door/contacts/{within.pk}/decision/").content.decode()
    assert WARNING not in client.get(f"/front-door/contacts/{after.pk}/").content.decode()


@freeze_time("2026-06-30 12:00")
def test_the_flag_follows_the_councils_local_period(screener, sign_in):
    contact = _nfa_then_contact(london(2026, 1, 5, 15, 0), london(2026, 6, 1, 9, 0))
    client = sign_in(screener)
    assert WARNING not in client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    set_local_timescale("front_door.nfa_recontact_flag", "6 months", None, "Local review")
    page = client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Contact again within 6 months of no further action" in page


@freeze_time("2026-06-30 12:00")
def test_the_flag_uses_the_decision_that_stands_after_a_managers_overturn(screener, sign_in):
    child = ChildFactory()
    overturned = DecidedContactFactory(
        child=child, received_at=london(2026, 5, 1, 9, 0), decided_at=london(2026, 5, 1, 12, 0)
    )
    overturned_by_manager(
        overturned,
        london(2026, 5, 1, 13, 0),
        to="referral",
        reasons="Second contact this year; needs an assessment.",
    )
    contact = ContactFactory(child=child, received_at=london(2026, 6, 1, 9, 0))
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert WARNING not in page


def test_screening_a_contact_outside_scope_is_the_same_404_as_a_missing_one(sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    contact = ContactFactory()
    client = sign_in(worker)
    assert_looks_missing(
        client, f"/front-door/contacts/{contact.pk}/", "/front-door/contacts/999999/"
    )
    assert not AuditEvent.objects.filter(child=contact.child).exists()


def test_screening_writes_a_view_event_for_the_child_and_each_relative_shown(
    family, screener, sign_in
):
    contact = ContactFactory(child=family["ruby"])
    sign_in(screener).get(f"/front-door/contacts/{contact.pk}/")
    views = AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW)
    assert views.filter(child=family["ruby"], summary="Screened a contact").count() == 1
    for relative in (family["sam"], family["lily"]):
        assert views.filter(child=relative, object_id=str(contact.pk)).count() == 1


def test_outside_the_front_door_relatives_out_of_scope_are_withheld(family, sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    AllocationFactory(worker=worker, child=family["ruby"])
    contact = ContactFactory(child=family["ruby"])
    page = sign_in(worker).get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Sam Hart" not in page
    assert "2 other children in the household or family are outside what you can see" in page
    assert not AuditEvent.objects.filter(child=family["sam"]).exists()
