"""Every decision is authorised by a manager: agreed, or overturned with reasons. Never by the
person who made it. Managers see a queue of decisions waiting, oldest first."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.cin.models import CINEpisode
from sightline.early_help.models import EarlyHelpEpisode
from sightline.frontdoor import services
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.frontdoor.selectors import time_outstanding
from sightline.people.models import Worker
from sightline.testing.factories import (
    ContactFactory,
    DecidedContactFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.helpers import error_page

pytestmark = pytest.mark.django_db


def decide(worker, decision: str, rationale: str) -> Contact:
    """A new contact, decided by `worker` through the service."""
    return services.record_decision(
        worker.user, ContactFactory(), decision=decision, rationale=rationale
    )


def overturn(manager, contact: Contact, new_decision: str, reasons: str) -> None:
    """`manager` overturns the contact's decision to `new_decision`, through the service."""
    services.authorise_decision(
        manager.user, contact, outcome="overturned", new_decision=new_decision, reasons=reasons
    )


@pytest.fixture
def decided(screener):
    return decide(screener, "nfa", "Universal services are involved.")


def test_a_manager_agrees_a_decision(decided, manager, sign_in):
    response = sign_in(manager).post(
        f"/front-door/contacts/{decided.pk}/authorise/", {"outcome": "agreed", "reasons": ""}
    )
    assert response.status_code == 302
    authorisation = DecisionAuthorisation.objects.get(contact=decided)
    assert (authorisation.manager, authorisation.outcome) == (manager, "agreed")
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.CREATE, child=decided.child, summary__startswith="Agreed the decision"
    ).exists()


def test_an_overturn_without_reasons_is_refused_and_nothing_saved(decided, manager, sign_in):
    response = sign_in(manager).post(
        f"/front-door/contacts/{decided.pk}/authorise/",
        {"outcome": "overturned", "new_decision": "referral", "reasons": ""},
    )
    page = error_page(response)
    assert "Enter the reasons for overturning the decision" in page
    assert not DecisionAuthorisation.objects.exists()
    assert not CINEpisode.objects.exists()


def test_an_overturn_without_the_decision_instead_is_refused(decided, manager):
    with pytest.raises(ValidationError) as refused:
        services.authorise_decision(
            manager.user, decided, outcome="overturned", reasons="Threshold is met."
        )
    assert "new_decision" in refused.value.message_dict
    assert not DecisionAuthorisation.objects.exists()


def test_authorising_your_own_decision_is_refused_naming_the_field(manager, sign_in):
    contact = decide(manager, "advice", "Signposted to the GP.")
    response = sign_in(manager).post(
        f"/front-door/contacts/{contact.pk}/authorise/", {"outcome": "agreed"}
    )
    page = error_page(response)
    assert "You made this decision: another manager must authorise it." in page
    assert 'href="#id_outcome_0"' in page  # the error summary links to the field
    assert not DecisionAuthorisation.objects.exists()


def test_a_social_worker_cannot_authorise(decided, sign_in, fd_team):
    colleague = WorkerFactory(team=fd_team)
    client = sign_in(colleague)
    assert client.get("/front-door/authorisations/").status_code == 404
    assert (
        client.post(
            f"/front-door/contacts/{decided.pk}/authorise/", {"outcome": "agreed"}
        ).status_code
        == 404
    )
    with pytest.raises(Forbidden):
        services.authorise_decision(colleague.user, decided, outcome="agreed")
    assert not DecisionAuthorisation.objects.exists()


def test_authorising_a_contact_outside_scope_is_a_404(decided, sign_in):
    elsewhere = WorkerFactory(
        role=Worker.Role.TEAM_MANAGER, team=TeamFactory(name="Safeguarding North")
    )
    response = sign_in(elsewhere).post(
        f"/front-door/contacts/{decided.pk}/authorise/", {"outcome": "agreed"}
    )
    assert response.status_code == 404
    assert not DecisionAuthorisation.objects.exists()


def test_a_decision_already_authorised_cannot_be_authorised_again(decided, manager, second_manager):
    services.authorise_decision(manager.user, decided, outcome="agreed")
    with pytest.raises(ValidationError) as refused:
        services.authorise_decision(second_manager.user, decided, outcome="agreed")
    assert "outcome" in refused.value.message_dict


def test_the_queue_lists_decisions_oldest_first_with_time_outstanding(screener, manager, sign_in):
    now = timezone.now()
    older = DecidedContactFactory(
        received_at=now - dt.timedelta(days=3), decided_at=now - dt.timedelta(days=2, hours=3)
    )
    newer = DecidedContactFactory(
        received_at=now - dt.timedelta(hours=6), decided_at=now - dt.timedelta(hours=5)
    )
    agreed = DecidedContactFactory(decided_at=now - dt.timedelta(days=4))
    DecisionAuthorisation.objects.create(
        contact=agreed,
        child=agreed.child,
        manager=manager,
        authorised_at=now - dt.timedelta(days=1),
        outcome="agreed",
    )
    undecided = ContactFactory()
    page = sign_in(manager).get("/front-door/authorisations/").content.decode()
    assert page.index(older.child.full_name) < page.index(newer.child.full_name)
    assert "2 days 3 hours" in page
    assert "5 hours" in page
    assert agreed.child.full_name not in page
    assert undecided.child.full_name not in page


def test_the_queue_leaves_out_the_managers_own_decisions(manager, second_manager, sign_in):
    own = decide(manager, "nfa", "Needs met.")
    assert (
        own.child.full_name
        not in sign_in(manager).get("/front-door/authorisations/").content.decode()
    )
    assert (
        own.child.full_name
        in sign_in(second_manager).get("/front-door/authorisations/").content.decode()
    )


def test_the_queue_leaves_out_contacts_outside_scope(sign_in):
    elsewhere = WorkerFactory(
        role=Worker.Role.TEAM_MANAGER, team=TeamFactory(name="Safeguarding North")
    )
    contact = DecidedContactFactory()
    page = sign_in(elsewhere).get("/front-door/authorisations/").content.decode()
    assert contact.child.full_name not in page


def test_overturning_no_further_action_to_a_referral_opens_the_referral(decided, manager):
    overturn(manager, decided, "referral", "Third contact in a year: this needs an assessment.")
    contact = Contact.objects.get(pk=decided.pk)
    assert contact.cin_episode is not None
    assert contact.cin_episode.referral_source == contact.source
    assert contact.effective_decision == "referral"
    assert contact.decision == "nfa"  # the worker's decision is kept as it was made


def test_overturning_a_referral_closes_it_as_referral_no_further_action(screener, manager):
    contact = decide(screener, "referral", "Possible neglect.")
    overturn(manager, contact, "advice", "School nurse already involved; advice is enough.")
    episode = CINEpisode.objects.get(child=contact.child)
    assert episode.referral_nfa is True
    assert episode.closure_date == episode.referral_date
    assert episode.closure_reason == "RC8"


def test_overturning_early_help_ends_the_early_help_it_started(screener, manager):
    contact = decide(screener, "early_help", "Parenting support.")
    overturn(
        manager,
        contact,
        "strategy",
        "Disclosure of harm in the contact: strategy discussion needed.",
    )
    episode = EarlyHelpEpisode.objects.get(child=contact.child)
    assert episode.end_reason == EarlyHelpEpisode.EndReason.DECISION_OVERTURNED
    assert CINEpisode.objects.filter(child=contact.child).exists()


@pytest.mark.parametrize(
    ("elapsed", "words"),
    [
        (dt.timedelta(minutes=1), "1 minute"),
        (dt.timedelta(minutes=45), "45 minutes"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(hours=5, minutes=59), "5 hours"),
        (dt.timedelta(days=1), "1 day"),
        (dt.timedelta(days=1, hours=1), "1 day 1 hour"),
        (dt.timedelta(days=2, hours=3, minutes=20), "2 days 3 hours"),
    ],
)
def test_time_outstanding_reads_as_people_say_it(elapsed, words):
    now = timezone.now()
    assert time_outstanding(now - elapsed, now) == words


def test_an_agreement_and_an_overturn_are_each_their_own_event_on_the_trail(
    screener, manager, second_manager
):
    agreed = decide(screener, "nfa", "Needs met.")
    services.authorise_decision(manager.user, agreed, outcome="agreed")
    overturned = decide(screener, "nfa", "Needs met.")
    overturn(second_manager, overturned, "referral", "Third contact this year.")
    events = dict(
        AuditEvent.objects.filter(
            event_type__in=[EventType.DECISION_AUTHORISED, EventType.DECISION_OVERTURNED]
        ).values_list("child_id", "event_type")
    )
    assert events == {
        agreed.child_id: EventType.DECISION_AUTHORISED,
        overturned.child_id: EventType.DECISION_OVERTURNED,
    }
