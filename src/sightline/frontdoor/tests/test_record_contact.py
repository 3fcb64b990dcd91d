"""Recording a contact: about one or several children, found in scope or added, all or nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.frontdoor import services
from sightline.frontdoor.models import Contact
from sightline.people.models import Child, Worker
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    ContactFactory,
    TeamFactory,
    WorkerFactory,
    front_door_worker,
)
from sightline.testing.helpers import error_page

pytestmark = pytest.mark.django_db


def details(**overrides):
    base = {
        "received_at": timezone.now() - dt.timedelta(hours=2),
        "source": "2A",
        "reported_by": "Ms Patel, head teacher",
        "summary": "Child arrived at school hungry and with a bruise on the arm.",
        "consent": Contact.Consent.GIVEN,
    }
    return {**base, **overrides}


def new_child(**overrides) -> services.NewChild:
    base = {
        "first_name": "Maya",
        "last_name": "Okoro",
        "sex": "F",
        "ethnicity": "BAFR",
        "date_of_birth": dt.date(2019, 4, 2),
    }
    return services.NewChild(**{**base, **overrides})


def test_contact_about_two_children_makes_one_row_each_sharing_a_group_reference(screener):
    older, younger = ChildFactory(), ChildFactory()
    contacts = services.record_contact(screener.user, children=[older, younger], **details())
    assert [c.child for c in contacts] == [older, younger]
    references = {c.group_reference for c in Contact.objects.all()}
    assert len(references) == 1 and references != {""}
    assert all(c.recorded_by == screener for c in contacts)


def test_multi_child_contact_is_all_or_nothing_when_one_new_child_is_invalid(screener):
    known = ChildFactory()
    children_before = Child.objects.count()
    # The second new child has no date of birth or expected date: refused after the first
    # child's contact and the first new child would already have been written.
    with pytest.raises(ValidationError) as refused:
        services.record_contact(
            screener.user,
            children=[known, new_child(), new_child(first_name="Ola", date_of_birth=None)],
            **details(),
        )
    assert "date_of_birth" in refused.value.message_dict
    assert Contact.objects.count() == 0
    assert Child.objects.count() == children_before
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CREATE).exists()


def test_a_new_child_is_saved_with_a_generated_council_id(screener):
    ChildFactory(council_id="CH000041")
    (contact,) = services.record_contact(screener.user, children=[new_child()], **details())
    child = contact.child
    assert child.council_id == "CH000042"
    assert (child.first_name, child.sex, child.ethnicity) == ("Maya", "F", "BAFR")
    (second,) = services.record_contact(
        screener.user,
        children=[new_child(date_of_birth=None, expected_date_of_birth=dt.date(2030, 1, 1))],
        **details(),
    )
    assert second.child.council_id == "CH000043"
    assert second.child.is_unborn


def test_received_date_in_the_future_is_refused_and_nothing_saved(screener):
    later_today = timezone.now() + dt.timedelta(minutes=30)
    with pytest.raises(ValidationError) as refused:
        services.record_contact(
            screener.user, children=[ChildFactory()], **details(received_at=later_today)
        )
    assert refused.value.message_dict["received_at"] == [
        "Date and time received must be now or in the past."
    ]
    assert Contact.objects.count() == 0


def test_out_of_hours_contact_without_a_handover_note_is_refused(screener):
    with pytest.raises(ValidationError) as refused:
        services.record_contact(
            screener.user, children=[ChildFactory()], out_of_hours=True, **details()
        )
    assert "handover_note" in refused.value.message_dict
    assert Contact.objects.count() == 0


def test_roles_that_do_not_record_contacts_are_refused_by_the_service():
    leader = WorkerFactory(role=Worker.Role.SENIOR_LEADER)
    with pytest.raises(Forbidden):
        services.record_contact(leader.user, children=[ChildFactory()], **details())


def test_recording_writes_an_audit_event_for_each_child_and_each_new_child(screener):
    known = ChildFactory()
    contacts = services.record_contact(screener.user, children=[known, new_child()], **details())
    created = AuditEvent.objects.filter(kind=AuditEvent.Kind.CREATE)
    assert created.filter(object_type="frontdoor.Contact").count() == 2
    assert created.filter(object_type="people.Child", child=contacts[1].child).count() == 1
    assert created.filter(child=known, summary="Recorded a contact").exists()


def post_details(client, **overrides):
    received = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    data = {
        "received_at_day": received.day,
        "received_at_month": received.month,
        "received_at_year": received.year,
        "received_at_time": received.strftime("%H:%M"),
        "source": "3A",
        "reported_by": "Dr Shah, GP",
        "summary": "Mother disclosed domestic abuse at an appointment.",
        "consent": "given",
        "out_of_hours": "no",
        "handover_note": "",
    }
    return client.post("/front-door/contacts/new/details/", {**data, **overrides})


def test_the_pages_find_a_child_add_a_new_sibling_and_save_both_together(screener, sign_in):
    known = ChildFactory(first_name="Amira", last_name="Khan")
    ContactFactory(child=known)  # a recent contact puts Amira in the front door's scope
    client = sign_in(screener)
    page = client.get("/front-door/contacts/new/", {"q": "Amira Khan"}).content.decode()
    assert known.council_id in page
    client.post("/front-door/contacts/new/", {"action": "add", "council_id": known.council_id})
    response = client.post(
        "/front-door/contacts/new/child/",
        {
            "first_name": "Zain",
            "last_name": "Khan",
            "date_of_birth_day": "1",
            "date_of_birth_month": "6",
            "date_of_birth_year": "2021",
            "sex": "M",
            "ethnicity": "APKN",
        },
    )
    assert response.status_code == 302
    chosen = client.get("/front-door/contacts/new/").content.decode()
    assert "Amira Khan" in chosen and "Zain Khan" in chosen
    response = post_details(client)
    assert response.status_code == 302
    new_contacts = Contact.objects.filter(source="3A").order_by("pk")
    assert [c.child.full_name for c in new_contacts] == ["Amira Khan", "Zain Khan"]
    assert new_contacts[0].group_reference == new_contacts[1].group_reference
    assert response["Location"] == f"/front-door/contacts/{new_contacts[0].pk}/"


def test_a_future_received_time_on_the_page_names_the_field_and_saves_nothing(screener, sign_in):
    child = ContactFactory().child
    client = sign_in(screener)
    client.get("/front-door/contacts/new/", {"child": child.council_id})
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = post_details(
        client,
        received_at_day=tomorrow.day,
        received_at_month=tomorrow.month,
        received_at_year=tomorrow.year,
    )
    page = error_page(response)
    assert "The date and time received must be now or in the past" in page
    assert Contact.objects.count() == 1  # only the earlier one


def test_out_of_hours_on_the_page_needs_a_handover_note(screener, sign_in):
    child = ContactFactory().child
    client = sign_in(screener)
    client.get("/front-door/contacts/new/", {"child": child.council_id})
    page = post_details(client, out_of_hours="yes").content.decode()
    assert "Enter the handover to the day team for an out-of-hours contact" in page
    assert Contact.objects.count() == 1


def test_searching_to_record_a_contact_finds_only_children_in_scope(sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    mine = AllocationFactory(worker=worker, child=ChildFactory(last_name="Sample")).child
    other = ChildFactory(last_name="Sample")
    page = sign_in(worker).get("/front-door/contacts/new/", {"q": "Sample"}).content.decode()
    assert mine.council_id in page
    assert other.council_id not in page


def test_adding_a_child_outside_scope_is_a_404_and_changes_nothing(sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    other = ChildFactory()
    client = sign_in(worker)
    response = client.post(
        "/front-door/contacts/new/", {"action": "add", "council_id": other.council_id}
    )
    assert response.status_code == 404
    assert client.get("/front-door/contacts/new/", {"child": other.council_id}).status_code == 404
    assert other.council_id not in client.get("/front-door/contacts/new/").content.decode()


def test_only_the_front_door_adds_children_not_yet_known(screener, sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    assert sign_in(worker).get("/front-door/contacts/new/child/").status_code == 404
    assert sign_in(screener).get("/front-door/contacts/new/child/").status_code == 200


def test_a_new_child_without_any_birth_date_is_refused_on_the_page(screener, sign_in):
    response = sign_in(screener).post(
        "/front-door/contacts/new/child/",
        {"first_name": "Zain", "last_name": "Khan", "sex": "M", "ethnicity": "APKN"},
    )
    assert "Enter the date of birth, or an expected date for an unborn child" in (
        response.content.decode()
    )


def test_the_day_team_acknowledges_an_out_of_hours_handover_for_every_child(screener, sign_in):
    first, second = ChildFactory(), ChildFactory()
    edt = front_door_worker(team=screener.team)
    contacts = services.record_contact(
        edt.user,
        children=[first, second],
        out_of_hours=True,
        handover_note="Police attended overnight; children safe with grandmother.",
        **details(),
    )
    client = sign_in(screener)
    page = client.get(f"/front-door/contacts/{contacts[0].pk}/").content.decode()
    assert "Not yet acknowledged by the day team" in page
    response = client.post(f"/front-door/contacts/{contacts[0].pk}/handover/")
    assert response.status_code == 302
    for contact in Contact.objects.filter(pk__in=[c.pk for c in contacts]):
        assert contact.handover_acknowledged_by == screener
        assert contact.handover_acknowledged_at is not None
    page = client.get(f"/front-door/contacts/{contacts[0].pk}/").content.decode()
    assert f"acknowledged by {screener.full_name}" in page
    assert (
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.CHANGE, summary="Acknowledged the out-of-hours handover"
        ).count()
        == 2
    )


def test_acknowledging_a_daytime_contact_is_refused(screener):
    contact = ContactFactory()
    with pytest.raises(ValidationError) as refused:
        services.acknowledge_handover(screener.user, contact)
    assert "handover_note" in refused.value.message_dict


def test_only_the_front_door_adds_a_new_child_through_the_service_too():
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    with pytest.raises(Forbidden):
        services.record_contact(worker.user, children=[new_child()], **details())
    assert not Contact.objects.exists()
