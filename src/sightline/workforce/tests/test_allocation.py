"""A team manager allocates any kind of worker a child needs, with a start date and a reason,
ends an allocation, and transfers a child to another team or service with a handover note; the
child's allocation history shows who held them, who allocated them and why. The allocation
page shows each candidate's caseload by kind of work, so the manager can choose. Bad input is
refused on its field and nothing is saved; anyone who may not allocate gets 404."""

import datetime as dt
from html import unescape

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.cin.tests.factories import CINPlanFactory
from sightline.people.models import Allocation
from sightline.testing.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    CINEpisodeFactory,
    PlanFactory,
)
from sightline.testing.helpers import date_fields, error_page
from sightline.workforce.child_actions import actions

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(sw):
    child = ChildFactory(first_name="Ruby", last_name="Fletcher")
    AllocationFactory(child=child, worker=sw, start_date=dt.date(2025, 6, 2))
    CINEpisodeFactory(child=child, referral_date=dt.date(2025, 6, 2))
    return child


def allocate_url(child, kind="social_worker") -> str:
    return f"/teams/children/{child.council_id}/allocate/{kind}/"


def allocation_form(worker, on=TODAY, reason="Chloe is leaving the team.") -> dict:
    return {"worker": worker.pk, **date_fields("start_date", on), "reason": reason}


def events(event: EventType) -> int:
    return AuditEvent.objects.filter(event_type=event).count()


def test_a_team_manager_allocates_a_social_worker_and_the_history_shows_who_and_why(
    tm, sw, sw2, child, sign_in
):
    client = sign_in(tm)
    response = client.post(allocate_url(child), allocation_form(sw2))
    assert response.status_code == 302
    assert response["Location"] == f"/teams/children/{child.council_id}/allocations/"
    new = child.allocations.get(worker=sw2)
    assert (new.kind, new.start_date, new.team, new.allocated_by) == (
        Allocation.Kind.SOCIAL_WORKER,
        TODAY,
        sw2.team,
        tm,
    )
    assert new.reason == "Chloe is leaving the team."
    # One allocated social worker at a time: Chloe's allocation ended the day before.
    assert child.allocations.get(worker=sw).end_date == TODAY - dt.timedelta(days=1)
    assert events(EventType.CHILD_ALLOCATED) == 1

    page = client.get(response["Location"]).content.decode()
    current, ended = page.split('id="ended"')
    assert "Hannah Lloyd" in current and "Chloe is leaving the team." in current
    assert "Priya Shah" in current  # who allocated
    assert "Chloe Evans" in ended and "7 October 2025" in ended


def test_an_iro_from_another_service_is_allocated_beside_the_social_worker(
    tm, sw, iro, child, sign_in
):
    response = sign_in(tm).post(
        allocate_url(child, "iro"), allocation_form(iro, reason="Child in care review")
    )
    assert response.status_code == 302
    assert child.allocations.get(worker=iro).kind == Allocation.Kind.IRO
    assert child.allocations.get(worker=sw).end_date is None


def test_the_allocation_page_shows_each_candidates_caseload_by_kind_of_work(
    tm, sw, sw2, west_sw, cic_sw, child, sign_in
):
    in_care = AllocationFactory(worker=sw).child
    CareEpisodeFactory(child=in_care)
    protected = AllocationFactory(worker=sw).child
    PlanFactory(child=protected, cin_episode__child=protected)
    in_need = AllocationFactory(worker=sw).child
    CINPlanFactory(child=in_need, cin_episode__child=in_need, start_date=dt.date(2025, 9, 1))
    # Held twice by the same worker (two kinds): one child.
    AllocationFactory(worker=sw, child=in_need, kind=Allocation.Kind.FAMILY_SUPPORT)

    response = sign_in(tm).get(allocate_url(child))
    assert response.status_code == 200
    shown = {c.worker.full_name: c for c in response.context["candidates"]}
    # Social workers in the manager's service, not another service's.
    assert set(shown) == {"Chloe Evans", "Hannah Lloyd", "Owen Price"}
    assert shown["Chloe Evans"].by_kind == {
        "In care": 1,
        "Child protection": 1,
        "Care leaver": 0,
        "Child in need": 1,
        "Other open work": 1,  # Ruby: a referral, no plan yet
    }
    assert shown["Chloe Evans"].children == 4
    assert shown["Hannah Lloyd"].children == 0
    page = response.content.decode()
    assert "Workers you can choose, and their caseloads" in page
    assert "Chloe Evans, Safeguarding East (4 children)" in page


def test_a_manager_ends_an_allocation(tm, sw, child, sign_in):
    allocation = child.allocations.get()
    response = sign_in(tm).post(
        f"/teams/allocations/{allocation.pk}/end/", date_fields("end_date", TODAY)
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.end_date == TODAY
    assert events(EventType.ALLOCATION_ENDED) == 1


def test_a_transfer_to_another_service_ends_the_old_allocation_and_carries_the_handover_note(
    tm, sw, cic_sw, child, sign_in
):
    old = child.allocations.get()
    response = sign_in(tm).post(
        f"/teams/allocations/{old.pk}/transfer/",
        {
            "worker": cic_sw.pk,
            **date_fields("start_date", TODAY),
            "handover_note": "Ruby came into care on Monday; her mother visits on Saturdays.",
        },
    )
    # Ruby has left the manager's team, so they go back to their team, not her allocations.
    assert response.status_code == 302 and response["Location"] == "/teams/"
    old.refresh_from_db()
    assert old.end_date == TODAY - dt.timedelta(days=1)
    new = child.allocations.get(worker=cic_sw)
    assert new.team.name == "Children in Care South"
    assert new.handover_note.startswith("Ruby came into care")
    assert new.reason == "Transferred from Safeguarding East"
    assert events(EventType.CHILD_TRANSFERRED) == 1


@pytest.mark.parametrize(
    "problem",
    ["worker who has left", "worker who leaves before the start", "end before the start"],
)
def test_bad_allocation_input_is_refused_on_its_field_and_nothing_is_saved(
    problem, tm, sw, sw2, child, sign_in
):
    client = sign_in(tm)
    allocation = child.allocations.get()
    if problem == "worker who has left":
        sw2.active = False
        sw2.save()
        url, data, field = allocate_url(child), allocation_form(sw2), "worker"
        message = "Hannah Lloyd no longer works here: choose a worker who does"
    elif problem == "worker who leaves before the start":
        sw2.end_date = dt.date(2025, 10, 6)
        sw2.save()
        url, data, field = allocate_url(child), allocation_form(sw2), "worker"
        message = "Hannah Lloyd's last day is 6 October 2025, before the start date"
    else:
        url = f"/teams/allocations/{allocation.pk}/end/"
        data, field = date_fields("end_date", dt.date(2025, 5, 30)), "end_date"
        message = "The end date must be on or after the allocation started (2 June 2025)"
    before = list(Allocation.objects.values_list("pk", "end_date"))
    html = unescape(error_page(client.post(url, data)))
    assert message in html
    assert f'id="id_{field}_error"' in html or f'id="id_{field}_0_error"' in html
    assert list(Allocation.objects.values_list("pk", "end_date")) == before
    assert not events(EventType.CHILD_ALLOCATED) and not events(EventType.ALLOCATION_ENDED)


def test_a_transfer_without_a_handover_note_is_refused(tm, sw, cic_sw, child, sign_in):
    old = child.allocations.get()
    data = {"worker": cic_sw.pk, **date_fields("start_date", TODAY), "handover_note": " "}
    html = error_page(sign_in(tm).post(f"/teams/allocations/{old.pk}/transfer/", data))
    assert "Enter a handover note for the new worker" in html
    assert child.allocations.count() == 1
    old.refresh_from_db()
    assert old.end_date is None


def test_only_managers_allocate_and_only_children_in_their_scope(tm, sw, west_sw, child, sign_in):
    other = AllocationFactory(worker=west_sw).child
    manager = sign_in(tm)
    assert manager.get(allocate_url(other)).status_code == 404
    assert manager.get(allocate_url(child, "not_a_kind")).status_code == 404
    social_worker = sign_in(sw)
    allocation = child.allocations.get()
    for url in (
        allocate_url(child),
        f"/teams/allocations/{allocation.pk}/end/",
        f"/teams/allocations/{allocation.pk}/transfer/",
    ):
        assert social_worker.get(url).status_code == 404
    # The social worker may read the child's allocations, but is offered no way to change them.
    page = social_worker.get(f"/teams/children/{child.council_id}/allocations/")
    assert page.status_code == 200
    assert "Allocate a worker" not in page.content.decode()
    assert "Transfer" not in page.content.decode()


def test_the_childs_record_links_to_allocations_and_offers_a_manager_allocation(tm, sw, child):
    assert [a.label for a in actions(child, sw.user)] == ["Allocations"]
    assert [a.label for a in actions(child, tm.user)] == [
        "Allocations",
        "Allocate a social worker",
    ]
