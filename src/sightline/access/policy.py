"""The one access policy: every action a page or service can take, and which roles may take it.

Which *records* a user may touch is the other half, answered by the scoped fetches in
`scope.py`. Together they are the only place that decides who may do what:
- views declare their action (`sightline.web.pages.page`), so a role that may not use a page
  gets the same 404 as a missing record, and a view that declares nothing fails a test;
- services call `require(actor, action, child=...)`, which checks the role *and* that the child
  is within the actor's scope, so a service is safe to call from anywhere (a command, an API);
- templates and child actions ask `may(user, action)` before offering a link.

`docs/permissions.md` is generated from `POLICY` (`sightline permissions --write`); a test fails
when it is stale. System actors (imports, scheduled jobs, the synthetic county) may take any
action: they act for the council, and their events name them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.http import Http404

from sightline.people.models import Team, Worker

from .actor import Actor, as_actor
from .scope import Scope, children_visible_to, scope_of, worker_for

Role = Worker.Role


class Action(StrEnum):
    """What someone does, in the words the permissions table uses."""

    # Every signed-in worker
    USE_SIGHTLINE = "use Sightline (My work, find a child)"
    VIEW_CHILD_RECORD = "see the record of a child in their scope"
    # The child's details, network and case recording
    EDIT_CHILD_DETAILS = "change a child's details, names, addresses and network"
    RECORD_CASE_NOTE = "record a case note or visit narrative"
    MERGE_CHILDREN = "merge two records of the same child"
    # Allocation and the workforce
    ALLOCATE_WORKER = "allocate, transfer and end a worker's allocation to a child"
    VIEW_UNALLOCATED_WORK = "see children and open work with no allocated worker"
    MANAGE_WORKFORCE = "create, change and end workers, sign-ins, teams and services"
    # Front door
    RECORD_CONTACT = "record a contact"
    ADD_NEW_CHILD = "add a child the council does not know"
    DECIDE_CONTACT = "decide on a contact"
    AUTHORISE_DECISION = "authorise a front-door decision"
    VIEW_DIP_SAMPLES = "see the weekly dip samples and draw a week's sample"
    REVIEW_DIP_SAMPLE = "review dip-sampled decisions"
    SET_DIP_SAMPLE_SHARE = "set the dip sample share"
    VIEW_FRONT_DOOR_MONITOR = "see the front door monitor"
    SCREEN_WHOLE_HOUSEHOLD = "see a household's whole history when screening"
    # Early help
    RECORD_EARLY_HELP = "record early help"
    # Assessment
    RECORD_ASSESSMENT_WORK = "record assessment work"
    MANAGE_ASSESSMENT = "start, allocate, check and authorise an assessment"
    # Child in need
    RECORD_CIN_WORK = "record child in need work"
    MANAGE_CIN_PLAN = "start and end a child in need plan"
    OVERSEE_CIN_PACKAGES = "see packages with an overdue needs reassessment"
    # Child protection
    RECORD_CP_PRACTICE = "record child protection practice"
    RECORD_CONFERENCE = "record a child protection conference"
    VIEW_CP_PLANS = "see the list of child protection plans"
    # Oversight and leadership
    VIEW_TEAMS = "see team views"
    VIEW_PERFORMANCE = "see performance"
    SET_PERFORMANCE_TARGETS = "set performance targets and the child population"
    # Restricted services and administration
    VIEW_LADO = "see LADO allegations"
    VIEW_AUDIT_TRAIL = "see the audit trail"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    # A further condition on the worker (their team, a grant), said in words for the table.
    condition: Callable[[Worker], bool] | None = None
    condition_text: str = ""


ALL_ROLES = frozenset(Role.values)
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
# Practitioners and the managers over them record the work.
PRACTITIONERS = MANAGERS | {Role.SOCIAL_WORKER}
# Everyone whose scope holds children (administrators and the LADO team see none).
CASE_ROLES = frozenset(
    role for role in Role.values if role not in {Role.ADMINISTRATOR, Role.LADO_OFFICER}
)


def _in_front_door(worker: Worker) -> bool:
    return worker.team.kind == Team.Kind.FRONT_DOOR


def _front_door_or_sees_all(worker: Worker) -> bool:
    return worker.team.kind == Team.Kind.FRONT_DOOR or scope_of(worker.user) is Scope.ALL


def _lado_team_or_granted(worker: Worker) -> bool:
    from .scope import may_see_lado

    return may_see_lado(worker.user)


POLICY: dict[Action, Rule] = {
    Action.USE_SIGHTLINE: Rule(ALL_ROLES),
    Action.VIEW_CHILD_RECORD: Rule(CASE_ROLES),
    # Those who work with the child keep their record right; leaders and QA read it.
    Action.EDIT_CHILD_DETAILS: Rule(PRACTITIONERS | {Role.PERSONAL_ADVISER, Role.IRO}),
    Action.RECORD_CASE_NOTE: Rule(PRACTITIONERS | {Role.PERSONAL_ADVISER, Role.IRO}),
    # A merge moves every record of one child to another: a manager's decision.
    Action.MERGE_CHILDREN: Rule(MANAGERS),
    Action.ALLOCATE_WORKER: Rule(MANAGERS),
    Action.VIEW_UNALLOCATED_WORK: Rule(MANAGERS),
    Action.MANAGE_WORKFORCE: Rule(frozenset({Role.ADMINISTRATOR})),
    Action.RECORD_CONTACT: Rule(PRACTITIONERS),
    # Only the front door adds a child: anyone else finds the child they hold, so a duplicate
    # is not made outside the team that checks for one.
    Action.ADD_NEW_CHILD: Rule(PRACTITIONERS, _in_front_door, "in a front-door team"),
    Action.DECIDE_CONTACT: Rule(PRACTITIONERS),
    # Working Together 2023: management oversight of every front-door decision.
    Action.AUTHORISE_DECISION: Rule(MANAGERS),
    # Those who review the sample and those who set its share both see it.
    Action.VIEW_DIP_SAMPLES: Rule(MANAGERS | {Role.QA_OFFICER, Role.SENIOR_LEADER}),
    Action.REVIEW_DIP_SAMPLE: Rule(MANAGERS | {Role.QA_OFFICER}),
    Action.SET_DIP_SAMPLE_SHARE: Rule(frozenset({Role.SERVICE_MANAGER, Role.SENIOR_LEADER})),
    Action.VIEW_FRONT_DOOR_MONITOR: Rule(frozenset({Role.SERVICE_MANAGER, Role.SENIOR_LEADER})),
    # Screening needs the household's history before anyone is allocated.
    Action.SCREEN_WHOLE_HOUSEHOLD: Rule(
        CASE_ROLES, _front_door_or_sees_all, "in a front-door team, or seeing every child"
    ),
    Action.RECORD_EARLY_HELP: Rule(PRACTITIONERS),
    Action.RECORD_ASSESSMENT_WORK: Rule(PRACTITIONERS),
    Action.MANAGE_ASSESSMENT: Rule(MANAGERS),
    Action.RECORD_CIN_WORK: Rule(PRACTITIONERS),
    Action.MANAGE_CIN_PLAN: Rule(MANAGERS),
    Action.OVERSEE_CIN_PACKAGES: Rule(MANAGERS | {Role.SENIOR_LEADER}),
    Action.RECORD_CP_PRACTICE: Rule(frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})),
    Action.RECORD_CONFERENCE: Rule(frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO})),
    Action.VIEW_CP_PLANS: Rule(MANAGERS | {Role.SENIOR_LEADER, Role.QA_OFFICER}),
    Action.VIEW_TEAMS: Rule(MANAGERS | {Role.SENIOR_LEADER}),
    Action.VIEW_PERFORMANCE: Rule(
        frozenset({Role.SENIOR_LEADER, Role.QA_OFFICER, Role.SERVICE_MANAGER, Role.TEAM_MANAGER})
    ),
    # Targets and the population are the council's own settings: its senior leaders set them.
    Action.SET_PERFORMANCE_TARGETS: Rule(frozenset({Role.SENIOR_LEADER})),
    Action.VIEW_LADO: Rule(
        ALL_ROLES, _lado_team_or_granted, "in the LADO team, or holding a current grant"
    ),
    Action.VIEW_AUDIT_TRAIL: Rule(frozenset({Role.ADMINISTRATOR})),
}


class Forbidden(Http404):
    """Refused by the policy. It is a 404, so a page that lets one escape from a service
    answers exactly as for a missing record: a refusal never tells anyone a record exists."""


def _allowed(worker: Worker | None, action: Action) -> bool:
    if worker is None:
        return False
    rule = POLICY[action]
    if worker.role not in rule.roles:
        return False
    return rule.condition is None or rule.condition(worker)


def may(user, action: Action) -> bool:
    """May this signed-in user take this action at all (whatever the record)?"""
    return _allowed(worker_for(user), action)


def require(actor: Actor, action: Action, *, child=None) -> Worker | None:
    """The actor's worker record if they may take `action` (on `child`, when given: the child
    must be in their scope too), else `Forbidden`. A system actor may take any action."""
    actor = as_actor(actor)
    if actor.is_system:
        return None
    worker = worker_for(actor.user)
    if not _allowed(worker, action):
        raise Forbidden(f"Your role does not allow you to {action}.")
    if child is not None and not children_visible_to(actor.user).filter(pk=child.pk).exists():
        raise Forbidden(f"You cannot {action} for this child.")
    return worker


def permissions_markdown() -> str:
    """The role x action table, as docs/permissions.md holds it."""
    roles = list(Role)
    lines = [
        "# Who may do what",
        "",
        "Generated from `src/sightline/access/policy.py` by `sightline permissions --write`;",
        "a test fails when this file is stale. Which children each role sees is the other",
        "half of access (see `access/scope.py`): a yes here is only for children in scope.",
        "A page a role may not use answers 404, exactly like a page that does not exist.",
        "",
        "| action | " + " | ".join(role.label for role in roles) + " | condition |",
        "| --- | " + " | ".join("---" for _ in roles) + " | --- |",
    ]
    for action, rule in POLICY.items():
        cells = ["yes" if role.value in rule.roles else "" for role in roles]
        lines.append(f"| {action} | " + " | ".join(cells) + f" | {rule.condition_text} |")
    return "\n".join(lines) + "\n"
