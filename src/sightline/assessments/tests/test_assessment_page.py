"""The assessment page: the 45-working-day clock from the engine, a view event for every look,
and the same 404 for an assessment outside the user's scope as for one that does not exist."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.testing.helpers import assert_looks_missing

from .pages import RECORDING_PAGES

pytestmark = pytest.mark.django_db

PAGES = ["", *RECORDING_PAGES]


def test_the_page_shows_the_due_date_45_working_days_from_the_referral_and_days_remaining(
    sw, assessment, sign_in
):
    page = sign_in(sw).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "1 September 2025" in page  # referral date
    # 45 working days from Monday 1 September 2025 (no bank holidays in between).
    assert "3 November 2025" in page
    assert "Due in 30 working days" in page  # from Monday 22 September
    assert "Chloe Evans" in page


def test_an_assessment_past_45_working_days_shows_how_many_days_overdue(
    sw, assessment, sign_in, frozen
):
    frozen.move_to("2025-11-10 10:00")
    page = sign_in(sw).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Overdue by 7 days" in page
    assert "past its 45 working day timescale" in page
    assert "Overdue" in page


def test_the_midpoint_check_due_date_is_on_the_page(sw, assessment, sign_in):
    page = sign_in(sw).get(f"/assessments/{assessment.pk}/").content.decode()
    # 20 working days from Wednesday 3 September 2025.
    assert "1 October 2025" in page
    assert "20 working days from the assessment start" in page


def test_viewing_an_assessment_is_on_the_audit_trail(sw, assessment, sign_in):
    sign_in(sw).get(f"/assessments/{assessment.pk}/")
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.RECORD_VIEWED, child=assessment.child)
    assert event.object_type == "assessments.Assessment"
    assert event.object_id == str(assessment.pk)
    assert event.path == f"/assessments/{assessment.pk}/"


@pytest.mark.parametrize("page", PAGES)
def test_an_assessment_outside_scope_is_the_same_404_as_a_missing_one(
    outsider, assessment, sign_in, page
):
    client = sign_in(outsider)
    assert_looks_missing(
        client, f"/assessments/{assessment.pk}/{page}", f"/assessments/999999/{page}"
    )
    # Posting is refused the same way, and nothing about the child reaches the trail.
    assert client.post(f"/assessments/{assessment.pk}/{page}", {}).status_code in (404, 405)
    assert not AuditEvent.objects.filter(child=assessment.child).exists()


def test_a_social_worker_sees_no_manager_links(sw, assessment, sign_in):
    page = sign_in(sw).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Record a date the child was seen" in page
    assert "Record the manager&#x27;s midpoint check" not in page
    assert f"/assessments/{assessment.pk}/authorise/" not in page
    assert f"/assessments/{assessment.pk}/allocate/" not in page


def test_a_manager_sees_the_midpoint_check_allocation_and_authorisation_links(
    tm, assessment, sign_in
):
    page = sign_in(tm).get(f"/assessments/{assessment.pk}/").content.decode()
    for url in ("midpoint-check/", "authorise/", "allocate/"):
        assert f"/assessments/{assessment.pk}/{url}" in page


def test_a_senior_leader_can_read_but_not_record(assessment, sign_in, assessment_team):
    from sightline.people.models import Worker
    from sightline.testing.factories import WorkerFactory

    leader = WorkerFactory(team=assessment_team, role=Worker.Role.SENIOR_LEADER)
    client = sign_in(leader)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Record a date the child was seen" not in page
    response = client.post(
        f"/assessments/{assessment.pk}/child-seen/",
        {"date_day": "5", "date_month": "9", "date_year": "2025", "seen_alone": "yes"},
    )
    assert response.status_code == 404
    assert not assessment.seen.exists()


def test_the_clock_counts_from_the_referral_not_the_assessment_start(sw, assessment, sign_in):
    assessment.start_date = dt.date(2025, 9, 15)
    assessment.save()
    page = sign_in(sw).get(f"/assessments/{assessment.pk}/").content.decode()
    assert "3 November 2025" in page
