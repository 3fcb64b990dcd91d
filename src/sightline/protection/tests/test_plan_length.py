"""Alerts at 15, 18 and 24 months on a plan: on the plan page and among the child's timescales."""

import datetime as dt

import pytest

from sightline.testing.factories import CINEpisodeFactory, PlanFactory
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales

from .conftest import TODAY

pytestmark = pytest.mark.django_db
KEY = "child_protection.plan_duration_alert"


def plan_from(child, start: dt.date, **extra):
    episode = CINEpisodeFactory(child=child, referral_date=start - dt.timedelta(days=20))
    return PlanFactory(
        icpc__section47__strategy_discussion__cin_episode=episode,
        icpc__section47__strategy_discussion__date=start - dt.timedelta(days=14),
        icpc__date=start,
        **extra,
    )


def length_items(child):
    return [i for i in child_timescales(child, TODAY) if i.key == KEY]


def test_a_plan_past_15_months_alerts_once_and_links_to_the_plan(child):
    plan = plan_from(child, dt.date(2024, 9, 19))  # 15 months on 19 December 2025
    [item] = length_items(child)
    assert item.label == "15 months on the plan"
    assert item.due == dt.date(2025, 12, 19)
    assert item.state is State.OVERDUE and item.is_open
    assert item.url == f"/child-protection/plans/{plan.pk}/"
    assert item.subject == "Child protection plan from 19 September 2024"


def test_each_milestone_reached_is_its_own_item(child):
    plan_from(child, dt.date(2023, 12, 1))
    items = length_items(child)
    assert sorted(i.label for i in items) == [
        "15 months on the plan",
        "18 months on the plan",
        "24 months on the plan",
    ]


def test_a_plan_reaching_a_milestone_today_is_due_soon(child):
    plan_from(child, dt.date(2024, 10, 14))
    [item] = length_items(child)
    assert item.due == TODAY and item.state is State.DUE_SOON


def test_a_younger_plan_and_an_ended_plan_do_not_alert(child):
    plan_from(child, dt.date(2025, 1, 14))  # 12 months
    plan_from(
        child, dt.date(2022, 6, 1), end_date=dt.date(2025, 6, 1), end_reason="no_longer_needed"
    )
    assert length_items(child) == []


def test_plan_page_warns_past_the_highest_milestone(child, social_worker, sign_in):
    plan = plan_from(child, dt.date(2024, 6, 3))  # 19 months
    html = sign_in(social_worker).get(f"/child-protection/plans/{plan.pk}/").content.decode()
    assert "govuk-warning-text" in html
    assert "on this plan for 19 months: past the 18 months point" in html


def test_plan_page_of_a_recent_plan_has_no_length_warning(child, social_worker, sign_in):
    plan = plan_from(child, dt.date(2025, 9, 19))
    html = sign_in(social_worker).get(f"/child-protection/plans/{plan.pk}/").content.decode()
    assert "past the" not in html


def test_the_alert_shows_on_the_childs_record(child, social_worker, sign_in):
    plan_from(child, dt.date(2024, 9, 19))
    html = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert "Child protection plan length" in html
    assert "15 months on the plan" in html
