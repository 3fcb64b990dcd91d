"""Child protection links on the child's record: only what the user's role may do."""

import pytest

from sightline.protection.child_actions import actions
from sightline.testing.factories import (
    PlanFactory,
    Section47EnquiryFactory,
    StrategyDiscussionFactory,
)

pytestmark = pytest.mark.django_db


def labels(child, worker) -> list[str]:
    return [a.label for a in actions(child, worker.user)]


def test_social_worker_with_an_open_referral_may_record_a_strategy_discussion(
    child, referral, social_worker
):
    assert labels(child, social_worker) == ["Record a strategy discussion"]


def test_no_strategy_discussion_link_without_an_open_referral(child, social_worker):
    assert labels(child, social_worker) == []


def test_each_step_offers_the_next(child, referral, social_worker, iro):
    discussion = StrategyDiscussionFactory(cin_episode=referral)
    assert "Start section 47 enquiry" in labels(child, social_worker)
    Section47EnquiryFactory(strategy_discussion=discussion)
    mine = labels(child, social_worker)
    assert "Start section 47 enquiry" not in mine
    assert {"Record initial conference", "End section 47 enquiry"} <= set(mine)
    theirs = labels(child, iro)
    assert "Record initial conference" in theirs
    assert "End section 47 enquiry" not in theirs


def test_open_plan_links_follow_the_role(child, referral, social_worker, iro, senior_leader):
    plan = PlanFactory(icpc__section47__strategy_discussion__cin_episode=referral)
    plan_url = f"/child-protection/plans/{plan.pk}/"
    worker = {a.label: a.url for a in actions(child, social_worker.user)}
    assert worker["Open child protection plan"] == plan_url
    assert {"Record a visit", "Record a review conference", "Record a core group meeting"} <= set(
        worker
    )
    chair = labels(child, iro)
    assert "Record a review conference" in chair and "Record a visit" not in chair
    leader = labels(child, senior_leader)
    assert "Open child protection plan" in leader
    assert not [label for label in leader if label.startswith(("Record", "Start", "End"))]


def test_links_appear_on_the_childs_record(child, referral, social_worker, sign_in):
    html = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert "Child protection</h2>" in html
    assert f'href="/child-protection/children/{child.council_id}/strategy-discussion/"' in html
