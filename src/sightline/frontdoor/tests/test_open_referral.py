"""A child has one open referral at a time (as the CIN census counts them): a referral decision
on a contact about a child whose referral is still open adds the contact to it."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from sightline.cin.models import CINEpisode
from sightline.frontdoor import services
from sightline.frontdoor.models import Contact
from sightline.testing.factories import CINEpisodeFactory, ContactFactory

from .test_authorisation import overturn

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    return ContactFactory(child__first_name="Ruby", child__last_name="Hale")


@pytest.fixture
def open_referral(contact):
    return CINEpisodeFactory(child=contact.child, referral_date=dt.date(2025, 9, 1))


def test_the_decision_page_says_the_childs_referral_is_open(
    screener, sign_in, contact, open_referral
):
    page = sign_in(screener).get(f"/front-door/contacts/{contact.pk}/decision/").content.decode()
    assert "Ruby Hale has an open referral of 1 September 2025" in page


def test_a_referral_decision_adds_the_contact_to_the_open_referral_and_says_so(
    screener, sign_in, contact, open_referral
):
    response = sign_in(screener).post(
        f"/front-door/contacts/{contact.pk}/decision/",
        {"decision": "referral", "rationale": "New injury reported by school."},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.cin_episode == open_referral
    assert CINEpisode.objects.count() == 1
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "added to Ruby Hale's open referral of 1 September 2025" in message


def test_a_strategy_discussion_joins_the_open_referral_too(screener, contact, open_referral):
    services.record_decision(screener.user, contact, decision="strategy", rationale="Disclosure.")
    assert Contact.objects.get(pk=contact.pk).cin_episode == open_referral
    assert CINEpisode.objects.count() == 1


def test_a_closed_referral_is_not_reopened_a_new_one_is_made(screener, contact, open_referral):
    CINEpisode.objects.filter(pk=open_referral.pk).update(
        closure_date=dt.date(2025, 10, 1), closure_reason="RC1"
    )
    services.record_decision(screener.user, contact, decision="referral", rationale="Risk.")
    assert Contact.objects.get(pk=contact.pk).cin_episode != open_referral
    assert CINEpisode.objects.filter(closure_date__isnull=True).count() == 1


def test_overturning_a_joined_referral_leaves_it_open_for_the_work_already_under_way(
    screener, manager, contact, open_referral
):
    services.record_decision(screener.user, contact, decision="referral", rationale="Risk.")
    overturn(manager, Contact.objects.get(pk=contact.pk), "nfa", "Already being assessed.")
    open_referral.refresh_from_db()
    assert (open_referral.closure_date, open_referral.referral_nfa) == (None, False)
    assert Contact.objects.get(pk=contact.pk).cin_episode is None


def test_overturning_a_referral_the_contact_opened_closes_it_as_no_further_action(
    screener, manager, contact
):
    services.record_decision(screener.user, contact, decision="referral", rationale="Risk.")
    overturn(manager, Contact.objects.get(pk=contact.pk), "nfa", "Needs are met.")
    referral = CINEpisode.objects.get()
    assert referral.referral_nfa and referral.closure_reason == "RC8"
