"""The child's record, search and export: in scope they work, out of scope they are 404."""

import pytest

from sightline.access.models import AuditEvent
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.helpers import assert_looks_missing

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider():
    return WorkerFactory(team=TeamFactory(name="Another team"))


def test_worker_outside_the_team_gets_404_on_record_search_and_export(
    social_worker, outsider, sign_in
):
    child = AllocationFactory(worker=social_worker).child
    client = sign_in(outsider)
    # Forbidden and missing are indistinguishable, body and all (bar the per-page CSRF token).
    assert_looks_missing(client, f"/children/{child.council_id}/", "/children/NOSUCHCHILD1/")
    assert client.get(f"/children/{child.council_id}/chronology.csv").status_code == 404
    search = client.get("/children/", {"q": child.last_name})
    assert child.council_id not in search.content.decode()
    assert "No children found" in search.content.decode()
    # A refused read leaves no view event, but the search itself is on the trail.
    assert not AuditEvent.objects.filter(child=child).exists()


def test_search_finds_by_name_council_id_and_uk_date_of_birth(social_worker, sign_in):
    child = AllocationFactory(
        worker=social_worker, child=ChildFactory(first_name="Amira", last_name="Khan")
    ).child
    client = sign_in(social_worker)
    for query in ("amira khan", "Khan", child.council_id, "27/03/2016", "2016-03-27"):
        page = client.get("/children/", {"q": query}).content.decode()
        assert f"/children/{child.council_id}/" in page, query


def test_child_record_shows_summary_and_chronology(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    page = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert child.full_name in page
    assert "27 March 2016" in page
    assert "White British" in page
    assert social_worker.full_name in page  # allocated worker


def test_export_is_csv_with_uk_dates(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    response = sign_in(social_worker).get(f"/children/{child.council_id}/chronology.csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Date,Time,Area,Event,Detail"
    assert "27/03/2016,,Personal details,Born," in lines


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
