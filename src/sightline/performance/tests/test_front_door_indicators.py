"""Front-door indicators agree with hand counts: decisions within 1 working day (counted by the
London day, over weekends and bank holidays), authorisation, and the dip sample."""

from datetime import date

import pytest
from django.utils import timezone

from sightline.frontdoor.models import DecisionAuthorisation, DipSampleDraw, DipSampleItem
from sightline.people.models import Worker

from . import factories as f
from .helpers import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def decider():
    return f.worker()


def test_decision_by_the_end_of_the_next_working_day_is_in_time_and_later_is_late(decider):
    kid = f.child()
    friday = date(2025, 1, 10)
    f.contact(kid, f.moment(friday, 16), f.moment(date(2025, 1, 13), 9), decider)  # Monday: 1
    f.contact(kid, f.moment(friday, 16), f.moment(date(2025, 1, 14), 9), decider)  # Tuesday: 2
    f.contact(kid, f.moment(date(2025, 1, 11), 12), f.moment(date(2025, 1, 13), 9), decider)  # Sat
    assert figures("contact_decisions_within_1_wd_pct") == (66.7, 2, 3)


def test_christmas_bank_holidays_do_not_count_against_a_decision(decider):
    kid = f.child()
    # Received Christmas Eve 2024 (Tuesday), decided Friday 27th: 25th and 26th are holidays.
    f.contact(kid, f.moment(date(2024, 12, 24), 15), f.moment(date(2024, 12, 27), 11), decider)
    assert figures("contact_decisions_within_1_wd_pct") == (100.0, 1, 1)


def test_received_just_after_midnight_in_summer_counts_by_the_london_day(decider):
    kid = f.child()
    # 00:30 on Monday 1 July in London is 23:30 on Sunday in UTC: counted by the UTC day it
    # would look two working days late.
    f.contact(kid, f.moment(date(2024, 7, 1), 0, 30), f.moment(date(2024, 7, 2), 10), decider)
    assert figures("contact_decisions_within_1_wd_pct") == (100.0, 1, 1)


def test_undecided_contact_is_late_once_due_and_left_out_before(decider):
    kid = f.child()
    f.contact(kid, f.moment(date(2025, 3, 3)))  # undecided for weeks: late
    f.contact(kid, f.moment(date(2025, 3, 31), 9))  # received on the as-at date: not yet due
    assert figures("contact_decisions_within_1_wd_pct") == (0.0, 0, 1)


def test_decisions_authorised_by_a_manager(decider):
    kid = f.child()
    manager = f.worker(Worker.Role.TEAM_MANAGER)
    authorised = f.contact(kid, f.moment(date(2025, 2, 3)), f.moment(date(2025, 2, 3), 15), decider)
    f.contact(kid, f.moment(date(2025, 2, 4)), f.moment(date(2025, 2, 4), 15), decider)
    f.contact(kid, f.moment(date(2025, 2, 5)))  # not decided: not counted
    DecisionAuthorisation.objects.create(
        contact=authorised,
        child=kid,
        manager=manager,
        authorised_at=f.moment(date(2025, 2, 4), 9),
        outcome="agreed",
    )
    assert figures("contact_decisions_authorised_pct") == (50.0, 1, 2)


def test_dip_sample_findings_other_than_agree_count_as_disagreeing(decider):
    kid = f.child()
    reviewer = f.worker(Worker.Role.QA_OFFICER)
    draw = DipSampleDraw.objects.create(
        week_start=date(2025, 2, 3),
        drawn_at=timezone.now(),
        share_percent=10,
        seed="x",
        population=3,
    )
    findings = ["agree", "follow_up", "referral", ""]
    for n, finding in enumerate(findings):
        item = f.contact(
            kid, f.moment(date(2025, 2, 3 + n)), f.moment(date(2025, 2, 3 + n), 12), decider
        )
        DipSampleItem.objects.create(
            draw=draw,
            contact=item,
            child=kid,
            finding=finding,
            comments="Look again" if finding not in ("", "agree") else "",
            reviewed_by=reviewer if finding else None,
            reviewed_at=f.moment(date(2025, 2, 10)) if finding else None,
        )
    assert figures("nfa_dip_sample_disagree_pct") == (66.7, 2, 3)


def test_contacts_per_10k_counts_each_contact_in_the_period(decider, settings):
    from sightline.performance.models import ChildPopulation

    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=timezone.now())
    kid = f.child()
    for d in (date(2024, 4, 1), date(2025, 3, 31), date(2025, 4, 1)):
        f.contact(kid, f.moment(d))
    assert figures("contacts_per_10k") == (2.0, 2, 10_000)
