"""Breakdowns by service, team and worker follow each indicator's attribution rule, and the
children behind a number are the ones counted, narrowed to those the user may see."""

from datetime import date

import pytest

from sightline.people.models import Worker
from sightline.performance.engine import compute

from . import factories as f
from .helpers import END_FY2024, FY2024, behind

pytestmark = pytest.mark.django_db

MONDAY, DAY_45, DAY_46 = date(2024, 12, 2), date(2025, 2, 6), date(2025, 2, 7)
ASSESSMENTS = "assessments_within_45_wd_pct"


@pytest.fixture
def setup():
    north = f.team("North Assessment", "Assessment and intervention")
    south = f.team("South Assessment", "Assessment and intervention")
    care_team = f.team("Children in Care", "Children in care")
    ana, ben = f.worker(team=north), f.worker(team=south)
    cara = f.worker(team=care_team)
    # Recorded by Ana (North): one in time, one late.
    in_time, late = f.child(), f.child()
    f.assessment(in_time, MONDAY, DAY_45, worker=ana)
    f.assessment(late, MONDAY, DAY_46, worker=ana)
    # No recording worker: attributed to whoever was allocated on the authorisation date.
    # Ben (South) held the child until 1 February, Cara (Children in Care) from then.
    moved = f.child()
    f.allocate(moved, ben, date(2024, 11, 1), date(2025, 1, 31))
    f.allocate(moved, cara, date(2025, 2, 1))
    f.assessment(moved, MONDAY, DAY_45)
    # Nobody recorded, nobody allocated.
    f.assessment(f.child(), MONDAY, DAY_46)
    f.allocate(in_time, ana, date(2024, 12, 1))
    return {"north": north, "south": south, "care": care_team, "ana": ana, "cara": cara}


def _rows(breakdown):
    result = compute([ASSESSMENTS], FY2024, END_FY2024, breakdown)[0]
    return {row.name: (row.numerator, row.denominator, row.value) for row in result.breakdown}


def test_team_breakdown_uses_the_recording_worker_else_the_allocation_on_the_date(setup):
    assert _rows("team") == {
        "North Assessment": (1, 2, 50.0),
        "Children in Care": (1, 1, 100.0),
        "Not allocated": (0, 1, 0.0),
    }


def test_worker_and_service_breakdowns(setup):
    workers = _rows("worker")
    assert workers[setup["ana"].full_name] == (1, 2, 50.0)
    assert workers[setup["cara"].full_name] == (1, 1, 100.0)
    services = _rows("service")
    assert services["Assessment and intervention"] == (1, 2, 50.0)
    assert services["Children in care"] == (1, 1, 100.0)


def test_breakdown_adds_up_to_the_council_figure(setup):
    result = compute([ASSESSMENTS], FY2024, END_FY2024, "team")[0]
    assert sum(r.numerator for r in result.breakdown) == result.numerator == 2
    assert sum(r.denominator for r in result.breakdown) == result.denominator == 4


def test_children_behind_the_numerator_and_denominator(setup):
    leader = f.worker(Worker.Role.SENIOR_LEADER)
    above = behind(ASSESSMENTS, "numerator", leader.user)
    every = behind(ASSESSMENTS, "denominator", leader.user)
    assert above.count() == 2
    assert every.count() == 4


def test_children_behind_are_narrowed_to_the_users_scope(setup):
    # A service manager of "Children in care" sees only children allocated in that service now.
    manager = f.worker(Worker.Role.SERVICE_MANAGER, team=setup["care"])
    every = behind(ASSESSMENTS, "denominator", manager.user)
    assert every.count() == 1
    # A social worker sees only their own allocations.
    ana = setup["ana"]
    mine = behind(ASSESSMENTS, "denominator", ana.user)
    assert mine.count() == 1


def test_children_behind_one_team(setup):
    leader = f.worker(Worker.Role.SENIOR_LEADER)
    north = behind(ASSESSMENTS, "denominator", leader.user, group="team", key=setup["north"].pk)
    unallocated = behind(ASSESSMENTS, "denominator", leader.user, group="team", key=None)
    assert north.count() == 2
    assert unallocated.count() == 1


def test_a_rate_has_children_counted_but_no_list_for_the_population(setup):
    leader = f.worker(Worker.Role.SENIOR_LEADER)
    counted = behind("referrals_per_10k", "numerator", leader.user)
    population = behind("referrals_per_10k", "denominator", leader.user)
    assert counted.count() == 4
    assert population.count() == 0


@pytest.mark.parametrize(
    "indicator_id",
    [
        "contact_decisions_within_1_wd_pct",
        "re_referrals_12m_pct",
        "cp_visits_in_time_pct",
        "cla_reviews_in_time_pct",
        "care_leavers_in_touch_pct",
    ],
)
def test_every_child_behind_the_numerator_is_also_behind_the_denominator(indicator_id, setup):
    leader = f.worker(Worker.Role.SENIOR_LEADER)
    kid = f.looked_after(date(2005, 6, 15), date(2021, 1, 1), date(2023, 6, 15))
    f.keeping_in_touch(kid, date(2024, 6, 1))
    f.contact(kid, f.moment(date(2025, 1, 6)), f.moment(date(2025, 1, 6), 15), setup["ana"])
    f.referral(kid, date(2024, 5, 1))
    f.referral(kid, date(2024, 9, 1))
    above = set(behind(indicator_id, "numerator", leader.user))
    every = set(behind(indicator_id, "denominator", leader.user))
    assert above <= every
    assert len(above) == compute([indicator_id], FY2024, END_FY2024)[0].numerator
