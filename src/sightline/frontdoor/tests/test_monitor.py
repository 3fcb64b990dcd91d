"""The front door monitor: today's load, what is waiting, decisions by outcome, dip samples."""

import datetime as dt

import pytest
from freezegun import freeze_time

from sightline.frontdoor.models import DipSampleDraw, DipSampleItem
from sightline.frontdoor.selectors import monitor
from sightline.people.models import Worker
from sightline.testing.factories import (
    AuthorisationFactory,
    ContactFactory,
    DecidedContactFactory,
    WorkerFactory,
)
from sightline.testing.helpers import london

pytestmark = pytest.mark.django_db

NOW = "2026-11-26 12:00"  # a Thursday


def decided(decision: str, at: dt.datetime):
    return DecidedContactFactory(
        decision=decision, received_at=at - dt.timedelta(hours=2), decided_at=at
    )


def draw_with(week: dt.date, findings: list[str]) -> None:
    draw = DipSampleDraw.objects.create(
        week_start=week,
        drawn_at=london(2026, 11, 20, 9, 0),
        share_percent=10,
        seed="test",
        population=len(findings) * 10,
    )
    for finding in findings:
        contact = decided("nfa", london(week.year, week.month, week.day, 10, 0))
        DipSampleItem.objects.create(
            draw=draw,
            contact=contact,
            child=contact.child,
            finding=finding,
            comments="Checked." if finding else "",
        )


@pytest.fixture
def front_door_month():
    ContactFactory(received_at=london(2026, 11, 26, 9, 0))
    ContactFactory(received_at=london(2026, 11, 26, 11, 0))
    ContactFactory(received_at=london(2026, 11, 25, 16, 0), out_of_hours=True, handover_note="x")
    nfa = decided("nfa", london(2026, 11, 25, 10, 0))  # last 7 days and this month
    decided("early_help", london(2026, 11, 20, 0, 30))  # the 7th day back still counts
    decided("referral", london(2026, 11, 3, 10, 0))  # this month only
    decided("advice", london(2026, 10, 30, 10, 0))  # neither
    AuthorisationFactory(contact=nfa, authorised_at=london(2026, 11, 25, 11, 0))
    overturned = decided("advice", london(2026, 11, 10, 10, 0))  # this month only
    AuthorisationFactory(
        contact=overturned,
        authorised_at=london(2026, 11, 10, 11, 0),
        outcome="overturned",
        new_decision="nfa",
        reasons="Nothing to advise on.",
    )
    draw_with(dt.date(2026, 11, 2), ["agree", "follow_up", ""])
    draw_with(dt.date(2026, 10, 26), ["referral"])


@freeze_time(NOW)
def test_the_monitor_counts_the_front_door(front_door_month):
    result = monitor()
    assert result.contacts_today == 2
    assert result.awaiting_decision == 3
    assert result.awaiting_handover == 1
    # Decided without an authorisation: 3 of the 5 decided above, plus the 4 sampled contacts
    # made by draw_with (decided, but not authorised in this fixture).
    assert result.awaiting_authorisation == 3 + 4
    rows = {r.label: (r.last_7_days, r.this_month) for r in result.decisions}
    assert rows["No further action"] == (1, 1 + 3)  # the 3 sampled on 2 November
    assert rows["Early help"] == (1, 1)
    assert rows["Referral for assessment"] == (0, 1)
    assert rows["Advice and signposting"] == (0, 1)
    assert rows["Strategy discussion"] == (0, 0)
    assert (result.decisions_total.last_7_days, result.decisions_total.this_month) == (2, 7)
    auth = {r.label: (r.last_7_days, r.this_month) for r in result.authorisations}
    assert auth == {"Agreed": (1, 1), "Overturned": (0, 1)}
    dip = {r.label: (r.this_month, r.all_weeks) for r in result.dip_findings}
    assert dip == {
        "Agree with the decision": (1, 1),
        "Needed more follow-up": (1, 1),
        "Should have been a referral": (0, 1),
        "Not yet reviewed": (1, 1),
    }


@freeze_time(NOW)
def test_service_managers_and_senior_leaders_see_the_monitor_and_others_do_not(
    front_door_month, sign_in, screener, manager
):
    for role in (Worker.Role.SERVICE_MANAGER, Worker.Role.SENIOR_LEADER):
        page = sign_in(WorkerFactory(role=role)).get("/front-door/monitor/")
        assert page.status_code == 200
        assert "Front door monitor" in page.content.decode()
        assert "Should have been a referral" in page.content.decode()
    for worker in (screener, manager):
        assert sign_in(worker).get("/front-door/monitor/").status_code == 404
