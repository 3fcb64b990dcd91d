"""Front-door links on a child's record, only for what the user's role may do."""

import pytest

from sightline.frontdoor import services
from sightline.frontdoor.child_actions import actions
from sightline.people.models import Worker
from sightline.testing.factories import ContactFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def labels(child, worker) -> list[str]:
    return [a.label for a in actions(child, worker.user)]


def test_practitioners_may_record_a_contact_and_see_contacts_awaiting_a_decision(screener):
    contact = ContactFactory()
    found = actions(contact.child, screener.user)
    assert found[0].label == "Record a contact"
    assert found[0].url == f"/front-door/contacts/new/?child={contact.child.council_id}"
    assert any(
        a.label.startswith("Decide on the contact received") and str(contact.pk) in a.url
        for a in found
    )


def test_managers_are_offered_authorisation_of_others_decisions_only(
    screener, manager, second_manager
):
    theirs = services.record_decision(
        screener.user, ContactFactory(), decision="nfa", rationale="Needs met."
    )
    own = services.record_decision(
        manager.user, ContactFactory(), decision="nfa", rationale="Needs met."
    )
    assert any(label.startswith("Authorise") for label in labels(theirs.child, manager))
    assert not any(label.startswith("Authorise") for label in labels(own.child, manager))
    assert any(label.startswith("Authorise") for label in labels(own.child, second_manager))


def test_roles_that_neither_record_nor_decide_get_no_front_door_links():
    leader = WorkerFactory(role=Worker.Role.SENIOR_LEADER)
    assert labels(ContactFactory().child, leader) == []


def test_the_childs_record_shows_the_link(screener, sign_in):
    contact = ContactFactory()
    page = sign_in(screener).get(f"/children/{contact.child.council_id}/").content.decode()
    assert "Record a contact" in page
