"""Starting an assessment on an open referral and allocating it: managers only, and the child's
allocation follows the assessment."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.assessments.models import Assessment
from sightline.people.models import Allocation, Worker
from sightline.testing.factories import TeamFactory, WorkerFactory
from sightline.testing.helpers import date_fields

pytestmark = pytest.mark.django_db


def start_url(episode) -> str:
    return f"/assessments/referrals/{episode.pk}/start/"


def test_manager_starts_an_assessment_and_the_child_is_allocated_to_the_chosen_worker(
    tm, sw, sw2, child, episode, sign_in
):
    client = sign_in(tm)
    page = client.get(start_url(episode)).content.decode()
    assert "Start an assessment" in page
    assert sw2.full_name in page  # a social worker in the manager's service to choose from

    response = client.post(
        start_url(episode), {**date_fields("start_date", dt.date(2025, 9, 3)), "worker": sw2.pk}
    )

    assessment = Assessment.objects.get(cin_episode=episode)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.start_date == dt.date(2025, 9, 3)
    assert assessment.worker == sw2
    current = Allocation.objects.get(child=child, worker=sw2)
    assert (current.kind, current.team, current.start_date, current.end_date) == (
        Allocation.Kind.SOCIAL_WORKER,
        sw2.team,
        dt.date(2025, 9, 22),
        None,
    )
    # One allocated social worker at a time: the previous allocation ended the day before.
    assert Allocation.objects.get(child=child, worker=sw).end_date == dt.date(2025, 9, 21)
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.ASSESSMENT_STARTED, child=child)
    assert event.object_id == str(assessment.pk)
    assert sw2.full_name in event.summary


def test_allocating_to_the_worker_already_allocated_keeps_one_allocation(
    tm, sw, child, episode, sign_in
):
    sign_in(tm).post(
        start_url(episode), {**date_fields("start_date", dt.date(2025, 9, 3)), "worker": sw.pk}
    )
    assert Assessment.objects.filter(cin_episode=episode, worker=sw).exists()
    assert list(Allocation.objects.filter(child=child).values_list("worker", "end_date")) == [
        (sw.pk, None)
    ]


def test_a_social_worker_may_not_start_or_allocate_an_assessment(sw, sw2, episode, sign_in):
    client = sign_in(sw)
    assert client.get(start_url(episode)).status_code == 404
    response = client.post(
        start_url(episode), {**date_fields("start_date", dt.date(2025, 9, 3)), "worker": sw2.pk}
    )
    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_a_worker_outside_the_managers_service_cannot_be_chosen_and_nothing_is_saved(
    tm, child, episode, sign_in
):
    elsewhere = WorkerFactory(
        team=TeamFactory(name="Disabled Children", service__name="Disability")
    )
    response = sign_in(tm).post(
        start_url(episode),
        {**date_fields("start_date", dt.date(2025, 9, 3)), "worker": elsewhere.pk},
    )
    assert response.status_code == 200
    assert "Choose a social worker in your service" in response.content.decode()
    assert response.context["form"].errors["worker"]
    assert not Assessment.objects.exists()
    assert not Allocation.objects.filter(worker=elsewhere).exists()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (dt.date(2025, 9, 23), "The assessment start date must be today or in the past"),
        (dt.date(2025, 8, 29), "Assessment start date must be on or after the referral date."),
    ],
)
def test_a_start_date_in_the_future_or_before_the_referral_is_refused_naming_the_field(
    tm, sw, episode, sign_in, start, message
):
    response = sign_in(tm).post(
        start_url(episode), {**date_fields("start_date", start), "worker": sw.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == [message]
    assert response.content.decode().count(message) == 2  # error summary and the field
    assert "<title>Error: " in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_referral_with_an_assessment_in_progress_goes_to_that_assessment(tm, assessment, sign_in):
    response = sign_in(tm).get(start_url(assessment.cin_episode))
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"


def test_a_closed_referral_cannot_have_an_assessment_started(tm, episode, sign_in):
    episode.closure_date, episode.closure_reason = dt.date(2025, 9, 10), "RC7"
    episode.save()
    assert sign_in(tm).get(start_url(episode)).status_code == 404


def test_manager_reallocates_an_assessment_and_the_child(tm, sw, sw2, child, assessment, sign_in):
    client = sign_in(tm)
    url = f"/assessments/{assessment.pk}/allocate/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"worker": sw2.pk})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.worker == sw2
    assert Allocation.objects.get(child=child, end_date__isnull=True).worker == sw2
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.ASSESSMENT_ALLOCATED, child=child, summary__contains="Allocated"
    ).exists()


def test_a_social_worker_may_not_reallocate(sw, sw2, assessment, sign_in):
    response = sign_in(sw).post(f"/assessments/{assessment.pk}/allocate/", {"worker": sw2.pk})
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.worker == sw


def test_a_service_manager_allocates_across_the_teams_of_their_service(
    sw, service, child, episode, sign_in
):
    other_team = TeamFactory(name="Assessment Team South", service=service)
    south_worker = WorkerFactory(team=other_team)
    manager = WorkerFactory(team=other_team, role=Worker.Role.SERVICE_MANAGER)
    response = sign_in(manager).post(
        start_url(episode),
        {**date_fields("start_date", dt.date(2025, 9, 3)), "worker": south_worker.pk},
    )
    assert response.status_code == 302
    assert Allocation.objects.get(child=child, end_date__isnull=True).team == other_team


def test_the_start_page_is_not_found_for_a_referral_outside_the_managers_scope(
    outsider, episode, sign_in
):
    client = sign_in(outsider)
    assert client.get(start_url(episode)).status_code == 404
    assert client.get("/assessments/referrals/999999/start/").status_code == 404


def test_second_assessment_cannot_start_while_one_is_in_progress(tm, sw, assessment):
    from django.core.exceptions import ValidationError

    from sightline.assessments import services

    with pytest.raises(ValidationError, match="already has an assessment in progress"):
        services.start_assessment(
            tm.user, assessment.cin_episode, start_date=dt.date(2025, 9, 10), worker=sw
        )
    assert Assessment.objects.count() == 1


def test_the_service_refuses_a_manager_whose_scope_does_not_hold_the_child(outsider, sw, episode):
    from sightline.access.policy import Forbidden
    from sightline.assessments import services

    with pytest.raises(Forbidden):
        services.start_assessment(outsider.user, episode, start_date=dt.date(2025, 9, 3), worker=sw)
    assert not Assessment.objects.exists()


def test_a_system_actor_may_allocate_to_any_active_social_worker(episode):
    from sightline.access.actor import Actor
    from sightline.assessments import services

    elsewhere = WorkerFactory(
        team=TeamFactory(name="Disabled Children", service__name="Disability")
    )
    assessment = services.start_assessment(
        Actor.system("Annex A import"), episode, start_date=dt.date(2025, 9, 3), worker=elsewhere
    )
    assert assessment.worker == elsewhere
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.ASSESSMENT_STARTED)
    assert (event.actor, event.actor_name) == (None, "Annex A import")
