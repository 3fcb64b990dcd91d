"""Fixtures shared by every app's tests."""

import pytest
from django.test import Client

from sightline.testing.factories import PASSWORD, TeamFactory, WorkerFactory


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


@pytest.fixture
def team(db):
    return TeamFactory(name="Safeguarding Team East")


@pytest.fixture
def social_worker(team):
    return WorkerFactory(team=team)
