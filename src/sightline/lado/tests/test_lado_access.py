"""LADO allegations are restricted to the LADO team and explicit, current grants."""

import datetime as dt

import pytest
from django.utils import timezone

from sightline.lado.models import Allegation, LadoAccessGrant
from sightline.people.models import Team, Worker
from sightline.testing.factories import TeamFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def allegation():
    return Allegation.objects.create(
        reference="LADO-0001",
        received_date=dt.date(2026, 10, 1),
        subject_name="A. Coach",
        employer="Riverside Juniors FC",
        sector=Allegation.Sector.SPORT,
        summary="Synthetic allegation for tests.",
    )


def test_lado_team_sees_allegations(allegation, sign_in):
    officer = WorkerFactory(
        team=TeamFactory(name="LADO", kind=Team.Kind.LADO), role=Worker.Role.LADO_OFFICER
    )
    client = sign_in(officer)
    assert "LADO-0001" in client.get("/lado/").content.decode()
    assert client.get("/lado/LADO-0001/").status_code == 200


def test_everyone_else_including_senior_leaders_gets_404(allegation, sign_in):
    leader = WorkerFactory(role=Worker.Role.SENIOR_LEADER)
    client = sign_in(leader)
    assert client.get("/lado/").status_code == 404
    assert client.get("/lado/LADO-0001/").status_code == 404


def test_a_current_explicit_grant_opens_them_and_an_expired_one_does_not(allegation, sign_in):
    manager = WorkerFactory(role=Worker.Role.SERVICE_MANAGER)
    today = timezone.localdate()
    grant = LadoAccessGrant.objects.create(
        user=manager.user,
        granted_by=manager.user,
        reason="Covering LADO leave",
        starts_on=today,
        ends_on=today + dt.timedelta(days=7),
    )
    assert sign_in(manager).get("/lado/LADO-0001/").status_code == 200
    grant.ends_on = today - dt.timedelta(days=1)
    grant.starts_on = today - dt.timedelta(days=8)
    grant.save()
    assert sign_in(manager).get("/lado/LADO-0001/").status_code == 404
