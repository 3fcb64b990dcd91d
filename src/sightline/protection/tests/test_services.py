"""The child protection services called directly, as a command or an import would: each step
is its own type of event on the audit trail, and a step that may be taken only once is checked
with its parent record locked, so two people recording at once cannot both take it."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.protection import services
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    StrategyDiscussion,
)
from sightline.testing.factories import (
    PlanFactory,
    Section47EnquiryFactory,
    StrategyDiscussionFactory,
)

from .factories import OutcomeFactory, record_conference_making_a_plan

pytestmark = pytest.mark.django_db


def test_each_step_from_strategy_discussion_to_the_plans_end_is_its_own_event(
    child, referral, social_worker, iro
):
    worker = social_worker.user
    discussion = services.record_strategy_discussion(
        worker,
        referral,
        date=dt.date(2025, 9, 2),
        agencies=["police", "social_care"],
        outcome="s47",
        rationale="Bruising seen at school; threshold met.",
    )
    enquiry = services.start_section47(worker, discussion, start_date=dt.date(2025, 9, 3))
    services.end_section47(worker, enquiry, end_date=dt.date(2025, 9, 12), outcome="icpc")
    _, plan = record_conference_making_a_plan(
        iro.user, enquiry, date=dt.date(2025, 9, 19), category="NEG"
    )
    outcome = services.add_outcome(
        iro.user,
        plan,
        what_must_change="Sam goes to school every day.",
        how_measured="Attendance above 95%.",
        by_when=dt.date(2026, 3, 31),
        responsible="Parents",
    )
    services.record_core_group(worker, plan, date=dt.date(2025, 9, 26))
    services.record_visit(worker, plan, visit_date=dt.date(2025, 9, 29), seen=True, seen_alone=True)
    services.save_family_group_conference(worker, plan, offered_date=dt.date(2025, 9, 25))
    services.record_extended_family(
        worker,
        plan,
        extended_family_considered=True,
        extended_family_considered_date=dt.date(2025, 10, 2),
    )
    services.save_pre_proceedings(worker, plan, legal_planning_meeting_date=dt.date(2025, 11, 3))
    services.record_review(
        iro.user,
        plan,
        date=dt.date(2025, 12, 15),
        plan_continues=True,
        latest_category="NEG",
        ratings={outcome.pk: ("some", "")},
    )
    services.end_plan(worker, plan, end_date=dt.date(2026, 1, 9), end_reason="child_in_need")

    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.event_type for e in events] == [
        EventType.STRATEGY_DISCUSSION_RECORDED,
        EventType.SECTION47_STARTED,
        EventType.SECTION47_ENDED,
        EventType.INITIAL_CONFERENCE_RECORDED,
        EventType.PLAN_OUTCOME_ADDED,
        EventType.CORE_GROUP_RECORDED,
        EventType.CP_VISIT_RECORDED,
        EventType.FGC_RECORDED,
        EventType.EXTENDED_FAMILY_RECORDED,
        EventType.PRE_PROCEEDINGS_RECORDED,
        EventType.CP_REVIEW_RECORDED,
        EventType.CP_PLAN_ENDED,
    ]
    assert {e.child for e in events} == {child}
    chaired = {EventType.INITIAL_CONFERENCE_RECORDED, EventType.PLAN_OUTCOME_ADDED}
    chaired.add(EventType.CP_REVIEW_RECORDED)
    for event in events:
        assert event.actor == (iro.user if event.event_type in chaired else worker), event
    assert StrategyDiscussion.objects.get().recorded_by == social_worker


def test_a_role_that_may_not_record_is_refused_by_the_service_itself(referral, iro):
    with pytest.raises(Forbidden):
        services.record_strategy_discussion(
            iro.user,
            referral,
            date=dt.date(2025, 9, 2),
            agencies=["police"],
            outcome="s47",
            rationale="Threshold met.",
        )
    assert not StrategyDiscussion.objects.exists()
    assert not AuditEvent.objects.exists()


# -- once only, checked under the lock ----------------------------------------------------------


@pytest.fixture
def meanwhile(monkeypatch):
    """meanwhile(Model, happen): while the service waits for its lock on a Model row, someone
    else's transaction commits `happen()`. A check made before the lock would miss it. (Here
    it runs inside the service's transaction and is rolled back with the refusal: what the test
    shows is that the check saw it.)"""

    def arrange(model: type, happen: Callable[[], object]) -> None:
        real = services.locked
        waited = []

        def waiting(obj):
            if isinstance(obj, model) and not waited:
                waited.append(obj)  # first, so the other person's own lock does not wait
                happen()
            return real(obj)

        monkeypatch.setattr(services, "locked", waiting)

    return arrange


def test_a_second_section_47_from_one_discussion_is_refused_under_the_lock(
    referral, social_worker, meanwhile
):
    discussion = StrategyDiscussionFactory(cin_episode=referral)
    meanwhile(StrategyDiscussion, lambda: Section47EnquiryFactory(strategy_discussion=discussion))
    with pytest.raises(ValidationError, match="has already started"):
        services.start_section47(social_worker.user, discussion, start_date=dt.date(2025, 9, 3))


@pytest.fixture
def plan(referral):
    plan = PlanFactory(icpc__section47__strategy_discussion__cin_episode=referral)
    OutcomeFactory(cp_plan=plan)
    return plan


def review(who, plan: ChildProtectionPlan, **changes) -> ChildProtectionReview:
    kwargs = {
        "date": dt.date(2025, 12, 15),
        "plan_continues": True,
        "latest_category": "NEG",
        "ratings": {o.pk: ("some", "") for o in plan.outcomes.all()},
    }
    kwargs.update(changes)
    return services.record_review(who.user, plan, **kwargs)


def test_a_second_review_on_the_same_day_is_refused_under_the_lock(plan, social_worker, meanwhile):
    meanwhile(ChildProtectionPlan, lambda: review(social_worker, plan))
    with pytest.raises(ValidationError) as refused:
        review(social_worker, plan)
    assert refused.value.message_dict == {
        "date": ["A review conference is already recorded on this date"]
    }


def test_a_review_of_a_plan_ended_meanwhile_is_refused_under_the_lock(
    plan, social_worker, meanwhile
):
    meanwhile(
        ChildProtectionPlan,
        lambda: ChildProtectionPlan.objects.filter(pk=plan.pk).update(
            end_date=dt.date(2025, 12, 1), end_reason="moved_away"
        ),
    )
    with pytest.raises(ValidationError, match="The plan ended on 01/12/2025"):
        review(social_worker, plan)


def test_a_second_escalation_to_pre_proceedings_is_refused_under_the_lock(
    plan, social_worker, meanwhile
):
    def escalate():
        return services.save_pre_proceedings(
            social_worker.user, plan, legal_planning_meeting_date=dt.date(2025, 11, 3)
        )

    meanwhile(ChildProtectionPlan, escalate)
    with pytest.raises(ValidationError, match="already under way"):
        escalate()
