"""Links on the child's record: managers start an assessment on an open referral; anyone who can
see the child opens an assessment in progress."""

import datetime as dt

import pytest

from sightline.assessments.child_actions import actions
from sightline.people.models import Worker
from sightline.testing.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def labels(child, worker) -> list[str]:
    return [a.label for a in actions(child, worker.user)]


def test_a_manager_is_offered_to_start_an_assessment_on_an_open_referral(tm, child, episode):
    [action] = actions(child, tm.user)
    assert action.label == "Start an assessment (referral of 1 September 2025)"
    assert action.url == f"/assessments/referrals/{episode.pk}/start/"
    assert action.group == "Assessment"


def test_a_social_worker_is_not_offered_to_start_one(sw, child, episode):
    assert labels(child, sw) == []


def test_with_an_assessment_in_progress_everyone_may_open_it_and_none_may_start_another(
    tm, sw, child, assessment
):
    assert labels(child, tm) == ["Open assessment (started 3 September 2025)"]
    assert labels(child, sw) == ["Open assessment (started 3 September 2025)"]


def test_a_closed_or_no_further_action_referral_offers_nothing(tm, child, episode):
    episode.referral_nfa = True
    episode.closure_date, episode.closure_reason = dt.date(2025, 9, 2), "RC8"
    episode.save()
    assert labels(child, tm) == []


def test_an_authorised_assessment_is_no_longer_offered_and_a_new_one_may_start(
    tm, child, assessment
):
    assessment.authorised_date = dt.date(2025, 9, 19)
    assessment.save()
    assert labels(child, tm) == ["Start an assessment (referral of 1 September 2025)"]


def test_the_links_appear_on_the_childs_record(tm, child, episode, sign_in):
    page = sign_in(tm).get(f"/children/{child.council_id}/").content.decode()
    assert f'href="/assessments/referrals/{episode.pk}/start/"' in page


def test_read_only_roles_are_offered_nothing_to_start(child, episode, assessment_team):
    leader = WorkerFactory(team=assessment_team, role=Worker.Role.SENIOR_LEADER)
    assert labels(child, leader) == []
