"""The child protection plan page and everything recorded on a plan."""

import datetime as dt

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.protection import services
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    CoreGroupMeeting,
    FamilyGroupConference,
    OutcomeProgress,
    PlanOutcome,
    PreProceedings,
)
from sightline.testing.factories import PlanFactory
from sightline.testing.helpers import assert_looks_missing, date_fields, error_page
from sightline.timescales import declarations

from .factories import OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(referral):
    # Initial conference and plan start on Friday 19 September 2025.
    return PlanFactory(icpc__section47__strategy_discussion__cin_episode=referral)


def plan_url(plan, rest: str = "") -> str:
    return f"/child-protection/plans/{plan.pk}/{rest}"


def section(html: str, heading: str) -> str:
    """The page from one h2 to the next."""
    return html.split(f">{heading}</h2>")[1].split("<h2")[0]


# -- the plan page ------------------------------------------------------------------------------


def test_plan_page_shows_due_dates_from_the_engine_and_is_audited(plan, social_worker, sign_in):
    html = sign_in(social_worker).get(plan_url(plan)).content.decode()
    core = section(html, "Core groups")
    assert "Due 3 October 2025" in core  # 10 working days from the conference
    assert "Overdue" in core
    reviews = section(html, "Review conferences")
    assert "Due 19 December 2025" in reviews  # 3 months from the conference
    visits = section(html, "Visits")
    assert "Every 10 working days" in visits
    assert "Due 3 October 2025" in visits
    assert AuditEvent.objects.filter(kind="view", child=plan.child, object_id=str(plan.pk)).exists()


def test_first_core_group_within_10_working_days_shows_met_on_time(plan, social_worker, sign_in):
    client = sign_in(social_worker)
    response = client.post(
        plan_url(plan, "core-groups/new/"), date_fields("date", dt.date(2025, 10, 1))
    )
    assert response.status_code == 302
    assert CoreGroupMeeting.objects.get().cp_plan == plan
    core = section(client.get(plan_url(plan)).content.decode(), "Core groups")
    assert "Met 1 October 2025 (due 3 October 2025)" in core
    assert "Met on time" in core


def test_core_group_before_the_plan_is_refused_and_nothing_saved(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "core-groups/new/"), date_fields("date", dt.date(2025, 9, 18))
    )
    assert "must be on or after the plan start date" in response.content.decode()
    assert not CoreGroupMeeting.objects.exists()


def test_visit_frequency_is_the_councils_local_setting(plan, social_worker, sign_in):
    declarations.set_local_timescale(
        "child_protection.visits", "15 wd", None, "Local safeguarding procedures 2026"
    )
    try:
        html = sign_in(social_worker).get(plan_url(plan)).content.decode()
    finally:
        declarations.clear_cache()
    visits = section(html, "Visits")
    assert "Every 15 working days" in visits
    assert "Due 10 October 2025" in visits


def test_plan_outside_scope_is_the_same_404_as_a_missing_plan(plan, outsider, sign_in):
    client = sign_in(outsider)
    assert_looks_missing(client, plan_url(plan), "/child-protection/plans/999999/")
    for rest in ("outcomes/new/", "reviews/new/", "visits/new/", "end/", "extended-family/"):
        assert client.get(plan_url(plan, rest)).status_code == 404, rest
        assert client.post(plan_url(plan, rest), {}).status_code == 404, rest
    assert not AuditEvent.objects.filter(child=plan.child).exists()


def test_senior_leader_reads_the_plan_without_recording_links(plan, senior_leader, sign_in):
    client = sign_in(senior_leader)
    html = client.get(plan_url(plan)).content.decode()
    assert "Record a visit" not in html and "Record a review conference" not in html
    assert client.get(plan_url(plan, "visits/new/")).status_code == 404


# -- outcomes -----------------------------------------------------------------------------------


def outcome_form(**changes) -> dict:
    """A measurable outcome as the form posts it: what must change, how it will be measured, by
    when and who is responsible; `changes` replace any of them."""
    return {
        "what_must_change": "Sam is not left alone overnight.",
        "how_measured": "Unannounced evening visits find an adult at home every time.",
        **date_fields("by_when", dt.date(2026, 4, 30)),
        "responsible": "Mother, supported by the family support worker",
        **changes,
    }


def test_outcome_is_added_as_a_measurable_target(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(plan_url(plan, "outcomes/new/"), outcome_form())
    assert response.status_code == 302
    outcome = PlanOutcome.objects.get()
    assert outcome.cp_plan == plan and outcome.by_when == dt.date(2026, 4, 30)
    assert AuditEvent.objects.filter(kind="create", object_id=str(outcome.pk)).exists()


def test_outcome_without_its_measure_is_refused_and_nothing_saved(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "outcomes/new/"),
        outcome_form(what_must_change="Sam is safe.", how_measured="", responsible=""),
    )
    html = response.content.decode()
    assert "Enter how it will be measured" in html
    assert "Enter who is responsible" in html
    assert not PlanOutcome.objects.exists()


# -- review conferences -------------------------------------------------------------------------


def review_form(outcomes, **changes) -> dict:
    data = {
        **date_fields("date", dt.date(2025, 12, 15)),
        "plan_continues": "yes",
        "end_reason": "",
        "latest_category": "EMO",
    }
    for outcome in outcomes:
        data[f"rating_{outcome.pk}"] = "some"
        data[f"comment_{outcome.pk}"] = "Attendance up to 91%."
    data.update(changes)
    return data


def review_is_refused(client, plan, form: dict, message: str) -> None:
    """Posting the review form is refused with `message`, and neither the review nor any rating
    of an outcome is saved."""
    html = error_page(client.post(plan_url(plan, "reviews/new/"), form))
    assert message in html
    assert not ChildProtectionReview.objects.exists()
    assert not OutcomeProgress.objects.exists()


def test_review_without_a_measurable_outcome_is_refused_and_nothing_saved(
    plan, social_worker, sign_in
):
    client = sign_in(social_worker)
    assert (
        "This plan has no measurable outcomes"
        in client.get(plan_url(plan, "reviews/new/")).content.decode()
    )
    response = client.post(plan_url(plan, "reviews/new/"), review_form([]))
    html = error_page(response)
    assert "A plan cannot be saved for review without at least one measurable outcome" in html
    assert "what must change, how it will be measured, by when and who is responsible" in html
    assert not ChildProtectionReview.objects.exists()
    plan.refresh_from_db()
    assert plan.latest_category == "NEG"
    assert not AuditEvent.objects.filter(kind="create").exists()


def test_review_rates_every_outcome_and_updates_the_plan_together(plan, social_worker, sign_in):
    first = OutcomeFactory(cp_plan=plan)
    second = OutcomeFactory(cp_plan=plan, what_must_change="Sam sees a dentist.")
    client = sign_in(social_worker)
    form = review_form([first, second], **{f"rating_{second.pk}": "achieved"})
    response = client.post(plan_url(plan, "reviews/new/"), form)
    assert response.status_code == 302
    review = ChildProtectionReview.objects.get()
    assert (review.date, review.plan_continues, review.latest_category) == (
        dt.date(2025, 12, 15),
        True,
        "EMO",
    )
    ratings = {p.outcome_id: p.rating for p in OutcomeProgress.objects.filter(review=review)}
    assert ratings == {first.pk: "some", second.pk: "achieved"}
    plan.refresh_from_db()
    assert plan.latest_category == "EMO" and plan.end_date is None
    html = client.get(plan_url(plan)).content.decode()
    assert "Due 15 June 2026" in section(html, "Review conferences")  # then 6-monthly
    assert "Achieved at the review on 15 December 2025" in html
    assert AuditEvent.objects.filter(kind="create", object_id=str(review.pk)).exists()


def test_review_missing_a_rating_is_refused_naming_the_outcome_and_nothing_saved(
    plan, social_worker, sign_in
):
    first = OutcomeFactory(cp_plan=plan)
    second = OutcomeFactory(cp_plan=plan)
    form = review_form([first, second], **{f"rating_{second.pk}": ""})
    review_is_refused(sign_in(social_worker), plan, form, "Select the progress on outcome 2")


def test_review_before_the_plan_started_is_refused_and_nothing_saved(plan, social_worker, sign_in):
    outcome = OutcomeFactory(cp_plan=plan)
    form = review_form([outcome], **date_fields("date", dt.date(2025, 9, 18)))
    message = "Review date must be on or after the plan start date"
    review_is_refused(sign_in(social_worker), plan, form, message)


def test_review_that_ends_the_plan_ends_it_on_the_review_date(plan, iro, sign_in):
    outcome = OutcomeFactory(cp_plan=plan)
    form = review_form([outcome], plan_continues="no", end_reason="child_in_need")
    response = sign_in(iro).post(plan_url(plan, "reviews/new/"), form)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason) == (dt.date(2025, 12, 15), "child_in_need")
    assert ChildProtectionReview.objects.get().plan_continues is False


def test_review_ending_the_plan_without_a_reason_is_refused(plan, social_worker, sign_in):
    outcome = OutcomeFactory(cp_plan=plan)
    form = review_form([outcome], plan_continues="no")
    response = sign_in(social_worker).post(plan_url(plan, "reviews/new/"), form)
    assert "Select why the plan ends" in response.content.decode()
    assert not ChildProtectionReview.objects.exists()
    plan.refresh_from_db()
    assert plan.end_date is None


# -- visits -------------------------------------------------------------------------------------


def visit_form(**changes) -> dict:
    data = {
        **date_fields("visit_date", dt.date(2025, 10, 1)),
        "seen": "yes",
        "seen_alone": "yes",
        "announced": "no",
        "observed": "The home was warm; you were eating breakfast when I arrived.",
        "child_words": "Dad doesn't shout any more.",
        "analysis": "The plan is making a difference at home.",
        "actions": "",
    }
    data.update(changes)
    return data


def test_visit_is_recorded_with_the_worker_and_moves_the_next_due_date(
    plan, social_worker, sign_in
):
    client = sign_in(social_worker)
    assert client.post(plan_url(plan, "visits/new/"), visit_form()).status_code == 302
    visit = ChildProtectionVisit.objects.get()
    assert (visit.seen, visit.seen_alone, visit.worker) == (True, True, social_worker)
    visits = section(client.get(plan_url(plan)).content.decode(), "Visits")
    assert "Due 15 October 2025" in visits  # 10 working days after the visit


def test_a_visit_is_evidence_of_what_was_seen_and_said_not_only_a_date(
    plan, social_worker, sign_in
):
    client = sign_in(social_worker)
    client.post(plan_url(plan, "visits/new/"), visit_form())
    visit = ChildProtectionVisit.objects.get()
    assert (visit.announced, visit.child_words, visit.actions) == (
        False,
        "Dad doesn't shout any more.",
        "",
    )
    visits = section(client.get(plan_url(plan)).content.decode(), "Visits")
    assert "What the visit on 1 October 2025 found" in visits
    assert "No: unannounced" in visits
    assert "Dad doesn&#x27;t shout any more." in visits
    assert "The plan is making a difference at home." in visits


def test_a_visit_with_nothing_observed_is_refused_naming_the_field(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(plan_url(plan, "visits/new/"), visit_form(observed=""))
    assert response.context["form"].errors["observed"] == [
        "Enter what happened and what you observed"
    ]
    assert not ChildProtectionVisit.objects.exists()


def test_visit_before_the_plan_started_is_refused_and_nothing_saved(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "visits/new/"), visit_form(**date_fields("visit_date", dt.date(2025, 9, 1)))
    )
    assert "Visit date must be on or after the plan start date (19/09/2025)" in (
        response.content.decode()
    )
    assert not ChildProtectionVisit.objects.exists()


def test_seen_alone_but_not_seen_is_refused_naming_the_field(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "visits/new/"), visit_form(seen="no", seen_alone="yes")
    )
    html = response.content.decode()
    assert "A child seen alone must also be recorded as seen" in html
    assert 'id="id_seen_alone_error"' in html
    assert not ChildProtectionVisit.objects.exists()


def test_visit_in_the_future_is_refused(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "visits/new/"), visit_form(**date_fields("visit_date", dt.date(2026, 2, 2)))
    )
    assert "The date of the visit must be today or in the past" in response.content.decode()
    assert not ChildProtectionVisit.objects.exists()


def test_an_iro_records_reviews_but_not_visits(plan, iro, sign_in):
    assert sign_in(iro).post(plan_url(plan, "visits/new/"), visit_form()).status_code == 404
    assert not ChildProtectionVisit.objects.exists()


# -- family group conference, extended family, pre-proceedings ---------------------------------


def test_family_group_conference_offered_then_accepted_and_held(plan, social_worker, sign_in):
    client = sign_in(social_worker)
    html = client.get(plan_url(plan)).content.decode()
    assert "No family group conference has been offered under this plan" in html
    client.post(
        plan_url(plan, "family-group-conferences/new/"),
        {**date_fields("offered_date", dt.date(2025, 9, 25)), "response": ""},
    )
    fgc = FamilyGroupConference.objects.get()
    assert (fgc.cp_plan, fgc.status) == (plan, "Offered")
    response = client.post(
        plan_url(plan, f"family-group-conferences/{fgc.pk}/"),
        {
            **date_fields("offered_date", dt.date(2025, 9, 25)),
            "response": "accepted",
            **date_fields("response_date", dt.date(2025, 9, 29)),
            **date_fields("held_date", dt.date(2025, 10, 20)),
        },
    )
    assert response.status_code == 302
    fgc.refresh_from_db()
    assert (fgc.response, fgc.held_date) == ("accepted", dt.date(2025, 10, 20))
    assert FamilyGroupConference.objects.count() == 1
    offer, update = AuditEvent.objects.filter(object_id=str(fgc.pk), kind="create").order_by("pk")
    assert offer.event_type == update.event_type == EventType.FGC_RECORDED
    assert (offer.detail, update.detail) == ({"updated": False}, {"updated": True})
    assert update.summary == "Recorded a family group conference: held"


def test_conference_held_after_being_declined_is_refused(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "family-group-conferences/new/"),
        {
            **date_fields("offered_date", dt.date(2025, 9, 25)),
            "response": "declined",
            **date_fields("response_date", dt.date(2025, 9, 29)),
            **date_fields("held_date", dt.date(2025, 10, 20)),
        },
    )
    assert "A conference that was held must have been accepted" in response.content.decode()
    assert not FamilyGroupConference.objects.exists()


def test_extended_family_considered_is_recorded_on_the_plan(plan, social_worker, sign_in):
    client = sign_in(social_worker)
    response = client.post(
        plan_url(plan, "extended-family/"),
        {
            "extended_family_considered": "yes",
            **date_fields("extended_family_considered_date", dt.date(2025, 10, 2)),
            "extended_family_notes": "Maternal grandmother assessed as a safe carer at weekends.",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.extended_family_considered is True
    assert plan.extended_family_considered_date == dt.date(2025, 10, 2)
    assert "Maternal grandmother" in client.get(plan_url(plan)).content.decode()


def test_extended_family_considered_without_a_date_is_refused(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "extended-family/"), {"extended_family_considered": "yes"}
    )
    assert "Enter the date extended family was considered" in response.content.decode()
    plan.refresh_from_db()
    assert plan.extended_family_considered is None


def test_escalation_to_pre_proceedings_and_its_outcome(plan, manager, sign_in):
    client = sign_in(manager)
    client.post(
        plan_url(plan, "pre-proceedings/new/"),
        date_fields("legal_planning_meeting_date", dt.date(2025, 11, 3)),
    )
    proceedings = PreProceedings.objects.get()
    assert proceedings.cp_plan == plan and proceedings.outcome == ""
    response = client.post(
        plan_url(plan, f"pre-proceedings/{proceedings.pk}/"),
        {
            **date_fields("legal_planning_meeting_date", dt.date(2025, 11, 3)),
            **date_fields("plo_letter_date", dt.date(2025, 11, 10)),
            "outcome": "diverted",
            **date_fields("outcome_date", dt.date(2026, 1, 9)),
        },
    )
    assert response.status_code == 302
    proceedings.refresh_from_db()
    assert (proceedings.plo_letter_date, proceedings.outcome) == (dt.date(2025, 11, 10), "diverted")


def test_plo_letter_before_the_legal_planning_meeting_is_refused(plan, manager, sign_in):
    response = sign_in(manager).post(
        plan_url(plan, "pre-proceedings/new/"),
        {
            **date_fields("legal_planning_meeting_date", dt.date(2025, 11, 3)),
            **date_fields("plo_letter_date", dt.date(2025, 11, 1)),
        },
    )
    assert "PLO letter date must be on or after the legal planning meeting date" in (
        response.content.decode()
    )
    assert not PreProceedings.objects.exists()


# -- ending the plan ----------------------------------------------------------------------------


def test_plan_ends_with_its_reason_and_date(plan, social_worker, sign_in):
    client = sign_in(social_worker)
    response = client.post(
        plan_url(plan, "end/"),
        {**date_fields("end_date", dt.date(2026, 1, 9)), "end_reason": "moved_away"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason) == (dt.date(2026, 1, 9), "moved_away")
    assert AuditEvent.objects.filter(kind="change", object_id=str(plan.pk)).exists()
    # An ended plan takes no more outcomes or reviews.
    assert "The plan has ended" in client.get(plan_url(plan, "reviews/new/")).content.decode()


def test_plan_end_before_its_start_is_refused_and_nothing_saved(plan, social_worker, sign_in):
    response = sign_in(social_worker).post(
        plan_url(plan, "end/"),
        {**date_fields("end_date", dt.date(2025, 9, 1)), "end_reason": "moved_away"},
    )
    assert "Plan end date must be on or after the plan start date" in response.content.decode()
    assert ChildProtectionPlan.objects.get().end_date is None


def test_services_refuse_a_user_outside_scope_even_when_called_directly(plan, outsider):
    with pytest.raises(Forbidden):
        services.record_visit(
            outsider.user, plan, visit_date=dt.date(2025, 10, 1), seen=True, seen_alone=False
        )
    assert not ChildProtectionVisit.objects.exists()
