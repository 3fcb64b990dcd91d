"""Starting and ending a section 47 enquiry from its strategy discussion."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.protection.models import Section47Enquiry, StrategyDiscussion
from sightline.testing.factories import (
    ConferenceFactory,
    Section47EnquiryFactory,
    StrategyDiscussionFactory,
)
from sightline.testing.helpers import date_fields

pytestmark = pytest.mark.django_db


def start_url(discussion) -> str:
    return f"/child-protection/strategy-discussions/{discussion.pk}/section-47/"


def end_url(enquiry) -> str:
    return f"/child-protection/section-47/{enquiry.pk}/end/"


def test_enquiry_starts_from_its_strategy_discussion(referral, social_worker, sign_in):
    discussion = StrategyDiscussionFactory(cin_episode=referral)
    client = sign_in(social_worker)
    assert client.get(start_url(discussion)).status_code == 200
    response = client.post(start_url(discussion), date_fields("start_date", dt.date(2025, 9, 3)))
    assert response.status_code == 302
    enquiry = Section47Enquiry.objects.get()
    assert enquiry.strategy_discussion == discussion
    assert enquiry.cin_episode == referral
    assert enquiry.start_date == dt.date(2025, 9, 3)
    assert AuditEvent.objects.filter(kind="create", object_id=str(enquiry.pk)).exists()


def test_start_before_the_strategy_discussion_is_refused_naming_the_field_and_nothing_saved(
    referral, social_worker, sign_in
):
    discussion = StrategyDiscussionFactory(cin_episode=referral, date=dt.date(2025, 9, 5))
    response = sign_in(social_worker).post(
        start_url(discussion), date_fields("start_date", dt.date(2025, 9, 4))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Section 47 start date must be on or after the strategy discussion" in html
    assert 'href="#id_start_date_0"' in html  # the error summary links to the day box
    assert not Section47Enquiry.objects.exists()


def test_future_start_is_refused_and_nothing_saved(referral, social_worker, sign_in):
    discussion = StrategyDiscussionFactory(cin_episode=referral)
    response = sign_in(social_worker).post(
        start_url(discussion), date_fields("start_date", dt.date(2026, 2, 1))
    )
    assert "The section 47 start date must be today or in the past" in response.content.decode()
    assert not Section47Enquiry.objects.exists()


def test_no_enquiry_after_a_decision_of_no_section_47(referral, social_worker, sign_in):
    discussion = StrategyDiscussionFactory(
        cin_episode=referral, outcome=StrategyDiscussion.Outcome.CIN
    )
    response = sign_in(social_worker).post(
        start_url(discussion), date_fields("start_date", dt.date(2025, 9, 3))
    )
    assert "not a section 47 enquiry" in response.content.decode()
    assert not Section47Enquiry.objects.exists()


def test_enquiry_ends_with_its_outcome(referral, social_worker, sign_in):
    enquiry = Section47EnquiryFactory(strategy_discussion__cin_episode=referral)
    response = sign_in(social_worker).post(
        end_url(enquiry), {**date_fields("end_date", dt.date(2025, 9, 12)), "outcome": "icpc"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.end_date, enquiry.outcome) == (dt.date(2025, 9, 12), "icpc")
    assert AuditEvent.objects.filter(kind="change", object_id=str(enquiry.pk)).exists()


def test_end_before_the_start_is_refused_and_nothing_saved(referral, social_worker, sign_in):
    enquiry = Section47EnquiryFactory(strategy_discussion__cin_episode=referral)
    response = sign_in(social_worker).post(
        end_url(enquiry), {**date_fields("end_date", dt.date(2025, 9, 1)), "outcome": "nfa"}
    )
    assert "Section 47 end date must be on or after the section 47 start date" in (
        response.content.decode()
    )
    enquiry.refresh_from_db()
    assert enquiry.end_date is None and enquiry.outcome == ""


def test_outcome_other_than_conference_is_refused_once_a_conference_is_held(
    referral, social_worker, sign_in
):
    conference = ConferenceFactory(section47__strategy_discussion__cin_episode=referral)
    enquiry = conference.section47
    response = sign_in(social_worker).post(
        end_url(enquiry), {**date_fields("end_date", dt.date(2025, 9, 12)), "outcome": "nfa"}
    )
    assert "An initial conference has been recorded" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.end_date is None


def test_enquiry_outside_scope_is_404(referral, outsider, sign_in):
    enquiry = Section47EnquiryFactory(strategy_discussion__cin_episode=referral)
    client = sign_in(outsider)
    assert client.get(start_url(enquiry.strategy_discussion)).status_code == 404
    assert client.get(end_url(enquiry)).status_code == 404
    assert client.get("/child-protection/section-47/999999/end/").status_code == 404
