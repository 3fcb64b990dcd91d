"""The administrator's audit trail: every event, filtered by type, worker, child and date,
and a 404 to everyone else."""

import datetime as dt

import pytest
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.people.models import Worker
from sightline.testing.factories import AllocationFactory, WorkerFactory
from sightline.testing.helpers import date_fields

pytestmark = pytest.mark.django_db


def test_administrator_sees_who_has_seen_a_childs_record(social_worker, sign_in, team):
    child = AllocationFactory(worker=social_worker).child
    sign_in(social_worker).get(f"/children/{child.council_id}/")
    admin = WorkerFactory(team=team, role=Worker.Role.ADMINISTRATOR)
    page = sign_in(admin).get(f"/audit/children/{child.council_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert social_worker.full_name in text
    assert "Viewed the child&#x27;s record" in text or "Viewed the child's record" in text
    # Looking at the trail is itself on the trail.
    assert AuditEvent.objects.filter(child=child, kind=AuditEvent.Kind.AUDIT_VIEW).exists()


def test_audit_pages_are_not_found_for_anyone_but_administrators(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    client = sign_in(social_worker)
    assert client.get("/audit/").status_code == 404
    assert client.get(f"/audit/children/{child.council_id}/").status_code == 404


@pytest.fixture
def admin(team):
    return WorkerFactory(team=team, role=Worker.Role.ADMINISTRATOR)


def _rows(page) -> str:
    text = page.content.decode()
    return text[text.index("<tbody") :]


def test_the_trail_filters_by_event_type_worker_child_and_date(social_worker, admin, team, sign_in):
    mine = AllocationFactory(worker=social_worker).child
    other_worker = WorkerFactory(team=team)
    theirs = AllocationFactory(worker=other_worker).child
    sign_in(social_worker).get(f"/children/{mine.council_id}/")
    sign_in(other_worker).get(f"/children/{theirs.council_id}/")
    client = sign_in(admin)

    by_type = client.get("/audit/", {"event_type": EventType.CHILD_RECORD_VIEWED})
    assert mine.council_id in _rows(by_type) and theirs.council_id in _rows(by_type)
    assert "Signed in" not in _rows(by_type)

    by_worker = client.get("/audit/", {"worker": other_worker.pk})
    assert theirs.council_id in _rows(by_worker) and mine.council_id not in _rows(by_worker)

    by_child = client.get("/audit/", {"council_id": mine.council_id})
    assert mine.council_id in _rows(by_child) and theirs.council_id not in _rows(by_child)

    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    before_today = client.get("/audit/", date_fields("on_or_before", yesterday))
    assert "No events match." in _rows(before_today)


def test_an_unknown_child_or_dates_the_wrong_way_round_are_errors_on_the_fields(admin, sign_in):
    client = sign_in(admin)
    page = client.get("/audit/", {"council_id": "NOPE1"}).content.decode()
    assert "Error: Audit trail" in page and "No child has the council ID NOPE1." in page
    today = timezone.localdate()
    backwards = {
        **date_fields("on_or_after", today),
        **date_fields("on_or_before", today - dt.timedelta(days=3)),
    }
    page = client.get("/audit/", backwards).content.decode()
    assert "The &#x27;to&#x27; date must be the same as or after &#x27;from&#x27;." in page


def test_looking_at_the_trail_is_itself_on_the_trail(admin, sign_in):
    sign_in(admin).get("/audit/", {"event_type": EventType.SIGNED_IN})
    event = AuditEvent.objects.filter(event_type=EventType.AUDIT_TRAIL_VIEWED).get()
    assert event.detail["filters"] == {"event_type": "signed_in"}
