"""Fixtures shared by every app's tests: fresh per-process caches for each test, a signed-in
client, a safeguarding team with a social worker, and a manager in another service."""

from collections.abc import Iterator

import pytest
from django.test import Client

from sightline.people.models import Team, Worker
from sightline.testing.factories import PASSWORD, TeamFactory, WorkerFactory
from sightline.testing.fixtures import team_named, worker_in
from sightline.timescales import calendar, declarations


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Every test starts and ends with the database-backed caches empty.

    The working calendar (closure days) and the timescales in force (local values) are cached
    per process and emptied by post_save/post_delete signals; a test's rows are rolled back
    without those signals, so without this one test's closures and local values would be seen
    by the next. The other caches in the code (functools.cache on the reference files, the
    declared timescales, the national figures, the child-action providers) hold what is
    packaged with the code or fixed at start-up, which no test changes, so they stay warm.
    """
    calendar.clear_cache()
    declarations.clear_cache()
    yield
    calendar.clear_cache()
    declarations.clear_cache()


@pytest.fixture
def sign_in(db):
    """sign_in(worker) -> a test client signed in as that worker (through the real login)."""

    def _sign_in(worker) -> Client:
        client = Client()
        response = client.post(
            "/sign-in/", {"username": worker.user.username, "password": PASSWORD}
        )
        assert response.status_code == 302, "sign-in failed"
        return client

    return _sign_in


team = team_named("Safeguarding Team East")
social_worker = worker_in("team")


@pytest.fixture
def outsider(db):
    """A team manager in another service, who must not see any of the children under test."""
    other = TeamFactory(
        name="Children in Care South",
        service__name="Children in care",
        kind=Team.Kind.CHILDREN_IN_CARE,
    )
    return WorkerFactory(team=other, role=Worker.Role.TEAM_MANAGER)
