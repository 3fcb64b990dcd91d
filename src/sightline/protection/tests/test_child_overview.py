"""The child's child protection record: the chain from strategy discussion to plan."""

import pytest

from sightline.access.models import AuditEvent
from sightline.protection.models import StrategyDiscussion
from sightline.testing.factories import ConferenceFactory, PlanFactory, StrategyDiscussionFactory
from sightline.testing.helpers import assert_looks_missing

pytestmark = pytest.mark.django_db


# A strategy discussion's flag for each agency it must hear from ("was the police present?").
AGENCY_FLAGS = [f"{code}_present" for code, _ in StrategyDiscussion.AGENCIES]


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
        # Recorded before the structured fields existed: they are all unset, only free text.
        **dict.fromkeys([*AGENCY_FLAGS, "outcome", "rationale"]),
        agencies_present="Police and school nurse",
        decision="Single-agency enquiry agreed.",
    )
    html = sign_in(social_worker).get(url(child)).content.decode()
    assert "Police and school nurse" in html
    assert "Single-agency enquiry agreed." in html


def test_overview_outside_scope_is_the_same_404_as_a_missing_child(child, outsider, sign_in):
    client = sign_in(outsider)
    assert_looks_missing(client, url(child), "/child-protection/children/NOSUCHCHILD/")
