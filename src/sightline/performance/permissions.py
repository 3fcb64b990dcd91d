"""Who may see performance, and who may set its local targets and population.

Managers see the council's figures with their own part of the service beside them: a service
manager their service, a team manager their team. Their breakdowns list only that part.

Performance pages answer 404 to anyone else, the same as a page that does not exist, so that a
social worker, personal adviser or IRO learns nothing from trying the address. Which children a
drill-down lists is a separate question, answered by `children_visible_to`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from sightline.access.scope import worker_for
from sightline.people.models import Worker

Role = Worker.Role

VIEWERS = frozenset({Role.SENIOR_LEADER, Role.QA_OFFICER, Role.SERVICE_MANAGER, Role.TEAM_MANAGER})
# Targets and the population figure are the council's own settings: its senior leaders set them.
SETTERS = frozenset({Role.SENIOR_LEADER})


def may_view(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role in VIEWERS


def may_set(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role in SETTERS


@dataclass(frozen=True)
class OwnPart:
    """The part of the service a manager answers for: a breakdown group and its key."""

    group: str  # "service" or "team"
    key: int
    name: str
    whose: str  # "your service's", "your team's"


def own_part(user) -> OwnPart | None:
    worker = worker_for(user)
    if worker is None:
        return None
    if worker.role == Role.SERVICE_MANAGER:
        service = worker.team.service
        return OwnPart("service", service.pk, service.name, "your service's")
    if worker.role == Role.TEAM_MANAGER:
        return OwnPart("team", worker.team_id, worker.team.name, "your team's")
    return None


def require_setter(user, doing: str) -> Worker:
    worker = worker_for(user)
    if worker is None or worker.role not in SETTERS:
        raise PermissionDenied(f"Your role does not allow you to {doing}.")
    return worker
