"""A team manager's unallocated work: children with open work (a referral, a plan, an episode
of care) and no allocated social worker, oldest first, each with a link to allocate. A child
waits for the team that last held them, or, never allocated, for the service whose front door
passed the referral on; the manager may open them to allocate. Nobody else sees the list."""

import datetime as dt

import pytest

from sightline.access.scope import children_visible_to
from sightline.people.models import Worker
from sightline.testing.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    CINEpisodeFactory,
    DecidedContactFactory,
    WorkerFactory,
    front_door_team,
)
from sightline.testing.helpers import date_fields
from sightline.web.navigation import navigation

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def left_by(worker, *, ended: dt.date, **child_names):
    """A child with an open referral whose social worker `worker` was allocated until `ended`."""
    child = ChildFactory(**child_names)
    CINEpisodeFactory(child=child, referral_date=dt.date(2025, 3, 3))
    AllocationFactory(child=child, worker=worker, start_date=dt.date(2025, 3, 3), end_date=ended)
    return child


def listed_names(client) -> list[str]:
    response = client.get("/teams/unallocated/")
    assert response.status_code == 200
    return [row.child.full_name for row in response.context["rows"]]


def test_a_child_whose_worker_left_the_team_waits_on_the_team_managers_list_until_allocated(
    tm, sw, sw2, west_sw, sign_in
):
    ruby = left_by(sw, ended=dt.date(2025, 9, 30), first_name="Ruby", last_name="Fletcher")
    left_by(west_sw, ended=dt.date(2025, 9, 30), first_name="Noah", last_name="Byrne")
    client = sign_in(tm)
    assert listed_names(client) == ["Ruby Fletcher"]  # Noah is the West team's
    page = client.get("/teams/unallocated/").content.decode()
    assert "1 October 2025" in page  # waiting since the day after the last worker's end
    allocate = f"/teams/children/{ruby.council_id}/allocate/social_worker/"
    assert f'href="{allocate}"' in page
    # The manager may open Ruby's record and allocate her, though nobody holds her.
    assert client.get(f"/children/{ruby.council_id}/").status_code == 200
    form = {"worker": sw2.pk, **date_fields("start_date", TODAY), "reason": "Chloe has left"}
    assert client.post(allocate, form).status_code == 302
    assert listed_names(client) == []


def test_a_child_with_no_open_work_or_with_a_social_worker_is_not_waiting(tm, sw, sign_in):
    closed = left_by(sw, ended=dt.date(2025, 9, 30))
    closed.cin_episodes.update(closure_date=dt.date(2025, 9, 30), closure_reason="RC1")
    AllocationFactory(worker=sw)  # held, with or without open work
    held = AllocationFactory(worker=sw).child
    CINEpisodeFactory(child=held)
    assert listed_names(sign_in(tm)) == []


def test_a_child_allocated_to_a_worker_who_has_left_is_waiting(tm, sw2, sign_in):
    child = ChildFactory(first_name="Amelia", last_name="Hart")
    CareEpisodeFactory(child=child)
    AllocationFactory(child=child, worker=sw2)
    sw2.active = False
    sw2.save()
    assert listed_names(sign_in(tm)) == ["Amelia Hart"]


def test_a_referral_never_allocated_waits_for_the_service_whose_front_door_passed_it_on(
    tm, safeguarding, sign_in
):
    front_door = front_door_team("Front Door", service=safeguarding)
    elsewhere = front_door_team("Another Service's Front Door")
    for team, name in ((front_door, "Leo"), (elsewhere, "Mia")):
        child = ChildFactory(first_name=name, last_name="Grant")
        episode = CINEpisodeFactory(child=child, referral_date=dt.date(2025, 10, 1))
        DecidedContactFactory(child=child, cin_episode=episode, decided_by=WorkerFactory(team=team))
    assert listed_names(sign_in(tm)) == ["Leo Grant"]


def test_the_oldest_waits_first_and_a_service_manager_sees_the_whole_service(
    tm, service_manager, sw, west_sw, sign_in
):
    left_by(sw, ended=dt.date(2025, 9, 30), first_name="Ruby", last_name="Fletcher")
    left_by(west_sw, ended=dt.date(2025, 8, 1), first_name="Noah", last_name="Byrne")
    assert listed_names(sign_in(service_manager)) == ["Noah Byrne", "Ruby Fletcher"]


def test_only_managers_have_unallocated_work(tm, sw, sign_in, rf):
    waiting = left_by(sw, ended=dt.date(2025, 9, 30))
    assert sign_in(sw).get("/teams/unallocated/").status_code == 404
    assert waiting not in children_visible_to(sw.user)

    def labels(worker: Worker) -> list[str]:
        request = rf.get("/")
        request.user = worker.user
        return [item["label"] for item in navigation(request)["extra_navigation"]]

    assert "Unallocated work" in labels(tm)
    assert "Unallocated work" not in labels(sw)
