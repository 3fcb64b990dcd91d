"""Only teams the user may oversee: a team manager their own, a service manager their
service's, a senior leader every team. Anyone else, and any team outside scope, gets the same
404 as a team that does not exist."""

import pytest

from sightline.access.models import AuditEvent
from sightline.people.models import Worker
from sightline.testing.factories import AllocationFactory, ContactFactory, WorkerFactory
from sightline.testing.helpers import assert_looks_missing, london
from sightline.web.navigation import team_item

pytestmark = pytest.mark.django_db


def test_a_service_manager_sees_only_their_services_teams(
    service_manager, east, west, south, sign_in
):
    client = sign_in(service_manager)
    response = client.get("/teams/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/teams/{east.pk}/"' in page
    assert f'href="/teams/{west.pk}/"' in page
    assert f'href="/teams/{south.pk}/"' not in page
    assert south.name not in page
    assert client.get(f"/teams/{west.pk}/").status_code == 200
    assert_looks_missing(client, f"/teams/{south.pk}/", "/teams/999999/")


def test_the_team_list_counts_each_teams_workers_and_children(
    service_manager, sw, west_sw, sign_in
):
    AllocationFactory(worker=sw)
    AllocationFactory(worker=west_sw)
    AllocationFactory(worker=west_sw)
    rows = {r.team.name: r for r in sign_in(service_manager).get("/teams/").context["rows"]}
    # East: the service manager and Chloe Evans; West: Owen Price.
    assert (rows["Safeguarding East"].workers, rows["Safeguarding East"].children) == (2, 1)
    assert (rows["Safeguarding West"].workers, rows["Safeguarding West"].children) == (1, 2)


def test_a_social_worker_gets_404_on_the_team_view(sw, sign_in):
    client = sign_in(sw)
    assert_looks_missing(client, f"/teams/{sw.team_id}/", "/teams/999999/")
    assert client.get("/teams/").status_code == 404
    assert client.get(f"/teams/{sw.team_id}/workers/{sw.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW).exists()


def test_a_team_manager_sees_only_their_own_team(tm, west, west_sw, sign_in):
    client = sign_in(tm)
    response = client.get("/teams/")
    assert response.status_code == 302
    assert response["Location"] == f"/teams/{tm.team_id}/"
    assert client.get(f"/teams/{west.pk}/").status_code == 404
    # A worker in another team is not found through the manager's own team either.
    assert client.get(f"/teams/{tm.team_id}/workers/{west_sw.pk}/").status_code == 404


def test_a_senior_leader_sees_every_team(east, west, south, sign_in):
    leader = WorkerFactory(team=east, role=Worker.Role.SENIOR_LEADER)
    client = sign_in(leader)
    page = client.get("/teams/").content.decode()
    for team in (east, west, south):
        assert f'href="/teams/{team.pk}/"' in page
    assert client.get(f"/teams/{south.pk}/").status_code == 200


def test_a_service_manager_sees_a_team_in_their_service_with_its_overdue_work(
    service_manager, west, west_sw, sign_in
):
    child = AllocationFactory(worker=west_sw).child
    ContactFactory(child=child, received_at=london(2025, 10, 1, 9, 0))
    client = sign_in(service_manager)
    view = client.get(f"/teams/{west.pk}/").context["view"]
    (load,) = view.caseloads
    assert (load.worker, len(load.overdue)) == (west_sw, 1)
    page = client.get(f"/teams/{west.pk}/workers/{west_sw.pk}/").content.decode()
    assert f'href="/children/{child.council_id}/"' in page


def test_managers_get_a_team_navigation_item_and_practitioners_do_not(
    tm, sw, service_manager, east
):
    assert team_item(tm.user) == {"label": "My team", "url": f"/teams/{east.pk}/"}
    assert team_item(service_manager.user) == {"label": "Teams", "url": "/teams/"}
    assert team_item(sw.user) is None
    qa = WorkerFactory(team=east, role=Worker.Role.QA_OFFICER)
    assert team_item(qa.user) is None
