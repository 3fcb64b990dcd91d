"""The child's child protection record: the chain from strategy discussion to plan."""

import pytest

from sightline.access.models import AuditEvent
from sightline.testing.helpers import without_csrf

from .factories import ConferenceFactory, PlanFactory, StrategyDiscussionFactory

pytestmark = pytest.mark.django_db


def url(child) -> str:
    return f"/child-protection/children/{child.council_id}/"


def test_overview_shows_the_chain_and_is_audited(child, referral, social_worker, sign_in):
    discussion = StrategyDiscussionFactory(cin_episode=referral)
    conference = ConferenceFactory(section47__strategy_discussion=discussion)
    plan = PlanFactory(icpc=conference)
    html = sign_in(social_worker).get(url(child)).content.decode()
    assert "Police, Health, Education, Children&#x27;s social care" in html
    assert "Section 47 enquiry" in html
    assert "chaired by Morgan Ellis: child protection plan made" in html
    assert f'href="/child-protection/plans/{plan.pk}/"' in html
    assert AuditEvent.objects.filter(kind="view", child=child).count() == 1


def test_a_legacy_discussion_shows_its_free_text(child, referral, social_worker, sign_in):
    StrategyDiscussionFactory(
        cin_episode=referral,
        police_present=None,
        health_present=None,
        education_present=None,
        social_care_present=None,
        outcome=None,
        rationale=None,
        agencies_present="Police and school nurse",
        decision="Single-agency enquiry agreed.",
    )
    html = sign_in(social_worker).get(url(child)).content.decode()
    assert "Police and school nurse" in html
    assert "Single-agency enquiry agreed." in html


def test_overview_outside_scope_is_the_same_404_as_a_missing_child(child, outsider, sign_in):
    client = sign_in(outsider)
    forbidden = client.get(url(child))
    missing = client.get("/child-protection/children/NOSUCHCHILD/")
    assert forbidden.status_code == missing.status_code == 404
    assert without_csrf(forbidden.content) == without_csrf(missing.content)
