"""Fixture builders for the apps' conftests: what several apps' tests set up the same way.

Each builder returns a pytest fixture, so a conftest names its cast in a few lines (the people
in a team, a child allocated to one of them, the child's referral) and says only what differs
from another app's cast: the team's name, service and kind, the workers' roles and names, the
dates. The fixture takes the name of the conftest's assignment (`sw = worker_in("east")` is the
fixture `sw`); a builder that needs another fixture is given that fixture's name."""

import datetime as dt

import pytest
from freezegun import freeze_time

from sightline.people.models import Team, Worker
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    CINEpisodeFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)


def frozen_at(today: dt.date):
    """An autouse fixture, `frozen`, that stops the clock at 10 in the morning of `today` for
    every test under the conftest that assigns it, so due dates and "not in the future" checks
    give the same answers whenever the suite runs. A test that needs time to pass takes
    `frozen` and moves it (`frozen.move_to(...)`). The root conftest empties the timescale
    caches after, once time is unfrozen, so nothing read at a frozen time outlives the test."""

    @pytest.fixture(autouse=True)
    def frozen():
        with freeze_time(dt.datetime.combine(today, dt.time(10))) as clock:
            yield clock

    return frozen


def service_named(name: str):
    """A fixture for the service called `name`."""

    @pytest.fixture
    def service(db):
        return ServiceFactory(name=name)

    return service


def team_named(name: str, *, service: str | None = None, kind: str = Team.Kind.SAFEGUARDING):
    """A fixture for the team called `name`, of `kind`, in the service called `service` (the
    same row as `service_named(service)`'s: services and teams are found by name before they
    are made), or in a service of its own when none is named."""
    in_service = {"service__name": service} if service else {}

    @pytest.fixture
    def team(db):
        return TeamFactory(name=name, kind=kind, **in_service)

    return team


def worker_in(team: str, role: str = Worker.Role.SOCIAL_WORKER, **names):
    """A fixture for a worker in the team fixture called `team`, with `role`; `names` are the
    worker's first and last names when a test reads them (otherwise Faker's)."""

    @pytest.fixture
    def worker(request):
        return WorkerFactory(team=request.getfixturevalue(team), role=role, **names)

    return worker


def child_allocated_to(worker: str, **child_fields):
    """A fixture for a child allocated to the worker fixture called `worker`; `child_fields`
    are the child's own (a name the tests read), otherwise ChildFactory's."""

    @pytest.fixture
    def child(request):
        allocated_to = request.getfixturevalue(worker)
        return AllocationFactory(child=ChildFactory(**child_fields), worker=allocated_to).child

    return child


def referral_of(child: str, referral_date: dt.date):
    """A fixture for an open referral (an episode of need) of the child fixture called
    `child`, received on `referral_date`."""

    @pytest.fixture
    def referral(request):
        return CINEpisodeFactory(child=request.getfixturevalue(child), referral_date=referral_date)

    return referral
