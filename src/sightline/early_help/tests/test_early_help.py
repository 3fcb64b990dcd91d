"""Early help: where it came from, assessments and plans on the timescale engine, stepping up
to children's social care and stepping down from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.early_help import services
from sightline.early_help.models import EarlyHelpEpisode
from sightline.frontdoor.models import Contact
from sightline.people.models import Worker
from sightline.testing.factories import (
    CINEpisodeFactory,
    ContactFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.helpers import date_fields, error_page
from sightline.timescales.rules import child_timescales

pytestmark = pytest.mark.django_db

Origin = EarlyHelpEpisode.Origin


def start(user, child, **kw) -> EarlyHelpEpisode:
    options = {"origin": Origin.REQUEST, "start_date": dt.date(2026, 9, 1)}
    return services.start_early_help(user, child, **{**options, **kw})


def test_stepping_down_when_a_case_closes_records_the_case(social_worker, child):
    case = CINEpisodeFactory(
        child=child,
        referral_date=dt.date(2026, 3, 2),
        closure_date=dt.date(2026, 8, 28),
        closure_reason="RC9",
    )
    episode = start(
        social_worker.user,
        child,
        origin=Origin.CASE_CLOSURE,
        cin_episode=case,
        lead_organisation="Lowmere Family Hub",
    )
    assert episode.source_cin_episode == case
    assert episode.origin == Origin.CASE_CLOSURE
    assert episode.created_by == social_worker
    assert AuditEvent.objects.filter(
        event_type=EventType.EARLY_HELP_STARTED,
        kind=AuditEvent.Kind.CREATE,
        child=child,
        object_type="early_help.EarlyHelpEpisode",
    ).exists()


def test_a_case_closure_step_down_without_the_case_is_refused(social_worker, child):
    with pytest.raises(ValidationError) as refused:
        start(social_worker.user, child, origin=Origin.CASE_CLOSURE)
    assert "source_cin_episode" in refused.value.message_dict
    assert not EarlyHelpEpisode.objects.exists()


def test_a_second_open_early_help_is_refused(social_worker, child):
    start(social_worker.user, child)
    with pytest.raises(ValidationError):
        start(social_worker.user, child)
    assert EarlyHelpEpisode.objects.count() == 1


def test_a_completed_assessment_needs_the_childs_views_and_next_steps(social_worker, child):
    episode = start(social_worker.user, child)
    assessment = services.record_assessment(
        social_worker.user, episode, start_date=dt.date(2026, 9, 2), organisation="Ashwell School"
    )
    with pytest.raises(ValidationError) as refused:
        services.complete_assessment(
            social_worker.user,
            assessment,
            completed_date=dt.date(2026, 10, 1),
            child_views="",
            next_steps="",
        )
    assert set(refused.value.message_dict) == {"child_views", "next_steps"}
    assessment.refresh_from_db()
    assert assessment.completed_date is None


@freeze_time("2026-11-26 12:00")
def test_assessment_and_plan_review_due_dates_come_from_the_engine(social_worker, child):
    episode = start(social_worker.user, child)
    services.record_assessment(
        social_worker.user, episode, start_date=dt.date(2026, 9, 1), organisation="Ashwell School"
    )
    plan = services.start_plan(social_worker.user, episode, start_date=dt.date(2026, 9, 14))
    services.review_plan(
        social_worker.user, plan, date=dt.date(2026, 10, 20), summary="Attendance improving."
    )
    items = {
        (i.key, i.label): i for i in child_timescales(child) if i.key.startswith("early_help.")
    }
    assessment = items[("early_help.assessment_completion", "Early help assessment completed")]
    # 45 working days from Tuesday 1 September 2026.
    assert assessment.due == dt.date(2026, 11, 3)
    assert assessment.state == "overdue"
    first = items[("early_help.plan_review", "Review 1")]
    assert first.due == dt.date(2026, 10, 26)  # 6 weeks from the plan start
    assert first.state == "met on time"
    second = items[("early_help.plan_review", "Review 2")]
    assert second.due == dt.date(2026, 12, 1)  # 6 weeks from the review actually held
    assert second.url == f"/early-help/children/{child.council_id}/"


def test_stepping_up_makes_a_contact_from_early_help_and_ends_it(social_worker, child, sign_in):
    episode = start(social_worker.user, child)
    services.start_plan(social_worker.user, episode, start_date=dt.date(2026, 9, 14))
    received = timezone.now() - dt.timedelta(hours=1)
    contact = services.step_up(
        social_worker.user,
        episode,
        received_at=received,
        reported_by="Family support worker, Lowmere Family Hub",
        summary="Mother's partner has moved back in; child frightened to go home.",
        consent=Contact.Consent.GIVEN,
    )
    assert contact.source == "5D"
    assert contact.child == child
    assert contact.decision == ""
    episode.refresh_from_db()
    assert episode.stepped_up_contact == contact
    assert episode.end_reason == EarlyHelpEpisode.EndReason.STEPPED_UP
    assert episode.end_date == timezone.localdate(received)
    assert episode.plans.get().end_date == episode.end_date


def test_a_step_up_that_fails_saves_neither_the_contact_nor_the_ending(social_worker, child):
    episode = start(social_worker.user, child)
    with pytest.raises(ValidationError):
        services.step_up(
            social_worker.user,
            episode,
            received_at=timezone.now() + dt.timedelta(hours=2),
            reported_by="Family support worker",
            summary="Concerns growing.",
            consent=Contact.Consent.GIVEN,
        )
    episode.refresh_from_db()
    assert episode.end_date is None
    assert not Contact.objects.exists()


def test_roles_that_do_not_record_are_refused_by_the_service(child):
    qa = WorkerFactory(role=Worker.Role.QA_OFFICER)
    with pytest.raises(Forbidden):
        start(qa.user, child)


def test_a_role_that_does_not_record_reads_early_help_but_its_forms_are_not_found(
    child, social_worker, sign_in
):
    episode = start(social_worker.user, child)
    client = sign_in(WorkerFactory(role=Worker.Role.QA_OFFICER))  # sees every child
    page = client.get(f"/early-help/children/{child.council_id}/")
    assert page.status_code == 200
    assert f"/early-help/{episode.pk}/end/" not in page.content.decode()
    assert client.get(f"/early-help/{episode.pk}/end/").status_code == 404
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_REFUSED).exists()


def test_the_pages_start_assess_plan_review_and_step_up(social_worker, child, sign_in):
    client = sign_in(social_worker)

    def saves(url: str, data: dict) -> bool:
        """Posting the form saves it: the page redirects rather than showing the form again."""
        return client.post(url, data).status_code == 302

    page = client.get(f"/early-help/children/{child.council_id}/")
    assert page.status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW, child=child).exists()
    assert saves(
        f"/early-help/children/{child.council_id}/start/",
        {
            "origin": "request",
            **date_fields("start_date", dt.date(2026, 9, 1)),
            "lead_organisation": "Ashwell School",
            "lead_practitioner": "Ms Adams, family liaison",
        },
    )
    episode = EarlyHelpEpisode.objects.get(child=child)
    date = date_fields("start_date", dt.date(2026, 9, 2))
    assert saves(
        f"/early-help/{episode.pk}/assessments/new/", {**date, "organisation": "Ashwell School"}
    )
    assessment = episode.assessments.get()
    assert saves(
        f"/early-help/assessments/{assessment.pk}/complete/",
        {
            **date_fields("completed_date", dt.date(2026, 9, 20)),
            "child_views": "I want my mum to stop shouting.",
            "next_steps": "Parenting course; school mentor.",
        },
    )
    assert saves(f"/early-help/{episode.pk}/plans/new/", date)
    plan = episode.plans.get()
    assert saves(
        f"/early-help/plans/{plan.pk}/review/",
        {**date_fields("date", dt.date(2026, 10, 14)), "summary": "Attendance up."},
    )
    page = client.get(f"/early-help/children/{child.council_id}/").content.decode()
    for text in ("Ashwell School", "I want my mum to stop shouting.", "Attendance up."):
        assert text in page
    received = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    response = client.post(
        f"/early-help/{episode.pk}/step-up/",
        {
            **date_fields("received_at", received.date()),
            "received_at_time": received.strftime("%H:%M"),
            "reported_by": "Ms Adams, family liaison",
            "summary": "Disclosure at school.",
            "consent": "given",
        },
    )
    contact = Contact.objects.get(child=child)
    assert response["Location"] == f"/front-door/contacts/{contact.pk}/"


def test_a_missing_start_date_on_the_page_names_the_field(social_worker, child, sign_in):
    response = sign_in(social_worker).post(
        f"/early-help/children/{child.council_id}/start/", {"origin": "request"}
    )
    page = error_page(response)
    assert "Enter the early help start date" in page
    assert not EarlyHelpEpisode.objects.exists()


def test_early_help_outside_scope_is_a_404(child, social_worker, sign_in):
    episode = start(social_worker.user, child)
    outsider = WorkerFactory(team=TeamFactory(name="Another team"))
    client = sign_in(outsider)
    assert client.get(f"/early-help/children/{child.council_id}/").status_code == 404
    assert client.get(f"/early-help/{episode.pk}/plans/new/").status_code == 404
    assert client.get(f"/early-help/{episode.pk}/step-up/").status_code == 404


def test_the_childs_record_offers_early_help_links(social_worker, child, sign_in):
    page = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert f"/early-help/children/{child.council_id}/start/" in page
    start(social_worker.user, child)
    page = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert "Step up to children&#x27;s social care" in page


def test_a_front_door_decision_of_early_help_is_shown_with_where_it_came_from(
    social_worker, child, sign_in
):
    from sightline.frontdoor.services import record_decision

    contact = ContactFactory(child=child)
    record_decision(social_worker.user, contact, decision="early_help", rationale="Support.")
    page = sign_in(social_worker).get(f"/early-help/children/{child.council_id}/").content.decode()
    assert "Front door decision: early help" in page


def test_opening_an_early_help_form_is_recorded_against_the_child(social_worker, child, sign_in):
    sign_in(social_worker).get(f"/early-help/children/{child.council_id}/start/")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.VIEW, child=child)
    assert event.summary == "Opened: Start early help"
    assert event.actor == social_worker.user
