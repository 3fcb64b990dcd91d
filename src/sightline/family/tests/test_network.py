"""The adults and children in a child's life: adults added and changed with how they are
related, brothers and sisters linked once and shown on both records, and who lives with whom
over time."""

import datetime as dt

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.people.models import Adult, HouseholdMember, Relationship
from sightline.testing.factories import AllocationFactory, ChildFactory
from sightline.testing.helpers import date_fields, error_page

from .conftest import details_url

pytestmark = pytest.mark.django_db


def adult(**changes) -> dict[str, str]:
    return {
        "first_name": "Kirsty",
        "last_name": "Fenwick",
        **date_fields("date_of_birth", dt.date(1990, 2, 14)),
        "sex": "F",
        "phone": "07700 900123",
        "email": "kirsty@example.com",
        "address": "12 Mill Lane, Sightford",
        "postcode": "sl1 4ab",
        "kind": "mother",
        "parental_responsibility": "yes",
        "lives_with_child": "yes",
        **changes,
    }


@pytest.fixture
def mother(child) -> Relationship:
    kirsty = Adult.objects.create(first_name="Kirsty", last_name="Fenwick", sex="F")
    return Relationship.objects.create(
        child=child, adult=kirsty, kind="mother", parental_responsibility=True
    )


@pytest.fixture
def brother(sw):
    leo = ChildFactory(first_name="Leo", last_name="Fenwick")
    return AllocationFactory(child=leo, worker=sw).child


def test_an_adult_is_added_with_parental_responsibility_and_shown(sw, child, sign_in):
    client = sign_in(sw)
    response = client.post(f"/children/{child.council_id}/details/adults/new/", adult())
    assert response.status_code == 302
    relationship = Relationship.objects.get(child=child)
    assert relationship.parental_responsibility and relationship.lives_with_child
    assert relationship.adult.postcode == "SL1 4AB"
    assert AuditEvent.objects.filter(event_type=EventType.ADULT_RECORDED, child=child).exists()
    html = client.get(details_url(child)).content.decode()
    assert "Kirsty Fenwick" in html and "kirsty@example.com" in html


def test_an_adult_with_a_bad_email_is_refused_and_nothing_saved(sw, child, sign_in):
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/adults/new/"
    html = error_page(client.post(url, adult(email="kirsty at home")))
    assert "Enter an email address like name@example.com" in html
    assert not Adult.objects.exists()


def test_an_adults_details_and_relationship_are_changed(sw, child, mother, sign_in):
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/adults/{mother.pk}/"
    assert 'value="Kirsty"' in client.get(url).content.decode()
    changed = adult(phone="07700 900999", lives_with_child="no", parental_responsibility="yes")
    assert client.post(url, changed).status_code == 302
    mother.refresh_from_db()
    assert mother.adult.phone == "07700 900999"
    assert not mother.lives_with_child


def test_another_childs_adult_is_not_found_from_this_child(sw, child, brother, sign_in):
    dean = Adult.objects.create(first_name="Dean", last_name="Cole")
    theirs = Relationship.objects.create(child=brother, adult=dean, kind="father")
    url = f"/children/{child.council_id}/details/adults/{theirs.pk}/"
    assert sign_in(sw).get(url).status_code == 404


def link(client, child, other, kind="sibling", lives="yes"):
    data = {"council_id": other.council_id.lower(), "kind": kind, "lives_with_child": lives}
    return client.post(f"/children/{child.council_id}/details/siblings/new/", data)


def test_a_brother_linked_once_shows_on_both_records(sw, child, brother, sign_in):
    client = sign_in(sw)
    assert link(client, child, brother).status_code == 302
    assert Relationship.objects.filter(other_child__isnull=False).count() == 1
    assert "Leo Fenwick" in client.get(details_url(child)).content.decode()
    assert "Ruby Fenwick" in client.get(details_url(brother)).content.decode()


def test_a_brother_already_linked_either_way_round_is_refused(sw, child, brother, sign_in):
    client = sign_in(sw)
    link(client, child, brother)
    html = error_page(link(client, brother, child))
    assert "Ruby Fenwick is already linked" in html
    assert Relationship.objects.count() == 1


def test_a_child_the_worker_cannot_see_cannot_be_linked(sw, child, sign_in):
    stranger = ChildFactory()
    html = error_page(link(sign_in(sw), child, stranger))
    assert f"There is no child with council ID {stranger.council_id} that you can see" in html
    assert not Relationship.objects.exists()


def test_a_brother_outside_the_viewers_scope_is_named_but_not_linked(
    sw, leader, child, sign_in, outsider
):
    other = AllocationFactory(worker=outsider, child=ChildFactory(first_name="Amy")).child
    Relationship.objects.create(child=other, other_child=child, kind="half_sibling")
    html = sign_in(sw).get(details_url(child)).content.decode()
    assert f"{other.full_name}</td>" in html
    assert f'href="{details_url(other)}"' not in html


def household(client, child, start: dt.date, *members: str):
    data = {**date_fields("start_date", start), "members": list(members)}
    return client.post(f"/children/{child.council_id}/details/households/new/", data)


def test_a_household_over_time_who_moved_in_and_out(sw, child, mother, brother, sign_in):
    client = sign_in(sw)
    link(client, child, brother)
    kirsty = f"adult:{mother.adult_id}"
    assert household(client, child, dt.date(2024, 1, 1), kirsty).status_code == 302
    home = HouseholdMember.objects.get(child=child).household
    join = f"/children/{child.council_id}/details/households/{home.pk}/join/"
    moved_in = {"person": f"child:{brother.pk}", **date_fields("start_date", dt.date(2024, 2, 1))}
    assert client.post(join, moved_in).status_code == 302
    leo = HouseholdMember.objects.get(child=brother)
    leave = f"/children/{child.council_id}/details/households/members/{leo.pk}/leave/"
    html = error_page(client.post(leave, date_fields("end_date", dt.date(2024, 1, 15))))
    assert "must be on or after the date they moved in (1 February 2024)" in html
    assert client.post(leave, date_fields("end_date", dt.date(2025, 3, 1))).status_code == 302
    leo.refresh_from_db()
    assert leo.end_date == dt.date(2025, 3, 1)
    page = client.get(details_url(child)).content.decode()
    assert f"Household {home.reference}" in page and "1 March 2025" in page
    assert AuditEvent.objects.filter(event_type=EventType.HOUSEHOLD_CHANGED).count() == 3


def test_a_new_household_ends_the_childs_time_in_the_one_before(sw, child, mother, sign_in):
    client = sign_in(sw)
    household(client, child, dt.date(2024, 1, 1))
    household(client, child, dt.date(2025, 6, 1), f"adult:{mother.adult_id}")
    first, second = HouseholdMember.objects.filter(child=child).order_by("start_date")
    assert first.end_date == dt.date(2025, 6, 1)
    assert second.end_date is None and second.household != first.household


def test_only_people_in_the_childs_network_may_join_a_household(sw, child, sign_in):
    stranger = Adult.objects.create(first_name="Dean", last_name="Cole")
    html = error_page(household(sign_in(sw), child, dt.date(2024, 1, 1), f"adult:{stranger.pk}"))
    assert "Select a valid choice" in html
    assert not HouseholdMember.objects.exists()
