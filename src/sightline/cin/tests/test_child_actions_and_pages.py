"""Links on the child's record for children in need, offered only to roles that may act, and
the labels every input on the children in need pages carries."""

import datetime as dt

import pytest

from sightline.cin.child_actions import actions
from sightline.people.models import Worker
from sightline.testing.factories import WorkerFactory
from sightline.testing.helpers import unlabelled_controls

pytestmark = pytest.mark.django_db


def labels(child, worker) -> list[str]:
    return [a.label for a in actions(child, worker.user)]


def test_a_manager_may_start_a_plan_on_an_open_referral_without_one(tm, child, episode):
    assert "Start a child in need plan (referral of 6 January 2025)" in labels(child, tm)


def test_a_social_worker_may_record_but_not_start_a_plan(sw, child, episode):
    assert labels(child, sw) == ["Record a disabled children's package of care"]


def test_with_an_open_plan_practitioners_may_open_it_and_record_visits_and_reviews(
    sw, tm, child, plan
):
    expected = [
        "Open child in need plan (started 3 March 2025)",
        "Record a CIN visit",
        "Record a child in need plan review",
        "Record a disabled children's package of care",
    ]
    assert labels(child, sw) == expected
    assert labels(child, tm) == expected  # no second plan offered while one is open
    urls = {a.label: a.url for a in actions(child, sw.user)}
    assert urls["Record a CIN visit"] == f"/children-in-need/plans/{plan.pk}/visits/new/"


def test_a_read_only_role_may_only_open_records(child, plan, package, cin_team):
    leader = WorkerFactory(team=cin_team, role=Worker.Role.SENIOR_LEADER)
    assert labels(child, leader) == [
        "Open child in need plan (started 3 March 2025)",
        "Open package of care (started 1 April 2024)",
    ]


def test_an_ended_package_is_not_offered(sw, child, package):
    package.end_date = dt.date(2025, 8, 1)
    package.save()
    assert not any(label.startswith("Open package") for label in labels(child, sw))


@pytest.mark.parametrize(
    "url",
    [
        "/children-in-need/plans/{plan}/end/",
        "/children-in-need/plans/{plan}/reviews/new/",
        "/children-in-need/plans/{plan}/visits/new/",
        "/children-in-need/packages/{package}/reviews/new/",
        "/children-in-need/packages/{package}/reassess/",
        "/children-in-need/children/{child}/packages/new/",
        "/children-in-need/referrals/{episode}/plans/start/",
    ],
)
def test_every_input_on_a_recording_page_has_a_label_and_errors_are_summarised(
    tm, child, episode, plan, package, sign_in, url
):
    client = sign_in(tm)
    plan_for_start = url.endswith("plans/start/")
    if plan_for_start:
        plan.end_date = dt.date(2025, 9, 1)
        plan.save()
    address = url.format(
        plan=plan.pk, package=package.pk, child=child.council_id, episode=episode.pk
    )
    response = client.get(address)
    assert response.status_code == 200
    assert unlabelled_controls(response.content.decode()) == []
    bad = client.post(address, {}).content.decode()
    assert "<title>Error: " in bad
    assert "There is a problem" in bad
