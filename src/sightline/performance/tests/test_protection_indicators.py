"""Child protection indicators agree with hand counts: conferences within 15 working days,
plans for a second time, plans ending and restarting the same day, long plans, visits,
reviews and family group conferences."""

from datetime import date

import pytest
from django.utils import timezone

from sightline.performance.models import ChildPopulation

from . import factories as f
from .helpers import END_FY2024, figures

pytestmark = pytest.mark.django_db


def test_conference_within_15_working_days_of_the_s47_start_but_not_the_strategy_discussion():
    # Section 47 from Monday 16 December 2024: the 15th working day (over Christmas and New
    # Year) is Thursday 9 January. The strategy discussion on Friday 13 December makes the
    # 15th working day Wednesday 8 January.
    f.s47_with_conference(f.child(), date(2024, 12, 13), date(2024, 12, 16), date(2025, 1, 9))
    f.s47_with_conference(f.child(), date(2024, 12, 13), date(2024, 12, 16), date(2025, 1, 10))
    assert figures("icpc_within_15_wd_of_s47_pct") == (50.0, 1, 2)
    assert figures("icpc_within_15_wd_of_strategy_pct") == (0.0, 0, 2)


def test_conference_without_a_strategy_discussion_counts_only_from_the_s47():
    f.s47_with_conference(f.child(), None, date(2024, 12, 16), date(2025, 1, 8))
    assert figures("icpc_within_15_wd_of_s47_pct") == (100.0, 1, 1)
    assert figures("icpc_within_15_wd_of_strategy_pct") == (None, 0, 0)


@pytest.fixture
def plans():
    """P: a plan ending 3 June 2024 and another starting that day (one plan carried on), ended
    2 September 2024. Q: a second plan after a gap. R: a first plan. S: exactly two years.
    T: a day short of two years."""
    p, q, r, s, t = (f.child() for _ in range(5))
    f.plan(p, date(2022, 1, 10), date(2024, 6, 3))
    f.plan(p, date(2024, 6, 3), date(2024, 9, 2))
    f.plan(q, date(2023, 1, 2), date(2023, 6, 1))
    f.plan(q, date(2024, 7, 1))
    f.plan(r, date(2024, 8, 1), date(2025, 2, 3))
    f.plan(s, date(2022, 9, 2), date(2024, 9, 2))
    f.plan(t, date(2022, 9, 2), date(2024, 9, 1))
    return p, q, r, s, t


def test_a_plan_starting_the_day_the_last_ended_is_not_a_second_plan(plans):
    # New plans in the year: Q's second (after a gap) and R's first. P's restart is the same
    # plan carried on, counted neither as starting nor as a second plan.
    assert figures("cp_plans_second_or_subsequent_pct") == (50.0, 1, 2)


def test_a_first_plan_here_after_plans_in_another_council_is_a_second_plan(plans):
    r = plans[2]
    r.cp_plans.update(previous_plans_elsewhere=1)
    assert figures("cp_plans_second_or_subsequent_pct") == (100.0, 2, 2)


def test_a_carried_on_plan_has_not_ended_and_the_whole_run_counts_towards_two_years(plans):
    # Ended: P's run (January 2022 to September 2024: over 2 years), R, S (exactly 2 years:
    # counts) and T (a day short). P's first plan did not end: it carried on.
    assert figures("cp_plans_ended_2y_plus_pct") == (50.0, 2, 4)


def test_children_on_a_plan_for_18_months_or_more_count_the_whole_run():
    u, v, w = f.child(), f.child(), f.child()
    f.plan(u, date(2023, 9, 30))  # 18 months to the day on 31 March 2025
    f.plan(v, date(2023, 10, 1))  # a day short
    f.plan(w, date(2023, 6, 1), date(2024, 1, 15))
    f.plan(w, date(2024, 1, 15))  # carried on: 22 months in all
    assert figures("cp_plans_open_18m_plus") == (2, 2, None)


def test_children_on_a_plan_per_10k_count_plans_open_at_the_end_of_the_as_at_date():
    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=timezone.now())
    f.plan(f.child(), date(2024, 5, 1))
    f.plan(f.child(), date(2024, 5, 1), END_FY2024)  # ended on the as-at date: not open
    f.plan(f.child(), date(2025, 4, 1))  # not yet started
    assert figures("cp_plans_per_10k") == (1.0, 1, 10_000)


def test_visits_within_10_working_days_of_the_as_at_date():
    seen_lately = f.plan(f.child(), date(2025, 1, 6))
    f.cp_visit(seen_lately, date(2025, 3, 20))  # 7 working days before 31 March
    seen_long_ago = f.plan(f.child(), date(2025, 1, 6))
    f.cp_visit(seen_long_ago, date(2025, 3, 10))  # 15 working days
    f.plan(f.child(), date(2025, 3, 24))  # 5 working days old, not yet visited: not due
    not_seen = f.plan(f.child(), date(2025, 1, 6))
    f.cp_visit(not_seen, date(2025, 3, 1))
    f.cp_visit(not_seen, date(2025, 3, 28), seen=False)  # a visit without seeing the child
    assert figures("cp_visits_in_time_pct") == (50.0, 2, 4)


def test_reviews_in_time_means_every_review_on_time_and_none_overdue():
    on_time = f.plan(f.child(), date(2024, 6, 3))
    f.cp_review(on_time, date(2024, 8, 20))
    f.cp_review(on_time, date(2025, 2, 10))
    late_first = f.plan(f.child(), date(2024, 6, 3))
    f.cp_review(late_first, date(2024, 9, 10))  # more than 3 months after the start
    f.cp_review(late_first, date(2025, 3, 1))
    f.plan(f.child(), date(2024, 9, 2))  # no review by 2 December: overdue
    f.plan(f.child(), date(2025, 2, 1))  # under 3 months old: not counted
    assert figures("cp_reviews_in_time_pct") == (33.3, 1, 3)


def test_family_group_conferences_offered_on_the_plan_or_since_the_referral():
    offered = f.child()
    item = f.plan(offered, date(2024, 10, 1))
    f.fgc(offered, date(2024, 10, 10), item)
    before = f.child()
    episode = f.referral(before, date(2024, 9, 1))
    f.fgc(before, date(2024, 9, 15))
    f.plan(before, date(2024, 10, 1), episode=episode)
    f.plan(f.child(), date(2024, 10, 1))  # never offered
    assert figures("cp_fgc_offered_pct") == (66.7, 2, 3)
