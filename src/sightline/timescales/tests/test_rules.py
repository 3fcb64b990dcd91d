"""The rules applied to real records: what a practitioner sees on the child's record."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sightline.assessments.models import Assessment
from sightline.care.models import CareEpisode, CareReview, HealthCheck, MissingEpisode
from sightline.care.timescale_rules import periods_of_care
from sightline.leaving_care.models import CareLeaverAccommodation, PathwayPlan, PathwayPlanReview
from sightline.protection.models import (
    ChildProtectionReview,
    ChildProtectionVisit,
    CoreGroupMeeting,
    InitialChildProtectionConference,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.testing.factories import (
    AssessmentFactory,
    CareEpisodeFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    PlanFactory,
)
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales, next_item

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
D = dt.date


def items_named(child, key, today):
    """The child's items for one timescale, in chain order (first occurrence first)."""
    items = [i for i in child_timescales(child, today) if i.key == key]
    return sorted(items, key=lambda i: (i.number or 0, str(i.started)))


@pytest.mark.parametrize(
    ("authorised", "state"),
    [
        pytest.param(D(2023, 7, 11), State.MET_ON_TIME, id="authorised-on-the-45th-working-day"),
        pytest.param(D(2023, 7, 12), State.MET_LATE, id="a-day-late"),
    ],
)
def test_assessment_due_45_working_days_after_referral_skipping_coronation(authorised, state):
    episode = CINEpisodeFactory(referral_date=D(2023, 5, 5))
    AssessmentFactory(cin_episode=episode, start_date=D(2023, 5, 9), authorised_date=authorised)
    [item] = items_named(episode.child, "assessment.completion", D(2023, 8, 1))
    assert item.due == D(2023, 7, 11)
    assert item.state is state


def test_open_assessment_is_due_soon_then_overdue():
    episode = CINEpisodeFactory(referral_date=D(2023, 5, 5))
    Assessment.objects.create(child=episode.child, cin_episode=episode, start_date=D(2023, 5, 9))
    assert (
        items_named(episode.child, "assessment.completion", D(2023, 7, 5))[0].state
        is State.DUE_SOON
    )
    assert (
        items_named(episode.child, "assessment.completion", D(2023, 7, 12))[0].state
        is State.OVERDUE
    )
    assert items_named(episode.child, "assessment.completion", D(2023, 6, 1))[0].state is State.DUE


def test_contact_decision_due_next_working_day_across_the_queens_funeral():
    # Received on Friday 16 September 2022; Monday 19 September was a bank holiday.
    received = dt.datetime(2022, 9, 16, 16, 30, tzinfo=LONDON)
    contact = ContactFactory(received_at=received)
    [item] = items_named(contact.child, "front_door.contact_decision", D(2022, 9, 19))
    assert item.due == D(2022, 9, 20)
    assert item.state is State.DUE_SOON


def _cp_chain(child, strategy, s47_start, icpc_date):
    episode = CINEpisodeFactory(child=child, referral_date=strategy)
    sd = StrategyDiscussion.objects.create(child=child, cin_episode=episode, date=strategy)
    s47 = Section47Enquiry.objects.create(
        child=child, cin_episode=episode, strategy_discussion=sd, start_date=s47_start
    )
    icpc = None
    if icpc_date:
        icpc = InitialChildProtectionConference.objects.create(
            child=child, cin_episode=episode, section47=s47, date=icpc_date, plan_made=True
        )
    return episode, s47, icpc


def test_icpc_counted_from_strategy_discussion_and_from_s47_start():
    child = ChildFactory()
    _cp_chain(child, D(2024, 1, 2), D(2024, 1, 4), D(2024, 1, 24))
    items = {i.label: i for i in items_named(child, "child_protection.icpc", D(2024, 2, 1))}
    strategy = items["From the strategy discussion"]
    dfe = items["From the section 47 start (DfE measure)"]
    assert strategy.due == D(2024, 1, 23)
    assert strategy.state is State.MET_LATE
    assert dfe.due == D(2024, 1, 25)
    assert dfe.state is State.MET_ON_TIME


def test_no_icpc_item_when_the_s47_ended_without_needing_one():
    child = ChildFactory()
    _, s47, _ = _cp_chain(child, D(2024, 1, 2), D(2024, 1, 4), None)
    s47.end_date, s47.outcome = D(2024, 1, 10), "nfa"
    s47.save()
    assert items_named(child, "child_protection.icpc", D(2024, 2, 1)) == []


def test_cp_plan_core_group_reviews_and_visits():
    child = ChildFactory()
    _, _, icpc = _cp_chain(child, D(2023, 11, 1), D(2023, 11, 2), D(2023, 11, 30))
    plan = PlanFactory(icpc=icpc)  # starting on the day of the conference, 30 November 2023
    CoreGroupMeeting.objects.create(child=child, cp_plan=plan, date=D(2023, 12, 14))
    # First review within 3 months of the ICPC: 30 November + 3 months = 29 February (leap year).
    ChildProtectionReview.objects.create(child=child, cp_plan=plan, date=D(2024, 2, 29))
    ChildProtectionVisit.objects.create(
        child=child, cp_plan=plan, visit_date=D(2023, 12, 1), seen=True, seen_alone=True
    )
    today = D(2024, 3, 20)
    [core] = items_named(child, "child_protection.first_core_group", today)
    assert core.due == D(2023, 12, 14) and core.state is State.MET_ON_TIME
    [first] = items_named(child, "child_protection.first_review_conference", today)
    assert first.due == D(2024, 2, 29) and first.state is State.MET_ON_TIME
    [later] = items_named(child, "child_protection.later_review_conferences", today)
    assert later.due == D(2024, 8, 29) and later.state is State.DUE
    visits = items_named(child, "child_protection.visits", today)
    assert [v.state for v in visits] == [State.MET_ON_TIME, State.OVERDUE]
    assert visits[1].due == D(2023, 12, 15)  # 10 working days after the last visit


def test_a_visit_where_the_child_was_not_seen_does_not_count():
    child = ChildFactory()
    _, _, icpc = _cp_chain(child, D(2023, 11, 1), D(2023, 11, 2), D(2023, 11, 30))
    plan = PlanFactory(icpc=icpc)  # starting on the day of the conference, 30 November 2023
    ChildProtectionVisit.objects.create(
        child=child, cp_plan=plan, visit_date=D(2023, 12, 1), seen=False, seen_alone=False
    )
    [visit] = items_named(child, "child_protection.visits", D(2023, 12, 20))
    assert visit.state is State.OVERDUE and visit.met is None


def _episode(child, start, end=None, rne="S", **extra):
    """An episode of care, placed in foster care with a relative or friend (U3); one given an end
    ends because a new episode begins that day (X1)."""
    fields = {"placement_type": "U3", "reason_ceased": "X1" if end else "", **extra}
    return CareEpisodeFactory(
        child=child, start_date=start, end_date=end, reason_new_episode=rne, **fields
    )


def test_consecutive_episodes_are_one_period_of_care_and_a_gap_starts_another():
    child = ChildFactory()
    a = _episode(child, D(2024, 1, 1), D(2024, 3, 1))
    b = _episode(child, D(2024, 3, 1), D(2024, 6, 1), rne="P")
    c = _episode(child, D(2024, 9, 1))
    assert periods_of_care([c, a, b]) == [[a, b], [c]]


def test_cla_reviews_20_working_days_then_3_months_then_6_months():
    child = ChildFactory()
    _episode(child, D(2024, 1, 2))
    CareReview.objects.create(child=child, date=D(2024, 1, 30))
    CareReview.objects.create(child=child, date=D(2024, 5, 10))
    reviews = sorted(
        (
            i
            for i in child_timescales(child, D(2024, 6, 1))
            if i.key.startswith("children_in_care.") and "review" in i.key and "health" not in i.key
        ),
        key=lambda i: i.number,
    )
    assert [r.due for r in reviews] == [D(2024, 1, 30), D(2024, 4, 30), D(2024, 11, 10)]
    assert [r.state for r in reviews] == [State.MET_ON_TIME, State.MET_LATE, State.DUE]


def test_initial_health_assessment_20_working_days_and_dental_check_overdue():
    child = ChildFactory()
    _episode(child, D(2024, 1, 2))
    HealthCheck.objects.create(child=child, kind="initial", date=D(2024, 1, 31))
    HealthCheck.objects.create(child=child, kind="dental", date=D(2024, 2, 15))
    today = D(2025, 4, 1)
    [iha] = items_named(child, "children_in_care.initial_health_assessment", today)
    assert iha.due == D(2024, 1, 30) and iha.state is State.MET_LATE
    dental = items_named(child, "children_in_care.dental_check", today)
    assert dental[-1].due == D(2025, 2, 15) and dental[-1].state is State.OVERDUE


def test_placement_visit_within_7_days_then_every_6_weeks():
    child = ChildFactory()
    _episode(child, D(2024, 1, 2))
    from sightline.care.models import CareVisit

    CareVisit.objects.create(child=child, visit_date=D(2024, 1, 8), seen=True, seen_alone=False)
    visits = items_named(child, "children_in_care.visit_after_placement", D(2024, 2, 1))
    assert visits[0].due == D(2024, 1, 9) and visits[0].state is State.MET_ON_TIME
    [next_visit] = items_named(child, "children_in_care.visits_first_year", D(2024, 2, 1))
    assert next_visit.due == D(2024, 2, 19) and next_visit.state is State.DUE


def test_return_home_interview_72_hours_across_a_weekend():
    child = ChildFactory()
    _episode(child, D(2024, 1, 2))
    returned = dt.datetime(2024, 3, 1, 22, 0, tzinfo=LONDON)  # a Friday night
    MissingEpisode.objects.create(
        child=child,
        kind="M",
        started_at=returned - dt.timedelta(hours=20),
        returned_at=returned,
        rhi_completed_at=dt.datetime(2024, 3, 4, 21, 59, tzinfo=LONDON),
    )
    [rhi] = items_named(
        child, "missing.return_home_interview", dt.datetime(2024, 3, 6, tzinfo=LONDON)
    )
    assert rhi.due == dt.datetime(2024, 3, 4, 22, 0, tzinfo=LONDON)
    assert rhi.state is State.MET_ON_TIME


def test_pathway_plan_review_due_after_a_move_and_every_6_months():
    child = ChildFactory(date_of_birth=D(2006, 5, 1))
    plan = PathwayPlan.objects.create(child=child, start_date=D(2024, 1, 10))
    PathwayPlanReview.objects.create(child=child, pathway_plan=plan, date=D(2024, 7, 1))
    CareLeaverAccommodation.objects.create(
        child=child, start_date=D(2024, 8, 5), accommodation="W2"
    )
    today = D(2024, 9, 20)
    reviews = items_named(child, "care_leavers.pathway_plan_review", today)
    assert [r.state for r in reviews] == [State.MET_ON_TIME, State.DUE]
    assert reviews[-1].due == D(2025, 1, 1)
    [after_move] = items_named(child, "care_leavers.pathway_plan_review_after_move", today)
    # 20 working days from 5 August, skipping the summer bank holiday (26 August 2024).
    assert after_move.due == D(2024, 9, 3) and after_move.state is State.OVERDUE


def test_next_item_is_the_longest_overdue_open_item():
    episode = CINEpisodeFactory(referral_date=D(2023, 5, 5))
    Assessment.objects.create(child=episode.child, cin_episode=episode, start_date=D(2023, 5, 9))
    ContactFactory(
        child=episode.child, received_at=dt.datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
    )  # never decided: due 2 May, long before anything about the assessment
    items = child_timescales(episode.child, D(2023, 9, 1))
    assert next_item(items).key == "front_door.contact_decision"
    assert next_item(items).state is State.OVERDUE
    assert next_item([i for i in items if not i.key.startswith("front_door")]).due > D(2023, 5, 2)


def test_short_breaks_bring_no_health_or_visit_duties_but_keep_reviews():
    child = ChildFactory()
    CareEpisode.objects.create(
        child=child,
        start_date=D(2024, 1, 2),
        reason_new_episode="S",
        legal_status="V4",
        category_of_need="N2",
        placement_type="U1",
    )
    keys = {i.key for i in child_timescales(child, D(2025, 6, 1))}
    assert "children_in_care.first_review" in keys
    assert not keys & {
        "children_in_care.initial_health_assessment",
        "children_in_care.dental_check",
        "children_in_care.visit_after_placement",
    }
