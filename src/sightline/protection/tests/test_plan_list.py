"""The list of open plans a manager scans for plans without measurable outcomes, plans open
too long and families never offered a family group conference."""

import datetime as dt

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.people.models import Worker
from sightline.protection.models import FamilyGroupConference
from sightline.protection.selectors import started_by
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    CINEpisodeFactory,
    PlanFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.timescales.declarations import Period

from .factories import OutcomeFactory

pytestmark = pytest.mark.django_db
URL = "/child-protection/plans/"


def plan_for(worker, start: dt.date, **extra):
    child = ChildFactory()
    AllocationFactory(child=child, worker=worker)
    episode = CINEpisodeFactory(child=child, referral_date=start - dt.timedelta(days=20))
    return PlanFactory(
        icpc__section47__strategy_discussion__cin_episode=episode,
        icpc__section47__strategy_discussion__date=start - dt.timedelta(days=14),
        icpc__date=start,
        **extra,
    )


@pytest.fixture
def plans(social_worker):
    recent = plan_for(social_worker, dt.date(2025, 10, 1))
    OutcomeFactory(cp_plan=recent)
    FamilyGroupConference.objects.create(
        child=recent.child, cp_plan=recent, offered_date=dt.date(2025, 10, 6)
    )
    long = plan_for(social_worker, dt.date(2024, 6, 3))  # 19 months, no outcomes, no FGC
    ended = plan_for(
        social_worker,
        dt.date(2024, 1, 8),
        end_date=dt.date(2025, 1, 8),
        end_reason="no_longer_needed",
    )
    elsewhere = plan_for(WorkerFactory(team=TeamFactory(name="Other")), dt.date(2024, 1, 8))
    return {"recent": recent, "long": long, "ended": ended, "elsewhere": elsewhere}


def rows(html: str) -> list[str]:
    return html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0].split("<tr")[1:]


def test_manager_sees_open_plans_in_scope_longest_first(plans, manager, sign_in):
    html = sign_in(manager).get(URL).content.decode()
    shown = rows(html)
    assert len(shown) == 2
    assert plans["long"].child.council_id in shown[0]
    assert plans["recent"].child.council_id in shown[1]
    assert plans["ended"].child.council_id not in html
    assert plans["elsewhere"].child.council_id not in html


def test_each_row_flags_length_outcomes_and_family_group_conference(plans, manager, sign_in):
    long, recent = rows(sign_in(manager).get(URL).content.decode())
    assert "19 months" in long and "18 months or more" in long
    assert '<strong class="govuk-tag govuk-tag--red">None</strong>' in long  # no outcomes
    assert '<strong class="govuk-tag govuk-tag--orange">No</strong>' in long  # no FGC
    assert "3 months" in recent and "or more" not in recent
    assert ">1</td>" in recent and ">Yes</td>" in recent


def test_filters_count_and_show_the_plans_that_need_attention(plans, manager, sign_in):
    client = sign_in(manager)
    html = client.get(URL).content.decode()
    assert "Plans without measurable outcomes (1)" in html
    assert "No family group conference offered (1)" in html
    assert "On a plan 15 months or more (1)" in html
    assert "On a plan 18 months or more (1)" in html
    assert "On a plan 24 months or more (0)" in html
    for show in ("no-outcomes", "no-fgc", "18-months"):
        shown = rows(client.get(URL, {"show": show}).content.decode())
        assert len(shown) == 1, show
        assert plans["long"].child.council_id in shown[0], show
    assert "No open plans to show" in client.get(URL, {"show": "24-months"}).content.decode()


def test_next_review_due_comes_from_the_engine(plans, manager, sign_in):
    _, recent = rows(sign_in(manager).get(URL).content.decode())
    assert "1 Jan 2026" in recent  # 3 months from the conference on 1 October 2025
    assert "Overdue" in recent


def test_viewing_the_list_is_on_the_audit_trail(plans, manager, sign_in):
    sign_in(manager).get(URL, {"show": "no-outcomes"})
    event = AuditEvent.objects.get(event_type=EventType.LIST_VIEWED)
    assert event.summary.startswith(
        "Viewed the list of open child protection plans: Plans without measurable outcomes"
    )
    assert event.detail == {"council_ids": [plans["long"].child.council_id]}


def test_a_quality_assurance_officer_sees_every_open_plan(plans, sign_in):
    qa = WorkerFactory(team=TeamFactory(name="Quality assurance"), role=Worker.Role.QA_OFFICER)
    html = sign_in(qa).get(URL).content.decode()
    for key in ("long", "recent", "elsewhere"):
        assert plans[key].child.council_id in html, key
    assert plans["ended"].child.council_id not in html
    assert f'href="{URL}"' in html  # the header offers the list


def test_a_social_worker_is_not_offered_the_list_and_gets_the_404(plans, social_worker, sign_in):
    client = sign_in(social_worker)
    home = client.get("/")
    assert home.status_code == 200
    assert f'href="{URL}"' not in home.content.decode()
    assert client.get(URL).status_code == 404


def test_plan_length_filter_counts_as_the_engine_does_at_month_ends():
    # 31 August + 6 months is 28 February, so that plan has reached 6 months by then.
    assert started_by(Period(6, "months"), dt.date(2026, 2, 28)) == dt.date(2025, 8, 31)
    assert started_by(Period(6, "months"), dt.date(2026, 2, 27)) == dt.date(2025, 8, 27)
    # 10 working days from 30 December 2025 skip New Year's Day and end on 14 January 2026.
    assert started_by(Period(10, "wd"), dt.date(2026, 1, 14)) == dt.date(2025, 12, 30)
