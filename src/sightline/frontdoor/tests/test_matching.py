"""Before the front door adds a child it does not know, it is shown the known children who may
be the same child, whichever team holds them, and only enough to recognise them."""

import datetime as dt

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.scope import children_visible_to
from sightline.frontdoor.matching import Details, possible_matches, postcode_district, similar
from sightline.frontdoor.models import Contact
from sightline.people.models import Address, Child, ChildName
from sightline.testing.factories import AllocationFactory, ChildFactory, TeamFactory, WorkerFactory
from sightline.testing.helpers import date_fields

from .test_record_contact import post_details

pytestmark = pytest.mark.django_db

NEW = "/front-door/contacts/new/"
NEW_CHILD = "/front-door/contacts/new/child/"
MATCHES = "/front-door/contacts/new/child/matches/"
BORN = dt.date(2016, 4, 16)


@pytest.fixture
def amira():
    """A child known to another team (not the front door's scope), with an address."""
    child = ChildFactory(first_name="Amira", last_name="Khan", date_of_birth=BORN)
    AllocationFactory(child=child, worker=WorkerFactory(team=TeamFactory(name="Family Support")))
    Address.objects.create(
        child=child, line_1="4 Hyde Park Road", town="Leeds", postcode="LS6 2AB",
        start_date=dt.date(2020, 1, 1),
    )  # fmt: skip
    return child


def add_child(client, **overrides):
    """Step 1b of recording a contact: the details of a child the worker thinks is new."""
    data = {
        "first_name": "Amria",
        "last_name": "Kahn",
        **date_fields("date_of_birth", BORN),
        "sex": "F",
        "ethnicity": "APKN",
        **overrides,
    }
    return client.post(NEW_CHILD, data)


@pytest.mark.parametrize(
    ("typed", "known", "same"),
    [
        ("Amria", "Amira", True),  # two letters swapped
        ("Kahn", "Khan", True),
        ("Mohamed", "Mohammed", True),  # a letter missing
        ("Jon", "Jan", False),  # a short name with a slip is another name
        ("Oliver", "Olivia", False),  # two slips in a short name
        ("O'Neill", "ONeill", True),  # punctuation is not a difference
    ],
)
def test_names_are_matched_through_a_slip_of_the_keyboard_but_not_beyond(typed, known, same):
    assert similar(typed, known) is same


def test_the_postcode_district_is_the_outward_half_of_the_postcode():
    assert postcode_district("ls6 2ab") == "LS6"
    assert postcode_district("SW1A1AA") == "SW1A"


def test_a_misspelt_name_and_the_date_of_birth_find_a_child_in_another_teams_scope(
    screener, sign_in, amira
):
    assert amira not in children_visible_to(screener.user)
    client = sign_in(screener)
    response = add_child(client)
    assert response["Location"] == MATCHES
    page = client.get(MATCHES).content.decode()
    assert "Is this a child we already know?" in page
    assert "Amira Khan" in page and "16 April 2016" in page
    assert "LS6" in page and "Open now" in page and "Name, date of birth" in page
    # Only enough to recognise the child: not the address, nor who works with them.
    assert "Hyde Park Road" not in page and "LS6 2AB" not in page
    assert "Family Support" not in page


def test_choosing_a_known_child_records_the_contact_on_them_and_they_are_then_in_scope(
    screener, sign_in, amira
):
    client = sign_in(screener)
    add_child(client)
    response = client.post(MATCHES, {"council_id": amira.council_id})
    assert response["Location"] == NEW
    assert "Amira Khan" in client.get(NEW).content.decode()
    children_before = Child.objects.count()
    assert post_details(client).status_code == 302
    assert Child.objects.count() == children_before
    assert Contact.objects.get().child == amira
    assert amira in children_visible_to(screener.user)


def test_a_new_child_is_added_only_once_the_worker_says_none_of_these_is_the_child(
    screener, sign_in, amira
):
    client = sign_in(screener)
    add_child(client, first_name="Aisha")  # same surname and birthday: may be a twin
    page = client.post(MATCHES, {}).content.decode()
    assert "Confirm that none of these is the child, or choose the child from the list" in page
    assert "Aisha Kahn" not in client.get(NEW).content.decode()
    response = client.post(MATCHES, {"confirm": "none"})
    assert response["Location"] == NEW
    assert "Aisha Kahn" in client.get(NEW).content.decode()
    assert post_details(client).status_code == 302
    added = Contact.objects.get().child
    assert added != amira and added.full_name == "Aisha Kahn"


def test_with_no_known_child_like_them_the_new_child_is_added_straight_away(screener, sign_in):
    client = sign_in(screener)
    response = add_child(client, first_name="Zain", last_name="Okoro")
    assert response["Location"] == NEW
    assert "Zain Okoro" in client.get(NEW).content.decode()


def test_only_a_child_offered_as_a_match_can_be_chosen(screener, sign_in, amira):
    other = ChildFactory()
    client = sign_in(screener)
    add_child(client)
    assert client.post(MATCHES, {"council_id": other.council_id}).status_code == 404
    assert other.council_id not in client.get(NEW).content.decode()


def test_the_search_and_the_choice_are_on_the_audit_trail(screener, sign_in, amira):
    client = sign_in(screener)
    add_child(client)
    searched = AuditEvent.objects.get(event_type=EventType.CHILDREN_SEARCHED)
    assert searched.detail["council_ids"] == [amira.council_id]
    assert searched.summary == "Looked for a known child before adding Amria Kahn: 1 may match"
    client.post(MATCHES, {"council_id": amira.council_id})
    chosen = AuditEvent.objects.get(event_type=EventType.CHILD_MATCH_CHOSEN)
    assert chosen.child == amira
    assert chosen.detail["offered"] == [amira.council_id]


def test_the_matches_page_is_for_the_front_door_only(sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    assert sign_in(worker).get(MATCHES).status_code == 404


def test_a_former_name_an_nhs_number_or_a_postcode_finds_the_child(amira):
    ChildName.objects.create(child=amira, first_name="Amira", last_name="Begum")
    amira.nhs_number = "9434765919"
    amira.save()
    by_former_name = Details("Amira", "Begum")
    by_nhs_number = Details("Ann", "Smith", identifiers=("943 476 5919",))
    by_postcode = Details("Amira", "Patel", postcode="ls62ab")
    for details in (by_former_name, by_nhs_number, by_postcode):
        assert [m.council_id for m in possible_matches(details)] == [amira.council_id]


def test_a_sibling_sharing_a_surname_and_postcode_is_not_offered(amira):
    assert possible_matches(Details("Yusuf", "Khan", dt.date(2019, 2, 1), postcode="LS6 2AB")) == []


def test_a_merged_record_is_never_offered(amira):
    survivor = ChildFactory()
    Child.objects.filter(pk=amira.pk).update(merged_into=survivor)
    assert possible_matches(Details("Amira", "Khan", BORN)) == []
