"""Decisions on contacts: a rationale always, made in time, and the records each one opens."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.cin.models import CINEpisode
from sightline.early_help.models import EarlyHelpEpisode
from sightline.frontdoor import services
from sightline.frontdoor.models import Contact
from sightline.people.models import Worker
from sightline.testing.factories import ContactFactory, TeamFactory, WorkerFactory
from sightline.testing.helpers import error_page, london

pytestmark = pytest.mark.django_db


def test_a_decision_without_a_rationale_is_refused_and_nothing_saved(screener, sign_in):
    contact = ContactFactory()
    response = sign_in(screener).post(
        f"/front-door/contacts/{contact.pk}/decision/", {"decision": "nfa", "rationale": "  "}
    )
    page = error_page(response)
    assert "Enter the rationale for the decision" in page
    contact.refresh_from_db()
    assert (contact.decision, contact.decided_at, contact.decided_by) == ("", None, None)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CHANGE).exists()


def test_the_service_refuses_a_blank_rationale_naming_the_field(screener):
    contact = ContactFactory()
    with pytest.raises(ValidationError) as refused:
        services.record_decision(screener.user, contact, decision="nfa", rationale="")
    assert "rationale" in refused.value.message_dict
    contact.refresh_from_db()
    assert contact.decision == ""


def test_referral_for_assessment_opens_the_referral_with_the_contacts_source(screener, sign_in):
    contact = ContactFactory(source="3E")
    response = sign_in(screener).post(
        f"/front-door/contacts/{contact.pk}/decision/",
        {"decision": "referral", "rationale": "Unexplained injury to a non-mobile baby."},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    episode = contact.cin_episode
    assert episode is not None
    assert episode.child == contact.child
    assert episode.referral_date == timezone.localdate(contact.decided_at)
    assert episode.referral_source == "3E"
    assert contact.decided_by == screener


def test_strategy_discussion_opens_the_referral_too(screener):
    contact = ContactFactory()
    services.record_decision(
        screener.user, contact, decision="strategy", rationale="Disclosure of sexual abuse."
    )
    assert CINEpisode.objects.filter(child=contact.child).count() == 1


@pytest.mark.parametrize("decision", ["nfa", "advice"])
def test_no_further_action_and_advice_open_nothing(screener, decision):
    contact = ContactFactory()
    services.record_decision(screener.user, contact, decision=decision, rationale="Needs met.")
    assert not CINEpisode.objects.exists()
    assert not EarlyHelpEpisode.objects.exists()


def test_early_help_starts_a_step_down_recording_the_contact_it_came_from(screener):
    contact = ContactFactory()
    services.record_decision(
        screener.user, contact, decision="early_help", rationale="Family want parenting support."
    )
    episode = EarlyHelpEpisode.objects.get(child=contact.child)
    assert episode.origin == EarlyHelpEpisode.Origin.CONTACT_DECISION
    assert episode.source_contact == contact
    assert episode.start_date == timezone.localdate()
    assert episode.end_date is None


def test_a_second_decision_on_the_same_contact_is_refused(screener):
    contact = ContactFactory()
    services.record_decision(screener.user, contact, decision="nfa", rationale="Needs met.")
    with pytest.raises(ValidationError) as refused:
        services.record_decision(
            screener.user, contact, decision="referral", rationale="Changed my mind."
        )
    assert "decision" in refused.value.message_dict
    assert Contact.objects.get(pk=contact.pk).decision == "nfa"


def test_the_decision_is_audited_with_what_it_opened(screener):
    contact = ContactFactory()
    services.record_decision(screener.user, contact, decision="referral", rationale="Risk.")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CHANGE, child=contact.child)
    assert event.summary == "Decided on the contact: Referral for assessment"
    assert event.detail["referral"] == Contact.objects.get(pk=contact.pk).cin_episode_id


def test_roles_that_do_not_decide_get_a_404_page_and_a_refusal_from_the_service(sign_in):
    leader = WorkerFactory(role=Worker.Role.SENIOR_LEADER)
    contact = ContactFactory()
    assert sign_in(leader).get(f"/front-door/contacts/{contact.pk}/decision/").status_code == 404
    with pytest.raises(Forbidden):
        services.record_decision(leader.user, contact, decision="nfa", rationale="x")


def test_deciding_on_a_contact_outside_scope_is_a_404_and_saves_nothing(sign_in):
    worker = WorkerFactory(team=TeamFactory(name="Safeguarding North"))
    contact = ContactFactory()
    response = sign_in(worker).post(
        f"/front-door/contacts/{contact.pk}/decision/",
        {"decision": "nfa", "rationale": "Not mine to decide."},
    )
    assert response.status_code == 404
    assert Contact.objects.get(pk=contact.pk).decision == ""


@freeze_time("2026-11-27 10:00")  # a Friday
def test_the_decision_is_due_within_one_working_day_of_the_contact(screener, sign_in):
    contact = ContactFactory(received_at=london(2026, 11, 27, 9, 0))
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Decision due by 30/11/2026" in page  # the Monday
    overdue = ContactFactory(received_at=london(2026, 11, 25, 9, 0))
    page = sign_in(screener).get("/front-door/").content.decode()
    assert "Overdue" in page
    assert overdue.child.full_name in page


def test_contacts_awaiting_a_decision_are_listed_oldest_first(screener, sign_in):
    newer = ContactFactory(received_at=timezone.now() - dt.timedelta(hours=2))
    older = ContactFactory(received_at=timezone.now() - dt.timedelta(days=2))
    decided = ContactFactory(
        decision="nfa", rationale="x", decided_at=timezone.now(), decided_by=screener
    )
    page = sign_in(screener).get("/front-door/").content.decode()
    assert page.index(older.child.full_name) < page.index(newer.child.full_name)
    assert decided.child.full_name not in page


def test_the_decision_and_the_records_it_opens_stand_or_fall_together(screener, monkeypatch):
    from sightline.early_help import front_door_handover as early_help

    def refuse(*args, **kwargs):
        raise ValidationError({"start_date": "Early help could not start."})

    monkeypatch.setattr(early_help, "start", refuse)
    contact = ContactFactory()
    with pytest.raises(ValidationError):
        services.record_decision(
            screener.user, contact, decision="early_help", rationale="Parenting support."
        )
    contact.refresh_from_db()
    assert (contact.decision, contact.decided_at) == ("", None)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CHANGE).exists()


@pytest.mark.parametrize(
    "role",
    [
        Worker.Role.IRO,
        Worker.Role.PERSONAL_ADVISER,
        Worker.Role.QA_OFFICER,
        Worker.Role.LADO_OFFICER,
    ],
)
def test_the_front_door_list_is_a_missing_page_to_roles_outside_the_front_door(sign_in, role):
    assert sign_in(WorkerFactory(role=role)).get("/front-door/").status_code == 404


def test_the_front_door_list_opens_for_a_social_worker(sign_in):
    social_worker = WorkerFactory(role=Worker.Role.SOCIAL_WORKER)
    assert sign_in(social_worker).get("/front-door/").status_code == 200


def test_the_contact_list_and_the_authorisation_queue_record_whose_records_were_listed(
    screener, manager, sign_in
):
    waiting = ContactFactory()
    decided = ContactFactory(
        decision="nfa", rationale="x", decided_at=timezone.now(), decided_by=screener
    )
    sign_in(screener).get("/front-door/")
    listed = AuditEvent.objects.get(kind=AuditEvent.Kind.VIEW, actor=screener.user)
    assert listed.detail["council_ids"] == [waiting.child.council_id]
    sign_in(manager).get("/front-door/authorisations/")
    queue = AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW, actor=manager.user).last()
    assert queue.summary == "Viewed decisions awaiting authorisation (1 child)"
    assert queue.detail["council_ids"] == [decided.child.council_id]


def test_a_decided_contact_shows_the_decision_in_place_of_the_form(screener, sign_in):
    contact = services.record_decision(
        screener.user, ContactFactory(), decision="advice", rationale="Signposted to the GP."
    )
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/decision/").content.decode()
    assert "A decision has already been made on this contact." in page
    assert "Save the decision" not in page
    assert "Back to screening" in page
