"""Need-to-know: who sees which child, and that forbidden looks exactly like missing."""

import datetime as dt

import pytest
from django.utils import timezone

from sightline.access.scope import children_visible_to, records_visible_to
from sightline.cin.models import CINEpisode
from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    """Two teams in one service and a third team in another service, each with a child."""
    east_service = ServiceFactory(name="Safeguarding")
    other_service = ServiceFactory(name="Children in care")
    east = TeamFactory(name="East", service=east_service)
    west = TeamFactory(name="West", service=east_service)
    care = TeamFactory(name="Care", service=other_service, kind=Team.Kind.CHILDREN_IN_CARE)
    sw_east, sw_east_2 = WorkerFactory(team=east), WorkerFactory(team=east)
    sw_west, sw_care = WorkerFactory(team=west), WorkerFactory(team=care)
    children = {
        "east": AllocationFactory(worker=sw_east).child,
        "east_2": AllocationFactory(worker=sw_east_2).child,
        "west": AllocationFactory(worker=sw_west).child,
        "care": AllocationFactory(worker=sw_care).child,
    }
    return {
        "teams": {"east": east, "west": west, "care": care},
        "workers": {"east": sw_east, "west": sw_west, "care": sw_care},
        "children": children,
    }


def visible(worker) -> set[str]:
    return set(children_visible_to(worker.user).values_list("council_id", flat=True))


def ids(county, *names) -> set[str]:
    return {county["children"][n].council_id for n in names}


def test_social_worker_sees_only_their_own_allocations(county):
    assert visible(county["workers"]["east"]) == ids(county, "east")


def test_team_manager_sees_their_teams_children(county):
    manager = WorkerFactory(team=county["teams"]["east"], role=Worker.Role.TEAM_MANAGER)
    assert visible(manager) == ids(county, "east", "east_2")


def test_service_manager_sees_every_team_in_their_service(county):
    manager = WorkerFactory(team=county["teams"]["west"], role=Worker.Role.SERVICE_MANAGER)
    assert visible(manager) == ids(county, "east", "east_2", "west")


def test_senior_leader_and_qa_see_everyone(county):
    for role in (Worker.Role.SENIOR_LEADER, Worker.Role.QA_OFFICER):
        worker = WorkerFactory(team=county["teams"]["care"], role=role)
        assert visible(worker) == ids(county, "east", "east_2", "west", "care")


def test_administrator_and_lado_officer_see_no_case_records(county):
    for role in (Worker.Role.ADMINISTRATOR, Worker.Role.LADO_OFFICER):
        worker = WorkerFactory(team=county["teams"]["east"], role=role)
        assert visible(worker) == set()


def test_ended_allocation_no_longer_gives_access(county):
    worker = county["workers"]["east"]
    allocation = worker.allocations.get()
    allocation.end_date = timezone.localdate() - dt.timedelta(days=1)
    allocation.save()
    assert visible(worker) == set()


def test_future_allocation_does_not_give_access_yet(county):
    child = ChildFactory()
    AllocationFactory(
        child=child,
        worker=county["workers"]["west"],
        start_date=timezone.localdate() + dt.timedelta(days=3),
    )
    assert child.council_id not in visible(county["workers"]["west"])


def test_inactive_worker_or_user_sees_nothing(county):
    worker = county["workers"]["east"]
    worker.active = False
    worker.save()
    assert visible(worker) == set()


def test_front_door_sees_children_with_a_recent_contact_before_allocation(county):
    front_door = TeamFactory(name="MASH", kind=Team.Kind.FRONT_DOOR)
    screener = WorkerFactory(team=front_door)
    recent = ContactFactory().child
    old = ContactFactory(received_at=timezone.now() - dt.timedelta(days=45)).child
    seen = visible(screener)
    assert recent.council_id in seen
    assert old.council_id not in seen


def test_child_linked_records_follow_the_childs_scope(county):
    mine = CINEpisodeFactory(child=county["children"]["east"])
    CINEpisodeFactory(child=county["children"]["west"])
    episodes = records_visible_to(county["workers"]["east"].user, CINEpisode)
    assert list(episodes) == [mine]
