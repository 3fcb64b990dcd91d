"""Referral and assessment indicators agree with hand counts: the 45-working-day boundary,
bank holidays inside the window, the median, midpoint checks and re-referrals."""

from datetime import date

import pytest

from sightline.people.models import Worker
from sightline.performance.periods import Period
from sightline.timescales.admin_services import add_closure_day
from sightline.timescales.calendar import calendar

from . import factories as f
from .helpers import figures

pytestmark = pytest.mark.django_db

MONDAY = date(2024, 12, 2)
# Counted by hand over Christmas 2024 and New Year 2025 (25, 26 December and 1 January are
# bank holidays): the 45th working day after Monday 2 December is Thursday 6 February.
DAY_45 = date(2025, 2, 6)
DAY_46 = date(2025, 2, 7)


def test_hand_count_matches_the_calendar():
    assert calendar().add_working_days(MONDAY, 45) == DAY_45


def test_assessment_authorised_on_its_45th_working_day_is_in_time_and_on_the_46th_late():
    f.assessment(f.child(), MONDAY, DAY_45)
    f.assessment(f.child(), MONDAY, DAY_46)
    assert figures("assessments_within_45_wd_pct") == (50.0, 1, 2)


def test_bank_holidays_inside_the_window_stretch_it():
    # Wednesday 5 February is the 47th weekday after 2 December but only the 44th working
    # day: Christmas Day, Boxing Day and New Year's Day do not count.
    f.assessment(f.child(), MONDAY, date(2025, 2, 5))
    assert figures("assessments_within_45_wd_pct") == (100.0, 1, 1)


def test_referral_on_a_saturday_counts_from_monday():
    saturday = date(2024, 11, 30)
    f.assessment(f.child(), saturday, date(2025, 2, 5))  # the 45th working day
    f.assessment(f.child(), saturday, DAY_45)  # the 46th
    assert figures("assessments_within_45_wd_pct") == (50.0, 1, 2)


def test_a_council_closure_day_makes_a_late_assessment_in_time():
    f.assessment(f.child(), MONDAY, DAY_46)
    assert figures("assessments_within_45_wd_pct")[0] == 0.0
    add_closure_day(date(2024, 12, 27), "Christmas closure")
    assert figures("assessments_within_45_wd_pct")[0] == 100.0


def test_assessments_are_counted_in_the_period_they_were_authorised():
    f.assessment(f.child(), date(2025, 2, 3), date(2025, 3, 31))
    f.assessment(f.child(), date(2025, 2, 3), date(2025, 4, 1))
    f.assessment(f.child(), date(2025, 2, 3), None)
    assert figures("assessments_within_45_wd_pct")[2] == 1


def test_median_is_the_middle_value_or_the_mean_of_the_middle_two():
    week = date(2025, 1, 6)  # a Monday, no holidays in the next weeks
    f.assessment(f.child(), week, date(2025, 1, 8))  # 2 working days
    f.assessment(f.child(), week, date(2025, 1, 20))  # 10
    f.assessment(f.child(), week, date(2025, 2, 3))  # 20
    assert figures("assessment_median_wd") == (10, 10, 3)
    f.assessment(f.child(), week, date(2025, 2, 17))  # 30
    assert figures("assessment_median_wd") == (15, 15, 4)


def test_midpoint_checks_count_only_assessments_that_passed_the_midpoint():
    manager = f.worker(Worker.Role.TEAM_MANAGER)
    checked = f.assessment(f.child(), MONDAY, DAY_45)
    f.midpoint_check(checked, date(2025, 1, 6), manager)
    f.assessment(f.child(), MONDAY, DAY_45)  # long, no check
    f.assessment(f.child(), MONDAY, date(2024, 12, 10))  # 6 working days: no check needed
    assert figures("assessments_with_midpoint_check_pct") == (50.0, 1, 2)


PERIOD_2025 = Period.financial_year(2025)


def _re_referrals():
    return figures("re_referrals_12m_pct", PERIOD_2025, date(2026, 3, 31))


def test_a_referral_365_days_after_the_last_is_a_re_referral_and_366_days_is_not():
    a, b = f.child(), f.child()
    f.referral(a, date(2024, 4, 15))
    f.referral(a, date(2025, 4, 15))  # 365 days later: within 12 months
    f.referral(b, date(2024, 4, 15))
    f.referral(b, date(2025, 4, 16))  # 366 days later: not
    assert _re_referrals() == (50.0, 1, 2)


def test_within_12_months_is_calendar_months_across_a_leap_day():
    kid = f.child()
    f.referral(kid, date(2023, 4, 20))
    f.referral(kid, date(2024, 4, 20))  # 366 days later, but 12 months to the day
    assert figures("re_referrals_12m_pct") == (100.0, 1, 1)


def test_two_referrals_on_the_same_day_are_not_re_referrals_of_each_other():
    kid = f.child()
    f.referral(kid, date(2025, 5, 1))
    f.referral(kid, date(2025, 5, 1))
    f.referral(f.child(), date(2025, 6, 1))
    assert _re_referrals() == (0.0, 0, 3)
