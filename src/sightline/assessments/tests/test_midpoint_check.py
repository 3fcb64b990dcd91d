"""The manager's midpoint check: only a manager records it, it is an oversight record, and it is
a timescale (20 working days from the start) on the child's record and work list."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.assessments.models import MidpointCheck
from sightline.testing.factories import MidpointCheckFactory
from sightline.testing.helpers import date_fields
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales

pytestmark = pytest.mark.django_db

KEY = "assessment.manager_midpoint_check"


def check_url(assessment) -> str:
    return f"/assessments/{assessment.pk}/midpoint-check/"


def midpoint_items(child, today):
    return [i for i in child_timescales(child, today) if i.key == KEY]


def test_a_team_manager_records_the_midpoint_check(tm, assessment, sign_in):
    client = sign_in(tm)
    page = client.get(check_url(assessment)).content.decode()
    assert "1 October 2025" in page  # when the check is due
    response = client.post(
        check_url(assessment),
        {
            **date_fields("date", dt.date(2025, 9, 22)),
            "on_track": "no",
            "direction": "Lateral checks with health outstanding: complete by 26 September.",
        },
    )
    assert response.status_code == 302
    check = MidpointCheck.objects.get(assessment=assessment)
    assert (check.manager, check.date, check.on_track, check.child) == (
        tm,
        dt.date(2025, 9, 22),
        False,
        assessment.child,
    )
    event = AuditEvent.objects.get(
        event_type=AuditEvent.Type.MIDPOINT_CHECK_RECORDED, child=assessment.child
    )
    assert event.object_type == "assessments.MidpointCheck"
    assert "not on track" in event.summary


def test_a_social_worker_may_not_record_the_midpoint_check(sw, assessment, sign_in):
    client = sign_in(sw)
    assert client.get(check_url(assessment)).status_code == 404
    response = client.post(
        check_url(assessment),
        {**date_fields("date", dt.date(2025, 9, 22)), "on_track": "yes", "direction": "Fine."},
    )
    assert response.status_code == 404
    assert not MidpointCheck.objects.exists()


def test_a_check_without_direction_or_before_the_start_is_refused(tm, assessment, sign_in):
    client = sign_in(tm)
    response = client.post(
        check_url(assessment),
        {**date_fields("date", dt.date(2025, 9, 2)), "on_track": "yes", "direction": ""},
    )
    errors = response.context["form"].errors
    assert errors["direction"] == ["Enter the manager's direction"]
    response = client.post(
        check_url(assessment),
        {**date_fields("date", dt.date(2025, 9, 2)), "on_track": "yes", "direction": "Go on."},
    )
    assert response.context["form"].errors["date"] == [
        "Check date must be on or after the assessment start."
    ]
    assert not MidpointCheck.objects.exists()


def test_the_midpoint_check_is_due_20_working_days_from_the_start_and_links_to_the_assessment(
    assessment,
):
    [item] = midpoint_items(assessment.child, dt.date(2025, 9, 22))
    assert item.due == dt.date(2025, 10, 1)
    assert item.started == dt.date(2025, 9, 3)
    assert item.state is State.DUE
    assert item.url == f"/assessments/{assessment.pk}/"
    assert item.name == "Manager's midpoint check"


def test_no_check_by_the_due_date_is_overdue(assessment):
    [item] = midpoint_items(assessment.child, dt.date(2025, 10, 6))
    assert item.state is State.OVERDUE
    assert item.days_overdue == 5


def test_the_first_check_meets_the_timescale(tm, assessment):
    MidpointCheckFactory(assessment=assessment, manager=tm, date=dt.date(2025, 10, 3))
    MidpointCheckFactory(assessment=assessment, manager=tm, date=dt.date(2025, 9, 30))
    [item] = midpoint_items(assessment.child, dt.date(2025, 10, 6))
    assert item.met == dt.date(2025, 9, 30)
    assert item.state is State.MET_ON_TIME


def test_a_check_after_the_due_date_is_met_late(tm, assessment):
    MidpointCheckFactory(assessment=assessment, manager=tm, date=dt.date(2025, 10, 3))
    [item] = midpoint_items(assessment.child, dt.date(2025, 10, 6))
    assert item.state is State.MET_LATE


def test_an_assessment_authorised_before_the_check_fell_due_needs_none(assessment):
    assessment.authorised_date = dt.date(2025, 9, 19)
    assessment.save()
    assert midpoint_items(assessment.child, dt.date(2025, 10, 6)) == []


def test_an_assessment_authorised_after_a_missed_check_keeps_it_as_missed(assessment):
    assessment.authorised_date = dt.date(2025, 10, 8)
    assessment.save()
    [item] = midpoint_items(assessment.child, dt.date(2025, 12, 1))
    assert item.state is State.OVERDUE
    assert item.days_overdue == 7  # as at the authorisation, not growing afterwards


def test_the_midpoint_check_follows_the_councils_local_setting(assessment, sw):
    from sightline.timescales.declarations import set_local_timescale

    set_local_timescale(KEY, "15 wd", reason="Local procedures 2025", user=sw.user)
    [item] = midpoint_items(assessment.child, dt.date(2025, 9, 22))
    assert item.due == dt.date(2025, 9, 24)
