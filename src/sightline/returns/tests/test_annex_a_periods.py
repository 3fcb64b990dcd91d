"""Annex A: each list covers the period the guidance sets (`periods.PERIODS`), so a record just
inside a list's window is on it and one just outside is not."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sightline.assessments.models import Assessment
from sightline.care.models import AdoptionProcess
from sightline.cin.models import CINEpisode
from sightline.early_help.models import EarlyHelpAssessment, EarlyHelpEpisode
from sightline.leaving_care.models import PathwayPlan
from sightline.protection.models import ChildProtectionPlan, Section47Enquiry
from sightline.returns.annex_a.export import build_rows
from sightline.returns.annex_a.periods import PERIODS, months_before, window_for
from sightline.testing.factories import (
    CareEpisodeFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
)

AS_AT = date(2025, 9, 30)
LONDON = ZoneInfo("Europe/London")
DAY = timedelta(days=1)


def test_six_months_as_at_the_end_of_september_is_april_to_september():
    window = months_before(AS_AT, 6)
    assert (window.start, window.end) == (date(2025, 4, 1), AS_AT)
    assert window_for(10, AS_AT).start == date(2024, 10, 1)
    assert window_for(9, AS_AT).start == AS_AT


def test_every_list_has_a_period_rule():
    assert sorted(PERIODS) == list(range(1, 12))
    assert all(PERIODS[n].months == 6 for n in range(1, 9))
    assert PERIODS[9].months is None
    assert PERIODS[10].months == PERIODS[11].months == 12


def _referral(child, day: date, closed: date | None = None) -> CINEpisode:
    return CINEpisodeFactory(
        child=child, referral_date=day, closure_date=closed, closure_reason="RC7" if closed else ""
    )


def _contact(child, day):
    ContactFactory(child=child, received_at=datetime.combine(day, time(23, 30), tzinfo=LONDON))


def _early_help(child, start, completed):
    episode = EarlyHelpEpisode.objects.create(
        child=child, origin=EarlyHelpEpisode.Origin.REQUEST, start_date=start - DAY * 40
    )
    EarlyHelpAssessment.objects.create(
        child=child,
        episode=episode,
        start_date=start,
        completed_date=completed,
        organisation="School",
        child_views="Views.",
        next_steps="Steps.",
    )


def _assessment(child, start, authorised):
    episode = _referral(child, start)
    Assessment.objects.create(
        child=child, cin_episode=episode, start_date=start, authorised_date=authorised
    )


def _section47(child, day):
    Section47Enquiry.objects.create(child=child, cin_episode=_referral(child, day), start_date=day)


def _cp_plan(child, start, end):
    ChildProtectionPlan.objects.create(
        child=child,
        cin_episode=_referral(child, start),
        start_date=start,
        end_date=end,
        initial_category="NEG",
        latest_category="NEG",
    )


def _care(child, start, end):
    CareEpisodeFactory(child=child, start_date=start, end_date=end)


def _pathway_plan(child, start, end):
    PathwayPlan.objects.create(child=child, start_date=start, end_date=end)


def _adoption(child, decided, adopted):
    AdoptionProcess.objects.create(
        child=child, should_be_placed_date=decided, adoption_order_date=adopted
    )


def _dated_in(w):
    """A record the list takes by its one date: listed on the window's first day and on the
    as-at day, not on the day before or the day after."""
    return (
        [("first day", (w.start,)), ("as-at day", (AS_AT,))],
        [("day before", (w.start - DAY,)), ("day after", (AS_AT + DAY,))],
    )


def _open_in(w, ended: str, started: str = "started", first_day: str = "on the first day"):
    """A record the list takes while it is open: one that started long ago and `ended` on the
    window's first day is listed; one that ended the day before, or `started` the day after
    the as-at day, is not."""
    long_ago = w.start - timedelta(days=400)
    return (
        [(f"{ended} {first_day}", (long_ago, w.start))],
        [
            (f"{ended} the day before", (long_ago, w.start - DAY)),
            (f"{started} the day after", (AS_AT + DAY, None)),
        ],
    )


def _cases(number: int):
    """(what makes the record, [(label, arguments inside the window)], [(label, outside)])."""
    w = window_for(number, AS_AT)
    return {
        1: (_contact, *_dated_in(w)),
        2: (_early_help, *_open_in(w, "completed")),
        3: (_referral, *_dated_in(w)),
        4: (_assessment, *_open_in(w, "authorised")),
        5: (_section47, *_dated_in(w)),
        6: (_referral, *_open_in(w, "closed", started="referred")),
        7: (_cp_plan, *_open_in(w, "ended")),
        8: (_care, *_open_in(w, "ceased")),
        # List 9's window is the as-at day itself: a pathway plan in force then is listed.
        9: (_pathway_plan, *_open_in(w, "ended", "starts", first_day="on the as-at day")),
        10: (_adoption, *_open_in(w, "adopted", started="decided")),
    }[number]


@pytest.mark.django_db
@pytest.mark.parametrize("number", range(1, 11))
def test_a_record_just_inside_the_lists_period_is_listed_and_one_just_outside_is_not(number):
    make, inside, outside = _cases(number)
    expected = {}
    for label, args in inside + outside:
        child = ChildFactory(council_id=f"P{number}{len(expected)}")
        make(child, *args)
        expected[child.council_id] = (label, (label, args) in inside)
    listed = {row[0] for row in build_rows(AS_AT)[number]}
    for council_id, (label, should_be_listed) in expected.items():
        assert (council_id in listed) is should_be_listed, (
            f"List {number}: the record {label} should "
            f"{'be' if should_be_listed else 'not be'} listed"
        )


@pytest.mark.django_db
def test_a_contact_just_after_midnight_counts_on_its_london_date():
    # 00:30 on 1 April 2025 in London (summer time) is 23:30 on 31 March in UTC.
    child = ChildFactory(council_id="EARLY1")
    ContactFactory(child=child, received_at=datetime(2025, 4, 1, 0, 30, tzinfo=LONDON))
    rows = build_rows(AS_AT)[1]
    assert [(r[0], r[5]) for r in rows] == [("EARLY1", date(2025, 4, 1))]


@pytest.mark.django_db
def test_referrals_closed_with_no_further_action_are_on_list_3_but_not_list_6():
    day = date(2025, 6, 1)
    CINEpisodeFactory(
        child=ChildFactory(council_id="NFA1"),
        referral_date=day,
        primary_need="",
        referral_nfa=True,
        closure_date=day,
        closure_reason="RC8",
    )
    rows = build_rows(AS_AT)
    assert [r[0] for r in rows[3]] == ["NFA1"]
    assert rows[6] == []


@pytest.mark.django_db
def test_an_assessment_never_authorised_ends_when_its_referral_closed():
    child = ChildFactory(council_id="OLD1")
    referral = _referral(child, date(2024, 1, 5), closed=date(2024, 3, 1))
    Assessment.objects.create(child=child, cin_episode=referral, start_date=date(2024, 1, 6))
    assert build_rows(AS_AT)[4] == []


@pytest.mark.django_db
def test_periods_of_short_breaks_only_are_not_on_the_children_in_care_list():
    CareEpisodeFactory(
        child=ChildFactory(council_id="SB1"),
        start_date=date(2025, 5, 1),
        legal_status="V3",  # short breaks
        category_of_need="N2",
        placement_type="U6",
        placement_provider="",
    )
    assert build_rows(AS_AT)[8] == []
