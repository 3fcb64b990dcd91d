"""Child in need plans: managers start and end them; social workers record reviews and visits;
reviews are due 3 months after the start and then 3 months after each review."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.cin import services
from sightline.cin.models import CINPlan, CINPlanReview, CINVisit
from sightline.testing.helpers import (
    date_fields,
)
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales

from .factories import CINPlanReviewFactory

pytestmark = pytest.mark.django_db

REVIEW_KEY = "children_in_need.plan_review"


def review_items(child, today):
    return [i for i in child_timescales(child, today) if i.key == REVIEW_KEY]


# -- start and end ---------------------------------------------------------------------------


def test_a_manager_starts_a_child_in_need_plan_on_an_open_referral(tm, child, episode, sign_in):
    url = f"/children-in-need/referrals/{episode.pk}/plans/start/"
    client = sign_in(tm)
    assert client.get(url).status_code == 200
    response = client.post(url, date_fields("start_date", dt.date(2025, 9, 15)))
    plan = CINPlan.objects.get()
    assert response["Location"] == f"/children-in-need/plans/{plan.pk}/"
    assert (plan.child, plan.cin_episode, plan.start_date) == (child, episode, dt.date(2025, 9, 15))
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.CREATE, child=child, object_id=str(plan.pk)
    ).exists()


def test_a_social_worker_may_not_start_or_end_a_plan(sw, episode, plan, sign_in):
    client = sign_in(sw)
    start = f"/children-in-need/referrals/{episode.pk}/plans/start/"
    assert client.post(start, date_fields("start_date", dt.date(2025, 9, 15))).status_code == 404
    end = f"/children-in-need/plans/{plan.pk}/end/"
    assert client.post(end, date_fields("end_date", dt.date(2025, 9, 15))).status_code == 404
    plan.refresh_from_db()
    assert plan.end_date is None
    assert CINPlan.objects.count() == 1


def test_a_plan_starting_before_the_referral_is_refused_naming_the_field(tm, episode, sign_in):
    response = sign_in(tm).post(
        f"/children-in-need/referrals/{episode.pk}/plans/start/",
        date_fields("start_date", dt.date(2025, 1, 3)),
    )
    assert response.context["form"].errors["start_date"] == [
        "Start date must be on or after the referral date."
    ]
    assert not CINPlan.objects.exists()


def test_a_second_plan_cannot_start_while_one_is_open(tm, episode, plan, sign_in):
    response = sign_in(tm).post(
        f"/children-in-need/referrals/{episode.pk}/plans/start/",
        date_fields("start_date", dt.date(2025, 9, 15)),
    )
    assert response["Location"] == f"/children-in-need/plans/{plan.pk}/"
    assert CINPlan.objects.count() == 1
    with pytest.raises(ValidationError, match="already has a child in need plan"):
        services.start_plan(tm.user, episode, start_date=dt.date(2025, 9, 15))
    assert CINPlan.objects.count() == 1


def test_a_manager_ends_a_plan(tm, plan, sign_in):
    response = sign_in(tm).post(
        f"/children-in-need/plans/{plan.pk}/end/", date_fields("end_date", dt.date(2025, 9, 19))
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.end_date == dt.date(2025, 9, 19)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.CHANGE, object_id=str(plan.pk)).exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2025, 3, 2), "End date must be on or after the start date."),
        (dt.date(2025, 9, 23), "The plan end date must be today or in the past"),
        (
            dt.date(2025, 6, 1),
            "End date must be on or after the last review or visit (2 June 2025).",
        ),
    ],
)
def test_a_bad_end_date_is_refused_naming_the_field(tm, plan, sign_in, day, message):
    CINPlanReviewFactory(cin_plan=plan, date=dt.date(2025, 6, 2))
    response = sign_in(tm).post(
        f"/children-in-need/plans/{plan.pk}/end/", date_fields("end_date", day)
    )
    assert response.context["form"].errors["end_date"] == [message]
    plan.refresh_from_db()
    assert plan.end_date is None


# -- reviews ---------------------------------------------------------------------------------


# A review that is recorded: test_plans_and_packages.py, with a review of a package of care.


def test_a_review_before_the_plan_or_without_a_decision_is_refused(sw, plan, sign_in):
    client = sign_in(sw)
    url = f"/children-in-need/plans/{plan.pk}/reviews/new/"
    response = client.post(url, {**date_fields("date", dt.date(2025, 3, 1)), "summary": "Fine."})
    assert response.context["form"].errors["date"] == [
        "Review date must be on or after the plan start."
    ]
    response = client.post(url, {**date_fields("date", dt.date(2025, 6, 2)), "summary": ""})
    assert response.context["form"].errors["summary"] == ["Enter what the review decided"]
    assert not CINPlanReview.objects.exists()


def test_the_first_review_is_due_3_months_after_the_plan_starts(plan):
    [item] = review_items(plan.child, dt.date(2025, 5, 1))
    assert item.due == dt.date(2025, 6, 3)
    assert item.label == "Review 1"
    assert item.name == "Child in need plan review"
    assert item.url == f"/children-in-need/plans/{plan.pk}/"
    assert item.state is State.DUE


def test_later_reviews_are_due_3_months_after_the_last_one(plan):
    CINPlanReviewFactory(cin_plan=plan, date=dt.date(2025, 6, 10))
    first, second = sorted(review_items(plan.child, dt.date(2025, 9, 22)), key=lambda i: i.number)
    assert first.state is State.MET_LATE and first.met == dt.date(2025, 6, 10)
    assert second.due == dt.date(2025, 9, 10)
    assert second.state is State.OVERDUE


def test_an_ended_plan_has_no_review_falling_due_after_it_ended(plan):
    plan.end_date = dt.date(2025, 5, 30)
    plan.save()
    assert review_items(plan.child, dt.date(2025, 9, 22)) == []


def test_the_plan_page_shows_reviews_due_and_is_audited(sw, plan, sign_in):
    page = sign_in(sw).get(f"/children-in-need/plans/{plan.pk}/").content.decode()
    assert "3 June 2025" in page  # review 1 due
    assert "Overdue" in page
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.VIEW, child=plan.child, object_id=str(plan.pk)
    ).exists()


# -- visits ----------------------------------------------------------------------------------

# What a visit says besides its date: the form asks for what was observed at least.
NARRATIVE = {
    "announced": "yes",
    "observed": "You showed me the new ramp at the front door.",
    "child_words": "I can get to the park by myself now.",
    "analysis": "The adaptations are working.",
    "actions": "Review the short breaks in October.",
}


def test_a_visit_records_whether_the_child_was_seen_and_seen_alone(sw, plan, sign_in):
    client = sign_in(sw)
    response = client.post(
        f"/children-in-need/plans/{plan.pk}/visits/new/",
        {
            **date_fields("visit_date", dt.date(2025, 9, 19)),
            "seen": "yes",
            "seen_alone": "yes",
            **NARRATIVE,
        },
    )
    assert response.status_code == 302
    visit = CINVisit.objects.get()
    assert (visit.cin_plan, visit.visit_date, visit.seen, visit.seen_alone, visit.worker) == (
        plan,
        dt.date(2025, 9, 19),
        True,
        True,
        sw,
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CREATE, object_type="cin.CINVisit")
    assert "seen alone" in event.summary
    assert (visit.announced, visit.observed, visit.child_words) == (
        True,
        NARRATIVE["observed"],
        NARRATIVE["child_words"],
    )
    html = client.get(f"/children-in-need/plans/{plan.pk}/").content.decode()
    assert "What the visit on 19 September 2025 found" in html
    for said in ("I can get to the park by myself now.", "Review the short breaks in October."):
        assert said in html


def test_a_visit_with_nothing_observed_is_refused_and_nothing_saved(sw, plan, sign_in):
    response = sign_in(sw).post(
        f"/children-in-need/plans/{plan.pk}/visits/new/",
        {
            **date_fields("visit_date", dt.date(2025, 9, 19)),
            "seen": "yes",
            "seen_alone": "yes",
            **NARRATIVE,
            "observed": "",
        },
    )
    assert response.context["form"].errors["observed"] == [
        "Enter what happened and what you observed"
    ]
    assert not CINVisit.objects.exists()


@pytest.mark.parametrize(
    ("plan_end", "seen", "seen_alone", "field", "message"),
    [
        pytest.param(
            None,
            "no",
            "yes",
            "seen_alone",
            "A child seen alone must also be recorded as seen.",
            id="seen-alone-but-not-seen",
        ),
        pytest.param(
            dt.date(2025, 9, 1),
            "yes",
            "no",
            "visit_date",
            "Visit date must be on or before the plan end (1 September 2025).",
            id="after-the-plan-ended",
        ),
    ],
)
def test_a_visit_that_cannot_be_right_is_refused_naming_the_field(
    sw, plan, sign_in, plan_end, seen, seen_alone, field, message
):
    plan.end_date = plan_end
    plan.save()
    response = sign_in(sw).post(
        f"/children-in-need/plans/{plan.pk}/visits/new/",
        {
            **date_fields("visit_date", dt.date(2025, 9, 19)),
            "seen": seen,
            "seen_alone": seen_alone,
            **NARRATIVE,
        },
    )
    assert response.context["form"].errors[field] == [message]
    assert not CINVisit.objects.exists()


# -- scope -----------------------------------------------------------------------------------


# A plan's own pages: test_plans_and_packages.py, with a package's.


def test_starting_a_plan_on_a_referral_outside_scope_is_not_found(outsider, episode, sign_in):
    response = sign_in(outsider).get(f"/children-in-need/referrals/{episode.pk}/plans/start/")
    assert response.status_code == 404
