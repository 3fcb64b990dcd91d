"""The team view: each worker's caseload (allocations, by kind), what is due this week and what
is overdue, with the counts linking to a list of that worker's items."""

import datetime as dt
import re

import pytest

from sightline.access.models import AuditEvent
from sightline.people.models import Allocation
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    ContactFactory,
    WorkerFactory,
)
from sightline.testing.helpers import london
from sightline.workforce.selectors import team_view, week_of

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseloads(sw, sw2):
    """Chloe Evans: three children as allocated social worker, two with an overdue contact
    decision (received 1 October, due 2 October). Hannah Lloyd: one child as family support
    worker, one as social worker, nothing due."""
    chloe = [AllocationFactory(worker=sw).child for _ in range(3)]
    for child in chloe[:2]:
        ContactFactory(child=child, received_at=london(2025, 10, 1, 9, 0))
    AllocationFactory(worker=sw2, kind=Allocation.Kind.FAMILY_SUPPORT)
    AllocationFactory(worker=sw2)
    # An ended allocation is not caseload.
    AllocationFactory(worker=sw2, end_date=dt.date(2025, 9, 30))
    return chloe


def row_for(page: str, name: str) -> str:
    return next(
        r for r in re.findall(r"<tr class=\"govuk-table__row\">.*?</tr>", page, re.S) if name in r
    )


def test_a_team_manager_sees_each_workers_caseload_and_overdue_counts(
    tm, sw, sw2, caseloads, sign_in
):
    response = sign_in(tm).get(f"/teams/{tm.team_id}/")
    assert response.status_code == 200
    loads = {c.worker: c for c in response.context["view"].caseloads}
    assert len(loads[sw].allocations) == 3
    assert loads[sw].by_kind == [("Allocated social worker", 3)]
    assert len(loads[sw].overdue) == 2
    assert len(loads[sw2].allocations) == 2
    assert loads[sw2].by_kind == [("Allocated social worker", 1), ("Family support worker", 1)]
    assert loads[sw2].overdue == []
    assert len(loads[tm].allocations) == 0  # the manager is in the team, with no caseload

    page = response.content.decode()
    chloe = row_for(page, "Chloe Evans")
    assert f'href="/teams/{tm.team_id}/workers/{sw.pk}/#overdue">2' in chloe
    assert "Allocated social worker: 3" in chloe
    hannah = row_for(page, "Hannah Lloyd")
    assert "Family support worker: 1" in hannah
    assert "#overdue" not in hannah  # nothing to link to


def test_the_overdue_count_links_to_the_workers_list_of_items(tm, sw, caseloads, sign_in):
    client = sign_in(tm)
    response = client.get(f"/teams/{tm.team_id}/workers/{sw.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    overdue = page[page.index('id="overdue"') : page.index('id="due-this-week"')]
    for child in caseloads[:2]:
        contact = child.contacts.get()
        assert f'href="/children/{child.council_id}/"' in overdue
        assert f'href="/front-door/contacts/{contact.pk}/"' in overdue
    assert caseloads[2].council_id not in overdue
    # Every child on the caseload is listed, with or without anything due.
    caseload = page[page.index('id="caseload"') :]
    assert all(c.council_id in caseload for c in caseloads)


def test_the_team_view_writes_one_view_event_naming_the_team(tm, sw, caseloads, sign_in):
    client = sign_in(tm)
    client.get(f"/teams/{tm.team_id}/")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.VIEW)
    assert event.summary == f"Viewed the team view for {tm.team.name}"
    assert event.detail == {"team": tm.team_id, "council_ids": []}  # counts only: no names
    assert event.child is None

    client.get(f"/teams/{tm.team_id}/workers/{sw.pk}/")
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW).latest("id")
    assert event.summary == f"Viewed the team view for {tm.team.name}: Chloe Evans's work"
    assert event.detail["council_ids"] == sorted(c.council_id for c in caseloads)


def test_team_totals_count_a_shared_child_once(tm, sw, sw2, sign_in):
    child = AllocationFactory(worker=sw).child
    AllocationFactory(worker=sw2, child=child, kind=Allocation.Kind.FAMILY_SUPPORT)
    ContactFactory(child=child, received_at=london(2025, 10, 1, 9, 0))
    view = sign_in(tm).get(f"/teams/{tm.team_id}/").context["view"]
    assert (view.children, view.overdue) == (1, 1)
    assert [len(c.overdue) for c in view.caseloads if c.worker in (sw, sw2)] == [1, 1]


def test_a_worker_who_has_left_but_still_holds_children_is_shown(tm, sign_in, east):
    gone = WorkerFactory(team=east, active=False, first_name="Leah", last_name="Morgan")
    WorkerFactory(team=east, active=False, first_name="Tom", last_name="Reed")  # no children
    AllocationFactory(worker=gone, child=ChildFactory())
    page = sign_in(tm).get(f"/teams/{tm.team_id}/").content.decode()
    assert "No longer active" in row_for(page, "Leah Morgan")
    assert "Tom Reed" not in page


def test_due_this_week_runs_monday_to_sunday(tm, sw, frozen):
    child = AllocationFactory(worker=sw).child
    # Contact decisions are due the next working day.
    monday_6 = ContactFactory(child=child, received_at=london(2025, 10, 3, 10, 0))
    monday_13 = ContactFactory(child=child, received_at=london(2025, 10, 10, 10, 0))
    ContactFactory(child=child, received_at=london(2025, 9, 26, 10, 0))  # due 29 September

    def due_this_week(today: dt.date) -> set[int]:
        view = team_view(tm.user, tm.team, today)
        (load,) = [c for c in view.caseloads if c.worker == sw]
        assert view.due_this_week == len(load.due_this_week)
        return {int(w.item.url.rstrip("/").rsplit("/", 1)[1]) for w in load.due_this_week}

    assert week_of(TODAY) == (dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    # Wednesday: Monday's item was missed but it is still this week's work.
    assert due_this_week(TODAY) == {monday_6.pk}
    # Sunday is the last day of the week, not the first of the next one.
    frozen.move_to("2025-10-12 12:00:00")
    assert week_of(dt.date(2025, 10, 12)) == (dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    assert due_this_week(dt.date(2025, 10, 12)) == {monday_6.pk}
    # Monday starts a new week.
    frozen.move_to("2025-10-13 09:00:00")
    assert due_this_week(dt.date(2025, 10, 13)) == {monday_13.pk}
