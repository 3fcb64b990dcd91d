"""Recording a strategy discussion on the child's open referral."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.protection.models import StrategyDiscussion
from sightline.testing.helpers import assert_looks_missing, date_fields, error_page

pytestmark = pytest.mark.django_db


def url(child) -> str:
    return f"/child-protection/children/{child.council_id}/strategy-discussion/"


def form(**changes) -> dict:
    data = {
        **date_fields("date", dt.date(2025, 9, 2)),
        "agencies": ["police", "health", "education", "social_care"],
        "other_agencies": "",
        "outcome": "s47",
        "rationale": "Unexplained bruising reported by school; threshold met.",
    }
    data.update(changes)
    return data


def test_strategy_discussion_is_recorded_on_the_open_referral(
    child, referral, social_worker, sign_in
):
    client = sign_in(social_worker)
    page = client.get(url(child))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Police", "Health", "Education", "Children&#x27;s social care", "Other agency"):
        assert label in html
    response = client.post(
        url(child), form(agencies=["police", "social_care", "other"], other_agencies="Probation")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/child-protection/children/{child.council_id}/"
    discussion = StrategyDiscussion.objects.get(child=child)
    assert discussion.cin_episode == referral
    assert discussion.date == dt.date(2025, 9, 2)
    assert discussion.outcome == "s47"
    assert (discussion.police_present, discussion.health_present) == (True, False)
    assert discussion.social_care_present is True
    assert discussion.agencies == ["Police", "Children's social care", "Probation"]
    assert discussion.recorded_by == social_worker
    event = AuditEvent.objects.get(kind="create", child=child)
    assert event.object_id == str(discussion.pk)
    assert "strategy discussion" in event.summary


def test_child_without_an_open_referral_is_told_so_and_linked_back(child, social_worker, sign_in):
    page = sign_in(social_worker).get(url(child)).content.decode()
    assert "has no open referral" in page
    assert "The front door creates referrals" in page
    assert f'href="/children/{child.council_id}/"' in page
    assert "<form" not in page.split("<main")[1]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        pytest.param(
            {"rationale": ""}, ["Enter the rationale for the decision"], id="no-rationale"
        ),
        pytest.param(
            {"agencies": ["other"]}, ["Enter the other agencies present"], id="other-agency-unnamed"
        ),
        pytest.param(
            {"agencies": [], "outcome": ""},
            ["Select the agencies present", "Select the decision"],
            id="no-agencies-or-decision",
        ),
        pytest.param(
            date_fields("date", dt.date(2026, 1, 15)),
            ["The date of the strategy discussion must be today or in the past"],
            id="in-the-future",
        ),
        pytest.param(
            date_fields("date", dt.date(2025, 8, 31)),
            ["Strategy discussion date must be on or after the referral date"],
            id="before-the-referral",
        ),
    ],
)
def test_a_discussion_that_cannot_be_right_is_refused_naming_the_field_and_nothing_saved(
    child, referral, social_worker, sign_in, changes, messages
):
    html = error_page(sign_in(social_worker).post(url(child), form(**changes)))
    for message in messages:
        assert message in html
    assert not StrategyDiscussion.objects.exists()
    assert not AuditEvent.objects.filter(kind="create").exists()


def test_a_child_outside_scope_is_the_same_404_as_a_missing_child(
    child, referral, outsider, sign_in
):
    client = sign_in(outsider)
    assert_looks_missing(
        client, url(child), "/child-protection/children/NOSUCHCHILD/strategy-discussion/"
    )
    assert client.post(url(child), form()).status_code == 404
    assert not StrategyDiscussion.objects.exists()
    assert not AuditEvent.objects.filter(child=child).exists()


def test_an_iro_may_not_record_a_strategy_discussion(child, referral, iro, sign_in):
    client = sign_in(iro)
    assert client.get(url(child)).status_code == 404
    assert client.post(url(child), form()).status_code == 404
    assert not StrategyDiscussion.objects.exists()


def test_opening_the_form_is_on_the_audit_trail(child, referral, social_worker, sign_in):
    sign_in(social_worker).get(url(child))
    assert AuditEvent.objects.filter(kind="view", child=child).count() == 1
