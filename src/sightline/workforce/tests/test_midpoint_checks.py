"""Mid-point checks due: assessments in progress whose manager's mid-point check is due soon or
overdue, for the children of the team being viewed only, each linking to the assessment."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.testing.factories import (
    AllocationFactory,
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    MidpointCheckFactory,
)

pytestmark = pytest.mark.django_db


def assessment_for(worker, started: dt.date, **child):
    child = AllocationFactory(worker=worker, child=ChildFactory(**child)).child
    return AssessmentFactory(
        cin_episode=CINEpisodeFactory(child=child, referral_date=started),
        start_date=started,
        worker=worker,
    )


def test_midpoint_checks_due_appear_for_the_managers_team_and_not_for_another_team(
    tm, sw, west_sw, service_manager, west, sign_in
):
    # Checks due 29 September (overdue), 13 October (due soon), 20 October (not yet due soon).
    overdue = assessment_for(sw, dt.date(2025, 9, 1), first_name="Ruby", last_name="Hart")
    soon = assessment_for(sw, dt.date(2025, 9, 15), first_name="Sam", last_name="Hart")
    later = assessment_for(sw, dt.date(2025, 9, 22), first_name="Lily", last_name="Cole")
    elsewhere = assessment_for(west_sw, dt.date(2025, 9, 1), first_name="Noah", last_name="West")

    response = sign_in(tm).get(f"/teams/{tm.team_id}/")
    shown = [m.assessment for m in response.context["view"].midpoint_checks]
    assert shown == [overdue, soon]  # most overdue first
    page = response.content.decode()
    checks = page[page.index('id="midpoint-checks"') :]
    assert f'href="/assessments/{overdue.pk}/"' in checks
    assert f'href="/assessments/{soon.pk}/"' in checks
    assert "29/09/2025" in checks and "Overdue by 9 days" in checks
    assert "Due in 3 working days" in checks
    assert later.child.council_id not in page
    assert elsewhere.child.council_id not in page
    # The children named are on the audit trail.
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.VIEW)
    assert event.detail["council_ids"] == sorted([overdue.child.council_id, soon.child.council_id])

    # The other team's manager (here, the service manager looking at West) sees only West's.
    west_view = sign_in(service_manager).get(f"/teams/{west.pk}/").context["view"]
    assert [m.assessment for m in west_view.midpoint_checks] == [elsewhere]


def test_a_check_done_or_an_assessment_authorised_is_no_longer_due(tm, sw, sign_in):
    checked = assessment_for(sw, dt.date(2025, 9, 1))
    MidpointCheckFactory(assessment=checked, date=dt.date(2025, 10, 1))  # done, if late
    authorised = assessment_for(sw, dt.date(2025, 9, 1))
    authorised.authorised_date = dt.date(2025, 10, 3)
    authorised.save()
    view = sign_in(tm).get(f"/teams/{tm.team_id}/").context["view"]
    assert view.midpoint_checks == []
