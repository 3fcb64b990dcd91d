"""The audit trail: views, searches and exports leave typed events no one can alter."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from sightline.access.models import AuditEvent
from sightline.testing.factories import AllocationFactory

pytestmark = pytest.mark.django_db


def test_viewing_a_childs_record_leaves_a_view_event(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    client = sign_in(social_worker)
    assert client.get(f"/children/{child.council_id}/").status_code == 200
    event = AuditEvent.objects.filter(child=child).get()
    assert event.kind == AuditEvent.Kind.VIEW
    assert event.actor == social_worker.user
    assert social_worker.full_name in event.actor_name
    assert event.path == f"/children/{child.council_id}/"


def test_exporting_the_chronology_leaves_an_export_event(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    response = sign_in(social_worker).get(f"/children/{child.council_id}/chronology.csv")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(child=child, kind=AuditEvent.Kind.EXPORT).count() == 1


def test_search_is_audited_with_the_query_and_results(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    sign_in(social_worker).get("/children/", {"q": child.council_id})
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SEARCH)
    assert event.detail == {"query": child.council_id, "council_ids": [child.council_id]}


def test_sign_in_and_failed_sign_in_are_audited(social_worker, sign_in, client):
    client.post("/sign-in/", {"username": social_worker.user.username, "password": "wrong"})
    sign_in(social_worker)
    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [AuditEvent.Kind.SIGN_IN_FAILED, AuditEvent.Kind.SIGN_IN]


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm(social_worker):
    event = AuditEvent.objects.create(actor_name="x", kind="view", summary="s")
    event.summary = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(summary="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_to_change_or_delete_audit_events():
    AuditEvent.objects.create(actor_name="x", kind="view", summary="original")
    table = AuditEvent._meta.db_table
    for sql in (f"UPDATE {table} SET summary = 'rewritten'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get().summary == "original"
