"""My work: every open item for the worker's children, grouped Overdue, Due soon, Due later,
each with a link to the child and a link to act; then a compact table of the children."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.access.models import AuditEvent
from sightline.people.models import Allocation
from sightline.testing.factories import (
    AllocationFactory,
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    MidpointCheckFactory,
)
from sightline.testing.helpers import london
from sightline.timescales.declarations import get

pytestmark = pytest.mark.django_db


def section(page: str, heading: str, next_heading: str | None) -> str:
    start = page.index(f'id="{heading}"')
    end = page.index(f'id="{next_heading}"') if next_heading else len(page)
    return page[start:end]


@pytest.fixture
def amira(sw):
    """Overdue: a contact received 1 October with no decision (due 2 October).
    Due later: her assessment (referral 1 September, due 3 November); its mid-point check
    was done, so it is met and not listed."""
    child = AllocationFactory(
        worker=sw, child=ChildFactory(first_name="Amira", last_name="Khan")
    ).child
    ContactFactory(child=child, received_at=london(2025, 10, 1, 9, 30))
    assessment = AssessmentFactory(
        cin_episode=CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 1)),
        start_date=dt.date(2025, 9, 1),
    )
    MidpointCheckFactory(assessment=assessment, date=dt.date(2025, 9, 26))
    return child


@pytest.fixture
def ben(sw):
    """Due soon: a mid-point check due Monday 13 October (assessment started 15 September)."""
    child = AllocationFactory(
        worker=sw,
        child=ChildFactory(first_name="Ben", last_name="Okafor"),
        kind=Allocation.Kind.SOCIAL_WORKER,
    ).child
    AssessmentFactory(
        cin_episode=CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 15)),
        start_date=dt.date(2025, 9, 15),
    )
    return child


def test_a_worker_sees_their_overdue_items_first_with_links(sw, amira, ben, sign_in):
    response = sign_in(sw).get("/")
    page = response.content.decode()
    assert response.status_code == 200
    # The sections come in order of urgency.
    assert page.index('id="overdue"') < page.index('id="due-soon"') < page.index('id="due-later"')
    overdue = section(page, "overdue", "due-soon")
    contact = amira.contacts.get()
    assert f'href="/children/{amira.council_id}/"' in overdue
    assert f'href="/front-door/contacts/{contact.pk}/"' in overdue  # where the decision is made
    assert get("front_door.contact_decision").name in overdue  # what is due
    assert "Contact received 1 October 2025" in overdue  # what it is for
    assert "Overdue by 6 days" in overdue
    assert "02/10/2025" in overdue
    assert ben.council_id not in overdue

    due_soon = section(page, "due-soon", "due-later")
    ben_assessment = ben.assessments.get()
    assert f'href="/assessments/{ben_assessment.pk}/"' in due_soon
    assert "Due in 3 working days" in due_soon
    assert "13/10/2025" in due_soon

    due_later = section(page, "due-later", "my-children")
    amira_assessment = amira.assessments.get()
    assert f'href="/assessments/{amira_assessment.pk}/"' in due_later
    assert "03/11/2025" in due_later


def test_every_open_item_is_listed_not_just_the_next_one(sw, amira, sign_in):
    work = sign_in(sw).get("/").context["work"]
    keys = sorted(w.item.key for w in work.overdue + work.due_soon + work.due_later)
    assert keys == ["assessment.completion", "front_door.contact_decision"]
    # The mid-point check was done on time: it is not work to do.
    assert all(w.item.is_open for w in work.overdue + work.due_soon + work.due_later)


def test_my_children_shows_each_child_with_their_next_item_and_how_i_am_allocated(
    sw, amira, sign_in
):
    quiet = AllocationFactory(
        worker=sw,
        child=ChildFactory(first_name="Zara", last_name="Ali", date_of_birth=dt.date(2019, 5, 4)),
        kind=Allocation.Kind.FAMILY_SUPPORT,
    ).child
    page = sign_in(sw).get("/").content.decode()
    children = section(page, "my-children", None)
    assert children.index(amira.council_id) < children.index(quiet.council_id)
    assert "4 May 2019" in children
    assert "Family support worker" in children
    assert "Nothing due" in children


def test_an_item_without_a_page_of_its_own_links_to_the_childs_record(sw, sign_in):
    child = AllocationFactory(worker=sw).child
    # A referral with no assessment or strategy discussion: the rule gives it no page.
    CINEpisodeFactory(child=child, referral_date=dt.date(2025, 10, 6))
    work = sign_in(sw).get("/").context["work"]
    (item,) = work.overdue
    assert item.item.key == "front_door.referral_decision"
    assert item.act_url == f"/children/{child.council_id}/"


def test_children_no_longer_allocated_to_me_are_not_on_my_work(sw, sw2, sign_in):
    ended = AllocationFactory(worker=sw, end_date=dt.date(2025, 10, 1)).child
    ContactFactory(child=ended, received_at=london(2025, 10, 1, 9, 0))
    AllocationFactory(worker=sw2, child=ended)
    page = sign_in(sw).get("/").content.decode()
    assert ended.council_id not in page
    assert "No children are allocated to you." in page


def test_my_work_writes_one_view_event_listing_the_children_shown(sw, amira, ben, sign_in):
    sign_in(sw).get("/")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.VIEW)
    assert event.summary == "Viewed My work (2 children)"
    assert sorted(event.detail["council_ids"]) == sorted([amira.council_id, ben.council_id])
    assert event.child is None  # the child's own event is written when the record is opened


def test_a_team_manager_finds_their_team_view_from_my_work(tm, sw, sign_in):
    page = sign_in(tm).get("/").content.decode()
    assert f'href="/teams/{tm.team_id}/"' in page
    assert "/teams/" not in sign_in(sw).get("/").content.decode()


def test_a_check_missed_before_the_assessment_was_authorised_stays_on_the_record_not_my_work(
    sw, sign_in
):
    child = AllocationFactory(worker=sw).child
    # Check due 29 September; authorised on 3 October with no check: missed, not to do.
    AssessmentFactory(
        cin_episode=CINEpisodeFactory(child=child, referral_date=dt.date(2025, 9, 1)),
        start_date=dt.date(2025, 9, 1),
        authorised_date=dt.date(2025, 10, 3),
    )
    client = sign_in(sw)
    work = client.get("/").context["work"]
    assert [w.item.key for w in work.overdue + work.due_soon + work.due_later] == []
    record = client.get(f"/children/{child.council_id}/").context["timescales"]
    missed = [i for i in record if i.key == "assessment.manager_midpoint_check"]
    assert [i.state.value for i in missed] == ["overdue"]


def test_my_work_reads_every_childs_contacts_and_referrals_in_one_query_each(sw, sign_in):
    # 20 to 30 children is an ordinary caseload: the records the rules read whole are fetched
    # once for all of them, not once per child.
    for _ in range(5):
        child = AllocationFactory(worker=sw).child
        ContactFactory(child=child, received_at=london(2025, 10, 7, 9, 0))
        CINEpisodeFactory(child=child, referral_date=dt.date(2025, 10, 7))
    client = sign_in(sw)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sql = [q["sql"] for q in queries]
    assert sum('FROM "frontdoor_contact"' in s for s in sql) == 1
    assert sum('FROM "cin_cinepisode"' in s for s in sql) == 1
    assert sum('FROM "care_careepisode"' in s for s in sql) == 1
