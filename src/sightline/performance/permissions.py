"""Who may see performance, and who may set its local targets and population.

Performance pages answer 404 to anyone else, the same as a page that does not exist, so that a
social worker, personal adviser or IRO learns nothing from trying the address. Which children a
drill-down lists is a separate question, answered by `children_visible_to`.
"""

from django.core.exceptions import PermissionDenied

from sightline.access.scope import worker_for
from sightline.people.models import Worker

Role = Worker.Role

VIEWERS = frozenset({Role.SENIOR_LEADER, Role.QA_OFFICER, Role.SERVICE_MANAGER})
# Targets and the population figure are the council's own settings: its senior leaders set them.
SETTERS = frozenset({Role.SENIOR_LEADER})


def may_view(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role in VIEWERS


def may_set(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role in SETTERS


def own_service_id(user) -> int | None:
    """A service manager's service: their dashboard adds its figures beside the council's."""
    worker = worker_for(user)
    if worker is not None and worker.role == Role.SERVICE_MANAGER:
        return worker.team.service_id
    return None


def require_setter(user, doing: str) -> Worker:
    worker = worker_for(user)
    if worker is None or worker.role not in SETTERS:
        raise PermissionDenied(f"Your role does not allow you to {doing}.")
    return worker
