"""Who may do what at the front door, by role. Which records they may do it to is a separate
question, answered by the scoped selectors (`sightline.access.scope`).

Pages a role may not use answer 404, as the LADO pages do, so that a page's existence tells an
unauthorised user nothing; services raise PermissionDenied as a second line of defence.
"""

from django.core.exceptions import PermissionDenied

from sightline.access.scope import Scope, scope_of, worker_for
from sightline.people.models import Team, Worker

Role = Worker.Role

# Practitioners and their managers record contacts and decide on them.
RECORDERS = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
DECIDERS = RECORDERS
# Oversight of a decision is a manager's job (Working Together 2023: management oversight of
# every front-door decision).
AUTHORISERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
DIP_SAMPLE_REVIEWERS = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.QA_OFFICER})
DIP_SAMPLE_SETTERS = frozenset({Role.SERVICE_MANAGER, Role.SENIOR_LEADER})
MONITOR_VIEWERS = frozenset({Role.SERVICE_MANAGER, Role.SENIOR_LEADER})


def has_role(user, roles: frozenset[str]) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role in roles


def require_role(user, roles: frozenset[str], doing: str) -> Worker:
    """The user's worker record, or PermissionDenied naming what they tried to do."""
    worker = worker_for(user)
    if worker is None or worker.role not in roles:
        raise PermissionDenied(f"Your role does not allow you to {doing}.")
    return worker


def may_record_contacts(user) -> bool:
    return has_role(user, RECORDERS)


def may_add_new_children(user) -> bool:
    """Only the front door adds a child the council does not know yet: anyone else finds the
    child they hold, so a duplicate record is not made outside the team that checks for one."""
    worker = worker_for(user)
    return (
        worker is not None and worker.role in RECORDERS and worker.team.kind == Team.Kind.FRONT_DOOR
    )


def may_decide(user) -> bool:
    return has_role(user, DECIDERS)


def may_authorise(user) -> bool:
    return has_role(user, AUTHORISERS)


def may_review_dip_samples(user) -> bool:
    return has_role(user, DIP_SAMPLE_REVIEWERS)


def may_set_dip_sample_share(user) -> bool:
    return has_role(user, DIP_SAMPLE_SETTERS)


def may_see_monitor(user) -> bool:
    return has_role(user, MONITOR_VIEWERS)


def may_screen_household(user) -> bool:
    """Screening needs the household's history before anyone is allocated, so the front door
    (and those who see every child anyway) see it whole; others see only what is in their scope.
    """
    worker = worker_for(user)
    if worker is None:
        return False
    return worker.team.kind == Team.Kind.FRONT_DOOR or scope_of(user) is Scope.ALL
