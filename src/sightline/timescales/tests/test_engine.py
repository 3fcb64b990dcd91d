"""The engine: due dates, states, one-off items and chains, all at fixed dates."""

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time

from sightline.timescales.calendar import WorkingCalendar
from sightline.timescales.declarations import Period, declared
from sightline.timescales.engine import (
    LONDON,
    State,
    TimescaleItem,
    age_on,
    due_date,
    due_soon_from,
    evaluate,
    recurring,
    state_of,
)

CAL = WorkingCalendar()
SOON = Period(5, "wd")
CP_REVIEWS = [
    declared("child_protection.first_review_conference"),
    declared("child_protection.later_review_conferences"),
]
CLA_REVIEWS = [
    declared("children_in_care.first_review"),
    declared("children_in_care.second_review"),
    declared("children_in_care.later_reviews"),
]
CP_VISITS = [declared("child_protection.visits")]


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


# -- due dates --------------------------------------------------------------------------------


def test_assessment_due_date_skips_coronation_and_spring_bank_holiday() -> None:
    assert due_date(date(2023, 5, 5), Period(45, "wd"), CAL) == date(2023, 7, 11)


def test_working_day_timescale_from_a_date_time_gives_a_date() -> None:
    assert due_date(london(2025, 3, 7, 16, 45), Period(1, "wd"), CAL) == date(2025, 3, 10)


def test_working_days_count_from_the_london_date_not_the_utc_date() -> None:
    # 23:30 UTC on Thursday 5 June 2025 is 00:30 on Friday in London.
    received = datetime(2025, 6, 5, 23, 30, tzinfo=UTC)
    assert due_date(received, Period(1, "wd"), CAL) == date(2025, 6, 9)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year: clamps to 29 February
        (date(2022, 11, 30), 3, date(2023, 2, 28)),  # not a leap year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 1, 15), 3, date(2025, 4, 15)),
    ],
)
def test_months_clamp_to_the_end_of_a_shorter_month(start: date, months: int, due: date) -> None:
    assert due_date(start, Period(months, "months"), CAL) == due


def test_weeks_and_days_are_calendar_time() -> None:
    assert due_date(date(2025, 1, 1), Period(6, "weeks"), CAL) == date(2025, 2, 12)
    # 7 days from a placement on Friday 28 March 2025, over a weekend.
    assert due_date(date(2025, 3, 28), Period(7, "d"), CAL) == date(2025, 4, 4)
    # Calendar days do not skip bank holidays: Easter 2025 is inside this week.
    assert due_date(date(2025, 4, 16), Period(7, "d"), CAL) == date(2025, 4, 23)


def test_72_hour_return_home_interview_runs_across_a_weekend() -> None:
    returned = london(2025, 3, 7, 18, 30)  # Friday evening
    assert due_date(returned, Period(72, "hours"), CAL) == london(2025, 3, 10, 18, 30)


def test_72_hours_are_elapsed_hours_across_the_spring_clock_change() -> None:
    # Clocks go forward at 01:00 GMT on Sunday 30 March 2025: 72 hours after 18:00 GMT on
    # Friday is 18:00 GMT on Monday, which London clocks show as 19:00.
    due = due_date(london(2025, 3, 28, 18, 0), Period(72, "hours"), CAL)
    assert due == london(2025, 3, 31, 19, 0)
    assert due.utcoffset() == timedelta(hours=1)


def test_72_hours_are_elapsed_hours_across_the_autumn_clock_change() -> None:
    due = due_date(london(2025, 10, 24, 18, 0), Period(72, "hours"), CAL)
    assert due == london(2025, 10, 27, 17, 0)


def test_hours_from_a_bare_date_give_the_day_the_hours_run_out() -> None:
    assert due_date(date(2025, 3, 7), Period(72, "hours"), CAL) == date(2025, 3, 10)


def test_naive_date_times_are_read_as_london_time() -> None:
    due = due_date(datetime(2025, 7, 4, 9, 0), Period(72, "hours"), CAL)
    assert due == london(2025, 7, 7, 9, 0)


# -- states -----------------------------------------------------------------------------------

DUE = date(2025, 3, 14)  # a Friday


def test_met_on_due_day_is_on_time() -> None:
    assert state_of(DUE, date(2025, 3, 14), date(2025, 4, 1), CAL, SOON) is State.MET_ON_TIME


def test_met_the_day_after_is_late() -> None:
    assert state_of(DUE, date(2025, 3, 15), date(2025, 4, 1), CAL, SOON) is State.MET_LATE


def test_met_early_is_on_time() -> None:
    assert state_of(DUE, date(2025, 2, 1), date(2025, 2, 1), CAL, SOON) is State.MET_ON_TIME


def test_unmet_after_the_due_day_is_overdue() -> None:
    assert state_of(DUE, None, date(2025, 3, 15), CAL, SOON) is State.OVERDUE


def test_unmet_on_the_due_day_is_due_soon_not_overdue() -> None:
    assert state_of(DUE, None, date(2025, 3, 14), CAL, SOON) is State.DUE_SOON


def test_due_soon_window_opens_five_working_days_before() -> None:
    assert due_soon_from(DUE, SOON, CAL) == date(2025, 3, 7)
    assert state_of(DUE, None, date(2025, 3, 7), CAL, SOON) is State.DUE_SOON
    assert state_of(DUE, None, date(2025, 3, 6), CAL, SOON) is State.DUE


def test_due_soon_window_counts_working_days_over_a_bank_holiday() -> None:
    # Due Tuesday 22 April 2025: five working days back skips Easter Monday and Good Friday.
    assert due_soon_from(date(2025, 4, 22), SOON, CAL) == date(2025, 4, 11)
    assert state_of(date(2025, 4, 22), None, date(2025, 4, 11), CAL, SOON) is State.DUE_SOON
    assert state_of(date(2025, 4, 22), None, date(2025, 4, 10), CAL, SOON) is State.DUE


def test_due_soon_window_follows_the_councils_setting() -> None:
    assert state_of(DUE, None, date(2025, 3, 6), CAL, Period(10, "wd")) is State.DUE_SOON
    assert state_of(DUE, None, date(2025, 2, 27), CAL, Period(10, "wd")) is State.DUE


def test_hour_based_items_are_due_soon_within_24_hours() -> None:
    due = london(2025, 3, 10, 18, 30)
    assert state_of(due, None, due - timedelta(hours=25), CAL, SOON) is State.DUE
    assert state_of(due, None, due - timedelta(hours=23), CAL, SOON) is State.DUE_SOON
    assert state_of(due, None, due, CAL, SOON) is State.DUE_SOON


def test_hour_based_items_are_overdue_a_minute_after_the_due_time() -> None:
    due = london(2025, 3, 10, 18, 30)
    assert state_of(due, None, due + timedelta(minutes=1), CAL, SOON) is State.OVERDUE


def test_hour_based_items_met_at_the_due_time_are_on_time_and_a_minute_later_late() -> None:
    due = london(2025, 3, 10, 18, 30)
    now = london(2025, 4, 1, 9, 0)
    assert state_of(due, due, now, CAL, SOON) is State.MET_ON_TIME
    assert state_of(due, due + timedelta(minutes=1), now, CAL, SOON) is State.MET_LATE


def test_date_times_in_different_zones_compare_as_instants() -> None:
    due = london(2025, 7, 7, 18, 30)  # 17:30 UTC
    met = datetime(2025, 7, 7, 17, 45, tzinfo=UTC)  # 18:45 in London
    assert state_of(due, met, met, CAL, SOON) is State.MET_LATE


def test_a_date_only_record_against_a_date_time_due_compares_by_date() -> None:
    due = london(2025, 3, 10, 18, 30)
    assert state_of(due, date(2025, 3, 10), None, CAL, SOON) is State.MET_ON_TIME
    assert state_of(due, date(2025, 3, 11), None, CAL, SOON) is State.MET_LATE
    assert state_of(due, None, date(2025, 3, 11), CAL, SOON) is State.OVERDUE


# -- one-off items ----------------------------------------------------------------------------


def test_assessment_completed_on_the_45th_working_day_is_on_time() -> None:
    item = evaluate(
        declared("assessment.completion"),
        date(2023, 5, 5),
        date(2023, 7, 11),
        date(2023, 8, 1),
        cal=CAL,
        due_soon=SOON,
        subject="Assessment from 5 May 2023",
        url="/assessments/1/",
    )
    assert isinstance(item, TimescaleItem)
    assert item.due == date(2023, 7, 11)
    assert item.state is State.MET_ON_TIME
    assert item.state == "met on time"
    assert (item.key, item.name, item.kind) == (
        "assessment.completion",
        "Assessment completed",
        "statutory",
    )
    assert (item.label, item.subject, item.url) == (
        "Assessment completed",
        "Assessment from 5 May 2023",
        "/assessments/1/",
    )
    assert item.days_overdue == 0
    assert item.is_met and not item.is_late


def test_late_assessment_records_days_late() -> None:
    item = evaluate(declared("assessment.completion"), date(2023, 5, 5), date(2023, 7, 14), cal=CAL)
    assert item.state is State.MET_LATE
    assert item.days_overdue == 3


def test_overdue_item_counts_calendar_days_overdue() -> None:
    item = evaluate(
        declared("assessment.completion"),
        date(2023, 5, 5),
        None,
        date(2023, 7, 17),
        cal=CAL,
        due_soon=SOON,
    )
    assert item.state is State.OVERDUE
    assert item.days_overdue == 6
    assert item.working_days_remaining is None
    assert item.is_open and item.is_late


def test_open_item_counts_working_days_remaining() -> None:
    item = evaluate(
        declared("assessment.completion"),
        date(2023, 5, 5),
        None,
        date(2023, 7, 7),  # Friday; due Tuesday 11 July
        cal=CAL,
        due_soon=SOON,
    )
    assert item.state is State.DUE_SOON
    assert item.working_days_remaining == 2


def test_age_banded_timescale_uses_the_age_given() -> None:
    rha = declared("children_in_care.review_health_assessment")
    item = evaluate(rha, date(2025, 1, 10), None, date(2025, 2, 1), cal=CAL, due_soon=SOON, age=4)
    assert item.due == date(2025, 7, 10)
    item = evaluate(rha, date(2025, 1, 10), None, date(2025, 2, 1), cal=CAL, due_soon=SOON, age=5)
    assert item.due == date(2026, 1, 10)


def test_milestone_period_can_be_passed_explicitly() -> None:
    alert = declared("child_protection.plan_duration_alert")
    item = evaluate(
        alert, date(2024, 1, 31), None, date(2025, 6, 1), cal=CAL, period=alert.periods[0]
    )
    assert item.due == date(2025, 4, 30)
    assert item.state is State.OVERDUE


def test_return_home_interview_item_is_hour_based() -> None:
    item = evaluate(
        declared("missing.return_home_interview"),
        london(2025, 3, 7, 18, 30),
        None,
        london(2025, 3, 9, 19, 0),
        cal=CAL,
        due_soon=SOON,
    )
    assert item.due == london(2025, 3, 10, 18, 30)
    assert item.state is State.DUE_SOON
    assert item.working_days_remaining == 1


def test_age_on_counts_completed_years() -> None:
    assert age_on(date(2021, 6, 1), date(2026, 5, 31)) == 4
    assert age_on(date(2021, 6, 1), date(2026, 6, 1)) == 5
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


# -- chains -----------------------------------------------------------------------------------


def test_cp_review_chain_counts_from_actual_previous_review() -> None:
    items = recurring(
        CP_REVIEWS,
        date(2025, 1, 15),  # ICPC
        [date(2025, 4, 10), date(2025, 10, 20)],
        date(2026, 4, 15),
        label="Review conference {n}",
        subject="Child protection plan from 15 January 2025",
        cal=CAL,
        due_soon=SOON,
    )
    assert [(i.started, i.due, i.met, i.state) for i in items] == [
        (date(2025, 1, 15), date(2025, 4, 15), date(2025, 4, 10), State.MET_ON_TIME),
        # 6 months after the review actually held on 10 April, not after 15 April.
        (date(2025, 4, 10), date(2025, 10, 10), date(2025, 10, 20), State.MET_LATE),
        (date(2025, 10, 20), date(2026, 4, 20), None, State.DUE_SOON),
    ]
    assert [i.key for i in items] == [
        "child_protection.first_review_conference",
        "child_protection.later_review_conferences",
        "child_protection.later_review_conferences",
    ]
    assert [i.label for i in items] == [
        "Review conference 1",
        "Review conference 2",
        "Review conference 3",
    ]
    assert [i.number for i in items] == [1, 2, 3]
    assert items[1].days_overdue == 10
    assert items[2].working_days_remaining == 3
    assert items[2].subject == "Child protection plan from 15 January 2025"


def test_cla_review_chain_is_20_working_days_then_3_months_then_6_months() -> None:
    items = recurring(
        CLA_REVIEWS,
        date(2025, 1, 6),  # became looked after
        [date(2025, 1, 31), date(2025, 4, 30)],
        date(2025, 6, 1),
        cal=CAL,
        due_soon=SOON,
    )
    assert [(i.due, i.state) for i in items] == [
        (date(2025, 2, 3), State.MET_ON_TIME),
        (date(2025, 4, 30), State.MET_ON_TIME),  # 31 January + 3 months, held on the due day
        (date(2025, 10, 30), State.DUE),
    ]
    assert [i.name for i in items] == ["First review", "Second review", "Review"]


def test_cp_visits_every_10_working_days_after_the_previous_visit() -> None:
    items = recurring(
        CP_VISITS,
        date(2025, 3, 3),  # plan start
        [date(2025, 3, 31), date(2025, 2, 20), date(2025, 3, 14)],  # any order; one before
        date(2025, 4, 20),
        cal=CAL,
        due_soon=SOON,
    )
    assert [(i.due, i.met, i.state) for i in items] == [
        (date(2025, 3, 17), date(2025, 3, 14), State.MET_ON_TIME),
        (date(2025, 3, 28), date(2025, 3, 31), State.MET_LATE),
        (date(2025, 4, 14), None, State.OVERDUE),
    ]
    assert items[2].days_overdue == 6


def test_the_same_visit_recorded_twice_counts_once() -> None:
    items = recurring(
        CP_VISITS,
        date(2025, 3, 3),
        [date(2025, 3, 14), date(2025, 3, 14)],
        date(2025, 3, 20),
        cal=CAL,
        due_soon=SOON,
    )
    assert [(i.due, i.met) for i in items] == [
        (date(2025, 3, 17), date(2025, 3, 14)),
        (date(2025, 3, 28), None),
    ]


def test_chain_with_nothing_done_yet_has_one_outstanding_item() -> None:
    items = recurring(CP_REVIEWS, date(2025, 1, 15), [], date(2025, 2, 1), cal=CAL, due_soon=SOON)
    assert [(i.due, i.state, i.number) for i in items] == [(date(2025, 4, 15), State.DUE, 1)]


def test_ended_chain_has_no_outstanding_item_when_next_due_is_after_the_end() -> None:
    items = recurring(
        CP_REVIEWS,
        date(2025, 1, 15),
        [date(2025, 4, 10)],
        date(2025, 12, 1),
        end=date(2025, 6, 1),
        cal=CAL,
        due_soon=SOON,
    )
    assert [i.due for i in items] == [date(2025, 4, 15)]


def test_ended_chain_keeps_a_missed_occurrence_overdue_as_at_the_end() -> None:
    items = recurring(
        CP_REVIEWS,
        date(2025, 1, 15),
        [],
        date(2025, 12, 1),
        end=date(2025, 5, 15),
        cal=CAL,
        due_soon=SOON,
    )
    assert [(i.due, i.state, i.days_overdue, i.as_of) for i in items] == [
        (date(2025, 4, 15), State.OVERDUE, 30, date(2025, 5, 15))
    ]


def test_chain_ending_on_the_due_day_has_nothing_outstanding() -> None:
    items = recurring(
        CP_REVIEWS, date(2025, 1, 15), [], date(2025, 12, 1), end=date(2025, 4, 15), cal=CAL
    )
    assert items == []


def test_planned_end_before_the_next_due_date_means_nothing_outstanding() -> None:
    reviews = [date(2025, 4, 10)]
    before = recurring(
        CP_REVIEWS, date(2025, 1, 15), reviews, date(2025, 6, 1), end=date(2025, 9, 1), cal=CAL
    )
    after = recurring(
        CP_REVIEWS,
        date(2025, 1, 15),
        reviews,
        date(2025, 6, 1),
        end=date(2025, 12, 1),
        cal=CAL,
        due_soon=SOON,
    )
    assert len(before) == 1
    assert [(i.due, i.state) for i in after[1:]] == [(date(2025, 10, 10), State.DUE)]


def test_health_review_chain_period_follows_the_childs_age() -> None:
    items = recurring(
        [
            declared("children_in_care.initial_health_assessment"),
            declared("children_in_care.review_health_assessment"),
        ],
        date(2025, 1, 6),
        [date(2025, 1, 27), date(2025, 7, 20), date(2026, 1, 10), date(2026, 7, 1)],
        date(2026, 8, 1),
        dob=date(2021, 6, 1),  # 5 on 1 June 2026
        cal=CAL,
        due_soon=SOON,
    )
    assert [i.due for i in items] == [
        date(2025, 2, 3),  # 20 working days
        date(2025, 7, 27),  # aged 3: 6 months
        date(2026, 1, 20),  # aged 4: 6 months
        date(2026, 7, 10),  # aged 4 on 10 January 2026: 6 months
        date(2027, 7, 1),  # aged 5 on 1 July 2026: 12 months
    ]
    assert items[-1].state is State.DUE


def test_age_banded_chain_without_date_of_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        recurring(
            [declared("children_in_care.review_health_assessment")],
            date(2025, 1, 6),
            [],
            date(2025, 2, 1),
            cal=CAL,
        )


def test_a_chain_needs_steps() -> None:
    with pytest.raises(ValueError):
        recurring([], date(2025, 1, 6), [], date(2025, 2, 1), cal=CAL)


# -- defaults from the database and the clock -------------------------------------------------


@pytest.mark.django_db
def test_evaluate_by_key_uses_the_councils_closure_days() -> None:
    from sightline.timescales.models import ClosureDay

    ClosureDay.objects.create(date=date(2023, 7, 10), reason="Office move")
    item = evaluate("assessment.completion", date(2023, 5, 5), None, date(2023, 7, 1))
    assert item.due == date(2023, 7, 12)
    assert item.state is State.DUE


@pytest.mark.django_db
def test_today_defaults_to_the_london_date() -> None:
    # 23:30 UTC on 11 July 2023 is already 12 July in London: overdue by one day there.
    with freeze_time("2023-07-11 23:30:00"):
        item = evaluate("assessment.completion", date(2023, 5, 5))
    assert item.state is State.OVERDUE
    assert item.days_overdue == 1


@pytest.mark.django_db
def test_now_defaults_for_hour_based_items() -> None:
    with freeze_time("2025-03-10 18:31:00"):  # GMT: a minute after the due time
        item = evaluate("missing.return_home_interview", london(2025, 3, 7, 18, 30))
    assert item.state is State.OVERDUE


@pytest.mark.django_db
def test_local_visit_frequency_changes_the_chain_without_code_change() -> None:
    from sightline.timescales.declarations import set_local_timescale

    set_local_timescale("child_protection.visits", "4 weeks", None, "Partnership procedures")
    items = recurring(["child_protection.visits"], date(2025, 3, 3), [], date(2025, 3, 10))
    assert items[0].due == date(2025, 3, 31)


@pytest.mark.django_db
def test_due_soon_window_defaults_to_the_councils_setting() -> None:
    from sightline.timescales.declarations import set_local_timescale

    assert state_of(DUE, None, date(2025, 3, 6)) is State.DUE
    set_local_timescale("general.due_soon", "10 wd", None, "More warning")
    assert state_of(DUE, None, date(2025, 3, 6)) is State.DUE_SOON
