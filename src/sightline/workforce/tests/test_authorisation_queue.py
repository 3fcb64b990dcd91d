"""The team view shows the front door's authorisation queue for the manager: the same count as
the queue page, and a link to it. Only managers who may authorise see it."""

import pytest

from sightline.frontdoor.selectors import awaiting_authorisation
from sightline.people.models import Worker
from sightline.testing.factories import (
    AuthorisationFactory,
    ContactFactory,
    DecidedContactFactory,
    WorkerFactory,
    front_door_team,
    front_door_worker,
)

pytestmark = pytest.mark.django_db


def test_the_authorisation_count_matches_the_queue(safeguarding, sign_in):
    front_door = front_door_team(service=safeguarding)
    fd_manager = front_door_worker(Worker.Role.TEAM_MANAGER, team=front_door)
    screener = front_door_worker(team=front_door)
    DecidedContactFactory.create_batch(3, decided_by=screener)  # waiting
    DecidedContactFactory(decided_by=fd_manager)  # the manager's own: someone else authorises
    AuthorisationFactory(contact=DecidedContactFactory(decided_by=screener))  # done
    ContactFactory()  # not decided yet

    client = sign_in(fd_manager)
    queue = client.get("/front-door/authorisations/")
    assert len(queue.context["rows"]) == awaiting_authorisation(fd_manager.user).count() == 3

    response = client.get(f"/teams/{front_door.pk}/")
    assert response.context["authorisations"] == 3
    page = response.content.decode()
    assert "3 decisions awaiting your authorisation" in page
    assert 'href="/front-door/authorisations/"' in page


def test_a_senior_leader_who_cannot_authorise_is_not_sent_to_the_queue(east, sign_in):
    leader = WorkerFactory(team=east, role=Worker.Role.SENIOR_LEADER)
    client = sign_in(leader)
    assert client.get("/front-door/authorisations/").status_code == 404
    response = client.get(f"/teams/{east.pk}/")
    assert response.context["authorisations"] is None
    assert "/front-door/authorisations/" not in response.content.decode()
