"""The initial child protection conference: due dates, the decision and the plan it makes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.protection.models import ChildProtectionPlan, InitialChildProtectionConference
from sightline.testing.factories import PlanFactory, Section47EnquiryFactory
from sightline.testing.helpers import date_fields, error_page

from .factories import record_conference_making_a_plan

pytestmark = pytest.mark.django_db


def url(enquiry) -> str:
    return f"/child-protection/section-47/{enquiry.pk}/initial-conference/"


def form(**changes) -> dict:
    data = {
        **date_fields("date", dt.date(2026, 1, 12)),
        "chair": "Morgan Ellis",
        "plan_made": "yes",
        "category": "PHY",
    }
    data.update(changes)
    return data


@pytest.fixture
def enquiry(referral):
    # Strategy discussion on Thursday 18 December 2025, the enquiry from Monday 22 December:
    # Christmas Day, Boxing Day and New Year's Day fall inside both counts.
    return Section47EnquiryFactory(
        strategy_discussion__cin_episode=referral,
        strategy_discussion__date=dt.date(2025, 12, 18),
        start_date=dt.date(2025, 12, 22),
    )


def test_page_shows_due_dates_from_the_strategy_discussion_and_the_s47_start(
    enquiry, social_worker, sign_in
):
    html = sign_in(social_worker).get(url(enquiry)).content.decode()
    from_discussion, from_start = html.split("Conference due")[1:3]
    assert "from the strategy discussion" in from_discussion
    assert "Due 13 January 2026" in from_discussion  # 15 working days, bank holidays skipped
    assert "Overdue" in from_discussion
    assert "from the section 47 start (dfe measure)" in from_start
    assert "Due 15 January 2026" in from_start
    assert "Due soon" in from_start


def test_plan_made_creates_the_plan_from_the_conference_date(enquiry, social_worker, sign_in):
    response = sign_in(social_worker).post(url(enquiry), form())
    conference = InitialChildProtectionConference.objects.get()
    plan = ChildProtectionPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/child-protection/plans/{plan.pk}/"
    assert conference.section47 == enquiry and conference.plan_made
    assert conference.chair == "Morgan Ellis"
    assert plan.icpc == conference
    assert plan.start_date == dt.date(2026, 1, 12)
    assert (plan.initial_category, plan.latest_category) == ("PHY", "PHY")
    assert plan.cin_episode == enquiry.cin_episode
    event = AuditEvent.objects.get(kind="create", object_id=str(conference.pk))
    assert event.detail == {"cp_plan": plan.pk}


def test_earlier_plans_held_elsewhere_are_kept_on_the_plan_and_shown(
    enquiry, social_worker, sign_in
):
    client = sign_in(social_worker)
    client.post(url(enquiry), form(previous_plans_elsewhere="2"))
    plan = ChildProtectionPlan.objects.get()
    assert plan.previous_plans_elsewhere == 2
    page = client.get(f"/child-protection/plans/{plan.pk}/").content.decode()
    assert "Earlier plans not held in Sightline" in page


def test_a_blank_count_of_earlier_plans_means_none(enquiry, social_worker, sign_in):
    sign_in(social_worker).post(url(enquiry), form())
    assert ChildProtectionPlan.objects.get().previous_plans_elsewhere == 0


@pytest.mark.parametrize(
    "typed,message",
    [
        ("two", "Enter the number of earlier plans as a whole number, like 2"),
        ("-1", "The number of earlier plans must be 0 or more"),
        ("51", "The number of earlier plans must be 50 or fewer"),
    ],
)
def test_a_bad_count_of_earlier_plans_is_refused_and_nothing_saved(
    enquiry, social_worker, sign_in, typed, message
):
    response = sign_in(social_worker).post(url(enquiry), form(previous_plans_elsewhere=typed))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InitialChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_no_plan_decision_records_the_conference_alone(enquiry, social_worker, sign_in):
    response = sign_in(social_worker).post(url(enquiry), form(plan_made="no", category=""))
    assert response.status_code == 302
    assert InitialChildProtectionConference.objects.get().plan_made is False
    assert not ChildProtectionPlan.objects.exists()


def test_conference_before_the_strategy_discussion_is_refused_naming_the_field(
    enquiry, social_worker, sign_in
):
    response = sign_in(social_worker).post(
        url(enquiry), form(**date_fields("date", dt.date(2025, 12, 17)))
    )
    html = error_page(response)
    assert "Conference date must be on or after the strategy discussion" in html
    assert 'id="id_date_error"' in html
    assert not InitialChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_plan_without_a_category_is_refused_and_neither_record_is_saved(
    enquiry, social_worker, sign_in
):
    response = sign_in(social_worker).post(url(enquiry), form(category=""))
    assert "Select the category of abuse" in response.content.decode()
    assert not InitialChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_a_plan_that_fails_its_own_checks_leaves_no_conference_behind(enquiry, social_worker):
    # The plan's category is checked by the model after the conference is saved: the whole
    # transaction rolls back. (The form refuses such a code before the service is reached.)
    with pytest.raises(ValidationError) as refused:
        record_conference_making_a_plan(
            social_worker.user, enquiry, date=dt.date(2026, 1, 12), category="XXX"
        )
    assert "initial_category" in refused.value.message_dict
    assert not InitialChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()
    assert not AuditEvent.objects.filter(kind="create").exists()


def test_a_second_open_plan_is_refused(enquiry, child, social_worker, sign_in):
    PlanFactory(icpc__section47__strategy_discussion__cin_episode=enquiry.cin_episode)
    response = sign_in(social_worker).post(url(enquiry), form())
    assert "already has an open child protection plan" in response.content.decode()
    assert ChildProtectionPlan.objects.count() == 1


def test_future_conference_date_is_refused(enquiry, social_worker, sign_in):
    response = sign_in(social_worker).post(
        url(enquiry), form(**date_fields("date", dt.date(2026, 1, 20)))
    )
    assert "The date of the initial conference must be today or in the past" in (
        response.content.decode()
    )
    assert not InitialChildProtectionConference.objects.exists()


def test_the_iro_who_chairs_may_record_the_conference(enquiry, iro, sign_in):
    response = sign_in(iro).post(url(enquiry), form())
    assert response.status_code == 302
    assert ChildProtectionPlan.objects.exists()


def test_a_senior_leader_may_read_but_not_record_a_conference(enquiry, senior_leader, sign_in):
    client = sign_in(senior_leader)
    assert client.get(url(enquiry)).status_code == 404
    assert client.post(url(enquiry), form()).status_code == 404
    assert not InitialChildProtectionConference.objects.exists()
    overview = client.get(f"/child-protection/children/{enquiry.child.council_id}/")
    assert overview.status_code == 200
    assert "Record initial conference" not in overview.content.decode()


def test_conference_outside_scope_is_404(enquiry, outsider, sign_in):
    assert sign_in(outsider).get(url(enquiry)).status_code == 404
