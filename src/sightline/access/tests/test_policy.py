"""The one access policy: roles × actions, the second line of defence in services, and the
generated permissions table."""

from pathlib import Path

import pytest

from sightline.access.actor import Actor
from sightline.access.policy import POLICY, Action, Forbidden, may, permissions_markdown, require
from sightline.people.models import Team, Worker
from sightline.testing.factories import AllocationFactory, ChildFactory, TeamFactory, WorkerFactory

Role = Worker.Role
PERMISSIONS_DOC = Path(__file__).resolve().parents[4] / "docs" / "permissions.md"


def test_every_action_has_a_rule_and_every_rule_an_action():
    assert set(POLICY) == set(Action)


def test_permissions_document_is_generated_from_the_policy():
    assert PERMISSIONS_DOC.read_text() == permissions_markdown(), (
        "docs/permissions.md is stale: run `script/sightline permissions --write`"
    )


def test_a_team_manager_may_authorise_a_decision_but_a_social_worker_may_not(team):
    manager = WorkerFactory(team=team, role=Role.TEAM_MANAGER)
    worker = WorkerFactory(team=team, role=Role.SOCIAL_WORKER)
    assert may(manager.user, Action.AUTHORISE_DECISION)
    assert not may(worker.user, Action.AUTHORISE_DECISION)


def test_only_the_front_door_adds_a_child_the_council_does_not_know(db):
    front_door = TeamFactory(name="MASH", kind=Team.Kind.FRONT_DOOR)
    other = TeamFactory(name="Safeguarding North", kind=Team.Kind.SAFEGUARDING)
    assert may(WorkerFactory(team=front_door).user, Action.ADD_NEW_CHILD)
    assert not may(WorkerFactory(team=other).user, Action.ADD_NEW_CHILD)


def test_an_ended_worker_may_do_nothing(team):
    worker = WorkerFactory(team=team, role=Role.SOCIAL_WORKER, active=False)
    assert not any(may(worker.user, action) for action in Action)


def test_a_service_refuses_a_child_outside_the_actors_scope_even_for_a_permitted_role(team):
    worker = WorkerFactory(team=team, role=Role.SOCIAL_WORKER)
    mine, someone_elses = ChildFactory(), ChildFactory()
    AllocationFactory(child=mine, worker=worker)
    actor = Actor.for_user(worker.user)
    assert require(actor, Action.RECORD_CIN_WORK, child=mine) == worker
    with pytest.raises(Forbidden):
        require(actor, Action.RECORD_CIN_WORK, child=someone_elses)


def test_a_service_refuses_a_role_the_policy_does_not_allow(team):
    iro = WorkerFactory(team=team, role=Role.IRO)
    child = ChildFactory()
    AllocationFactory(child=child, worker=iro)
    with pytest.raises(Forbidden):
        require(Actor.for_user(iro.user), Action.AUTHORISE_DECISION, child=child)


def test_a_system_actor_such_as_an_import_may_act_for_the_council(db):
    assert require(Actor.system("CIN census import"), Action.RECORD_CIN_WORK) is None
