"""The outcome and the manager's authorisation that completes an assessment. The outcome takes
effect on authorisation: the referral closes (RC8, RC9), a child in need plan starts, or the
case is handed on to a strategy discussion or to care."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.assessments import services
from sightline.assessments.models import Assessment
from sightline.cin.models import CINPlan
from sightline.testing.helpers import date_fields
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales

from .factories import ChildSeenFactory, FactorFactory

pytestmark = pytest.mark.django_db


def outcome_url(assessment) -> str:
    return f"/assessments/{assessment.pk}/outcome/"


def authorise_url(assessment) -> str:
    return f"/assessments/{assessment.pk}/authorise/"


@pytest.fixture
def ready(assessment):
    """An assessment with the child seen, factors recorded and an outcome proposed."""
    ChildSeenFactory(assessment=assessment, date=dt.date(2025, 9, 5))
    FactorFactory(assessment=assessment, code="3B")
    assessment.outcome = Assessment.Outcome.NO_FURTHER_ACTION
    assessment.outcome_reasons = "Mother has moved with the children to her sister's."
    assessment.save()
    return assessment


def authorise(client, assessment, day: dt.date):
    return client.post(authorise_url(assessment), date_fields("authorised_date", day))


# -- outcome ---------------------------------------------------------------------------------


def test_the_worker_records_an_outcome_with_reasons_and_primary_need(sw, assessment, sign_in):
    response = sign_in(sw).post(
        outcome_url(assessment),
        {
            "outcome": "cin_plan",
            "outcome_reasons": "Support needed with the children's school attendance.",
            "primary_need": "N2",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assessment.cin_episode.refresh_from_db()
    assert assessment.outcome == Assessment.Outcome.CIN_PLAN
    assert assessment.cin_episode.primary_need == "N2"
    assert not assessment.is_authorised  # it takes effect only when a manager authorises
    assert not CINPlan.objects.exists()
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.ASSESSMENT_OUTCOME_RECORDED, summary__contains="outcome"
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"outcome": "cin_plan", "outcome_reasons": "Needs support.", "primary_need": ""},
            "primary_need",
            "Select the child's primary need: a child in need plan, a strategy discussion or "
            "care needs one.",
        ),
        (
            {"outcome": "early_help", "outcome_reasons": "", "primary_need": ""},
            "outcome_reasons",
            "Enter the reasons for the outcome",
        ),
        (
            {"outcome": "", "outcome_reasons": "Because.", "primary_need": ""},
            "outcome",
            "Select the outcome of the assessment",
        ),
    ],
)
def test_an_outcome_without_its_required_fields_is_refused_and_nothing_saved(
    sw, assessment, sign_in, data, field, message
):
    response = sign_in(sw).post(outcome_url(assessment), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assessment.refresh_from_db()
    assert assessment.outcome == ""
    assert assessment.cin_episode.primary_need == "N1"  # as the factory made it
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CHANGE).exists()


def test_the_outcome_page_offers_the_five_outcomes_as_labelled_radios(sw, assessment, sign_in):
    page = sign_in(sw).get(outcome_url(assessment)).content.decode()
    for label in (
        "Close: no further action (RC8)",
        "Close: referred to early help (RC9)",
        "Child in need plan",
        "Strategy discussion (child protection)",
        "Child to become looked after",
    ):
        assert f">{label}</label>" in page


# -- authorisation ---------------------------------------------------------------------------


def test_authorising_a_no_further_action_outcome_closes_the_referral_with_rc8(tm, ready, sign_in):
    response = authorise(sign_in(tm), ready, dt.date(2025, 9, 19))
    assert response.status_code == 302
    ready.refresh_from_db()
    episode = ready.cin_episode
    episode.refresh_from_db()
    assert (ready.authorised_date, ready.authorised_by) == (dt.date(2025, 9, 19), tm)
    assert (episode.closure_date, episode.closure_reason) == (dt.date(2025, 9, 19), "RC8")
    event = AuditEvent.objects.get(
        event_type=AuditEvent.Type.ASSESSMENT_AUTHORISED, child=ready.child
    )
    assert "Authorised" in event.summary and "RC8" in event.summary


def test_authorising_an_early_help_outcome_closes_the_referral_with_rc9(tm, ready, sign_in):
    ready.outcome = Assessment.Outcome.EARLY_HELP
    ready.save()
    authorise(sign_in(tm), ready, dt.date(2025, 9, 19))
    ready.cin_episode.refresh_from_db()
    assert ready.cin_episode.closure_reason == "RC9"
    assert ready.cin_episode.closure_date == dt.date(2025, 9, 19)


def test_authorising_a_child_in_need_plan_outcome_starts_the_plan_that_day(tm, ready, sign_in):
    ready.outcome = Assessment.Outcome.CIN_PLAN
    ready.save()
    client = sign_in(tm)
    authorise(client, ready, dt.date(2025, 9, 19))
    plan = CINPlan.objects.get()
    assert (plan.child, plan.cin_episode, plan.start_date, plan.end_date) == (
        ready.child,
        ready.cin_episode,
        dt.date(2025, 9, 19),
        None,
    )
    ready.cin_episode.refresh_from_db()
    assert ready.cin_episode.closure_date is None  # the referral stays open under the plan
    page = client.get(f"/assessments/{ready.pk}/").content.decode()
    assert "Started 19 September 2025" in page


@pytest.mark.parametrize("outcome", ["strategy_discussion", "care"])
def test_a_hand_off_outcome_is_set_and_the_referral_stays_open(tm, ready, sign_in, outcome):
    ready.outcome = outcome
    ready.save()
    client = sign_in(tm)
    authorise(client, ready, dt.date(2025, 9, 19))
    ready.refresh_from_db()
    ready.cin_episode.refresh_from_db()
    assert ready.is_authorised and ready.outcome == outcome
    assert ready.cin_episode.closure_date is None
    assert not CINPlan.objects.exists()
    page = client.get(f"/assessments/{ready.pk}/").content.decode()
    assert f"/children/{ready.child.council_id}/" in page  # where the next step is recorded


def test_authorisation_meets_the_45_working_day_timescale(tm, ready, sign_in):
    authorise(sign_in(tm), ready, dt.date(2025, 9, 19))
    [item] = [i for i in child_timescales(ready.child) if i.key == "assessment.completion"]
    assert item.met == dt.date(2025, 9, 19)
    assert item.state is State.MET_ON_TIME


def test_authorisation_is_refused_until_the_child_has_been_seen(tm, assessment, sign_in):
    FactorFactory(assessment=assessment)
    assessment.outcome, assessment.outcome_reasons = "early_help", "Family agree to support."
    assessment.save()
    response = authorise(sign_in(tm), assessment, dt.date(2025, 9, 19))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The child has not been seen during this assessment: record the date the child was "
        "seen before authorising it."
    ]
    assessment.refresh_from_db()
    assessment.cin_episode.refresh_from_db()
    assert assessment.authorised_date is None
    assert assessment.cin_episode.closure_date is None
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CHANGE).exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2025, 9, 2), "Authorisation date must be on or after the assessment start date."),
        (dt.date(2025, 9, 23), "The authorisation date must be today or in the past"),
        (
            dt.date(2025, 9, 4),
            "Authorisation date must be on or after the first date the child was seen "
            "(5 September 2025).",
        ),
    ],
)
def test_a_bad_authorisation_date_is_refused_naming_the_field_and_nothing_saved(
    tm, ready, sign_in, day, message
):
    response = authorise(sign_in(tm), ready, day)
    assert response.status_code == 200
    assert response.context["form"].errors["authorised_date"] == [message]
    ready.refresh_from_db()
    ready.cin_episode.refresh_from_db()
    assert ready.authorised_date is None
    assert ready.cin_episode.closure_date is None


def test_authorisation_needs_an_outcome_and_factors(tm, assessment):
    ChildSeenFactory(assessment=assessment)
    with pytest.raises(ValidationError, match="Record the outcome"):
        services.authorise_assessment(tm.user, assessment, date=dt.date(2025, 9, 19))
    assessment.outcome, assessment.outcome_reasons = "early_help", "Family agree to support."
    assessment.save()
    with pytest.raises(ValidationError, match="Record the factors"):
        services.authorise_assessment(tm.user, assessment, date=dt.date(2025, 9, 19))
    assessment.refresh_from_db()
    assert assessment.authorised_date is None


def test_only_a_manager_may_authorise(sw, ready, sign_in):
    client = sign_in(sw)
    assert client.get(authorise_url(ready)).status_code == 404
    assert authorise(client, ready, dt.date(2025, 9, 19)).status_code == 404
    ready.refresh_from_db()
    assert ready.authorised_date is None


def test_an_authorised_assessment_can_no_longer_be_changed(tm, sw, ready, sign_in):
    authorise(sign_in(tm), ready, dt.date(2025, 9, 19))
    client = sign_in(sw)
    response = client.post(
        f"/assessments/{ready.pk}/child-seen/",
        {**date_fields("date", dt.date(2025, 9, 20)), "seen_alone": "no"},
    )
    assert response.status_code == 302
    assert ready.seen.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "it can no longer be changed" in page
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.set_factors(sw.user, ready, ["1A"])
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.authorise_assessment(tm.user, ready, date=dt.date(2025, 9, 22))


def test_a_referral_with_a_child_in_need_plan_cannot_close_after_assessment(sw, tm, ready, sign_in):
    plan = CINPlan.objects.create(
        child=ready.child, cin_episode=ready.cin_episode, start_date=dt.date(2025, 9, 10)
    )
    response = sign_in(sw).post(
        outcome_url(ready),
        {"outcome": "no_further_action", "outcome_reasons": "All well.", "primary_need": "N1"},
    )
    assert response.context["form"].errors["outcome"] == [
        "This referral has had a child in need plan, so it cannot close after assessment with "
        "no further action (RC8) or a referral to early help (RC9)."
    ]
    # An outcome recorded before the plan started is checked again when it is authorised.
    assert authorise(sign_in(tm), ready, dt.date(2025, 9, 19)).status_code == 200
    ready.refresh_from_db()
    ready.cin_episode.refresh_from_db()
    assert ready.authorised_date is None
    assert ready.cin_episode.closure_date is None
    assert CINPlan.objects.get() == plan
