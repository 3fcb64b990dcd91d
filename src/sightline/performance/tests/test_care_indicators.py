"""Children in care indicators agree with hand counts: who is looked after, placements and
stability, reviews and visits in time, health, and return home interviews."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sightline.performance.models import ChildPopulation
from sightline.performance.periods import Period

from . import factories as f
from .helpers import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def population():
    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=timezone.now())


def test_looked_after_leaves_out_short_breaks_and_episodes_ended_on_the_as_at_date(population):
    f.care(f.child(), date(2024, 1, 10))
    f.care(f.child(), date(2024, 1, 10), legal_status="V3")  # short breaks
    f.care(f.child(), date(2024, 1, 10), date(2025, 3, 31))  # left care on the as-at date
    assert figures("cla_per_10k") == (1.0, 1, 10_000)


def test_three_placements_count_new_carers_but_not_a_change_of_legal_status(population):
    a, b = f.child(), f.child()
    f.care(a, date(2024, 1, 10), date(2024, 6, 1))  # placement at the start of the year
    f.care(a, date(2024, 6, 1), date(2024, 10, 1), reason_new_episode="P")  # new carers: 2
    f.care(a, date(2024, 10, 1), reason_new_episode="L")  # legal status only: still 2
    f.care(b, date(2024, 5, 1), date(2024, 8, 1))  # 1
    f.care(b, date(2024, 8, 1), date(2024, 12, 1), reason_new_episode="P")  # 2
    f.care(b, date(2024, 12, 1), reason_new_episode="T")  # 3
    assert figures("cla_3plus_placements_pct") == (50.0, 1, 2)


def test_long_term_stability(population):
    born = date(2012, 5, 1)
    stable = f.child(date_of_birth=born)
    f.care(stable, date(2022, 6, 1))
    moved = f.child(date_of_birth=born)
    f.care(moved, date(2022, 6, 1), date(2023, 9, 1))
    f.care(moved, date(2023, 9, 1), reason_new_episode="P")  # new carers 19 months ago
    same_carers = f.child(date_of_birth=born)
    f.care(same_carers, date(2022, 6, 1), date(2023, 9, 1))
    f.care(same_carers, date(2023, 9, 1), reason_new_episode="B")  # same carers, new placement type
    adopted = f.child(date_of_birth=born)
    f.care(adopted, date(2022, 1, 1), date(2024, 1, 1))
    # Placed for adoption.
    f.care(adopted, date(2024, 1, 1), reason_new_episode="P", placement_type="A4")
    f.care(f.child(date_of_birth=date(2008, 1, 1)), date(2020, 1, 1))  # 17: too old
    f.care(f.child(date_of_birth=born), date(2023, 1, 1))  # under 2½ years in care
    assert figures("cla_long_term_stability_pct") == (75.0, 3, 4)


def test_reviews_up_to_date_on_the_as_at_date():
    f.care(f.child(), date(2025, 3, 10))  # 15 working days in care, first review not due
    f.care(f.child(), date(2025, 2, 10))  # 35 working days: first review overdue
    twice = f.child()
    f.care(twice, date(2024, 10, 1))
    f.care_review(twice, date(2024, 10, 20))
    f.care_review(twice, date(2025, 1, 15))  # next due in 6 months
    stale = f.child()
    f.care(stale, date(2024, 6, 1))
    f.care_review(stale, date(2024, 6, 20))
    f.care_review(stale, date(2024, 9, 15))  # next was due 15 March 2025
    once = f.child()
    f.care(once, date(2024, 11, 1))
    f.care_review(once, date(2024, 12, 1))  # second was due 1 March 2025
    assert figures("cla_reviews_in_time_pct") == (40.0, 2, 5)


def test_reviews_from_an_earlier_period_of_care_do_not_count():
    kid = f.child()
    f.care(kid, date(2023, 1, 1), date(2023, 6, 1))
    f.care_review(kid, date(2023, 5, 1))
    f.care(kid, date(2025, 1, 6))  # back in care: 59 working days, no review since
    assert figures("cla_reviews_in_time_pct") == (0.0, 0, 1)


def test_visits_in_time_on_the_as_at_date():
    f.care(f.child(), date(2025, 3, 27))  # placed 4 days ago: first visit not yet due
    f.care(f.child(), date(2025, 3, 20))  # 11 days, not visited: late
    recent = f.child()
    f.care(recent, date(2024, 12, 1))
    f.care_visit(recent, date(2025, 3, 1))  # 30 days ago
    old = f.child()
    f.care(old, date(2024, 12, 1))
    f.care_visit(old, date(2025, 2, 1))  # 58 days ago: over 6 weeks
    settled = f.child()
    f.care(settled, date(2023, 1, 1), long_term_placement=True)
    f.care_visit(settled, date(2025, 1, 15))  # within 3 months, after the first year
    unseen = f.child()
    f.care(unseen, date(2024, 6, 1))
    f.care_visit(unseen, date(2025, 1, 1))
    f.care_visit(unseen, date(2025, 3, 25), seen=False)
    assert figures("cla_visits_in_time_pct") == (50.0, 3, 6)


def test_initial_health_assessment_within_20_working_days():
    march = Period.month(2025, 3)
    # Monday 3 March 2025: the 20th working day after is Monday 31 March.
    on_time, late, overdue, not_due = (f.child() for _ in range(4))
    for kid in (on_time, late):
        f.care(kid, date(2025, 3, 3))
    f.health(on_time, "initial", date(2025, 3, 31))
    f.health(late, "initial", date(2025, 4, 1))
    f.care(overdue, date(2025, 3, 28))  # 21 working days by 30 April (Easter): overdue
    f.care(not_due, date(2025, 3, 31))  # 20 working days by 30 April: not yet due
    assert figures("cla_iha_within_20_wd_pct", march, date(2025, 4, 30)) == (33.3, 1, 3)


def test_health_assessments_up_to_date_for_the_childs_age():
    under_5_ok, under_5_late = (
        f.child(date_of_birth=date(2021, 6, 1)),
        f.child(date_of_birth=date(2021, 6, 1)),
    )
    older_ok, older_late = (
        f.child(date_of_birth=date(2015, 1, 1)),
        f.child(date_of_birth=date(2015, 1, 1)),
    )
    for kid in (under_5_ok, under_5_late, older_ok, older_late):
        f.care(kid, date(2023, 6, 1))
    f.health(under_5_ok, "review", date(2024, 11, 1))  # 5 months
    f.health(under_5_late, "review", date(2024, 9, 1))  # 7 months: too long for an under-5
    f.health(older_ok, "review", date(2024, 5, 1))  # 11 months
    f.health(older_late, "initial", date(2024, 3, 15))
    f.care(f.child(), date(2024, 6, 1))  # in care under a year: not counted
    assert figures("cla_health_assessment_up_to_date_pct") == (50.0, 2, 4)


def test_a_health_assessment_counts_as_up_to_date_exactly_as_long_as_the_timescale_says():
    # Under 5: every 6 months. Assessed 30 November 2024, the next was due 30 May 2025, so on
    # 31 May it is overdue (as the child's record shows it); assessed 1 December, it is not.
    overdue, in_time = (f.child(date_of_birth=date(2022, 1, 1)) for _ in range(2))
    for kid in (overdue, in_time):
        f.care(kid, date(2023, 6, 1))
    f.health(overdue, "review", date(2024, 11, 30))
    f.health(in_time, "review", date(2024, 12, 1))
    may = Period.month(2025, 5)
    assert figures("cla_health_assessment_up_to_date_pct", may, date(2025, 5, 31)) == (50.0, 1, 2)


def test_dental_checks_in_the_last_12_months():
    checked, a_year_ago = f.child(), f.child()
    for kid in (checked, a_year_ago):
        f.care(kid, date(2023, 6, 1))
    f.health(checked, "dental", date(2024, 4, 1))
    f.health(a_year_ago, "dental", date(2024, 3, 31))  # 12 months before: not in the last 12
    assert figures("cla_dental_check_12m_pct") == (50.0, 1, 2)


def test_return_home_interviews_within_72_hours():
    kid = f.child()
    back = f.moment(date(2025, 1, 10), 10)
    f.missing(kid, back, completed=back + timedelta(hours=71))
    f.missing(kid, back, completed=back + timedelta(hours=73))
    f.missing(kid, back, offered=back + timedelta(hours=20), accepted=False)  # declined in time
    f.missing(kid, f.moment(date(2025, 3, 1)))  # never offered: late
    f.missing(kid, f.moment(date(2025, 3, 31), 8))  # returned on the as-at date: not yet due
    assert figures("cla_rhi_within_72h_pct") == (50.0, 2, 4)
