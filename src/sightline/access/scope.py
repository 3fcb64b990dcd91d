"""Need-to-know access: which children, and which records, a user may see.

Every list, detail page, search, export and API call fetches through these functions, so a
record outside the user's scope is simply not found: forbidden and missing look the same.

Scopes by role (the worker's role on their `Worker` record):
- own allocations: social workers, personal advisers, IROs;
- team: team managers (children allocated to anyone now in their team);
- service: service managers (children allocated within any team of their service);
- all: senior leaders and quality assurance officers;
- none: administrators and LADO officers, who have their own pages (the audit trail, LADO).
Workers in a front-door team also see children with a contact received in the last 30 days,
because screening happens before anyone is allocated.
LADO allegations are visible only to the LADO team and to holders of a current explicit grant.
"""

from datetime import timedelta
from enum import StrEnum
from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sightline.people.models import Allocation, Child, Team, Worker

FRONT_DOOR_RECENT_DAYS = 30
M = TypeVar("M", bound=Model)


class Scope(StrEnum):
    OWN = "own allocations"
    TEAM = "team"
    SERVICE = "service"
    ALL = "all"
    NONE = "none"


ROLE_SCOPE: dict[str, Scope] = {
    Worker.Role.SOCIAL_WORKER: Scope.OWN,
    Worker.Role.PERSONAL_ADVISER: Scope.OWN,
    Worker.Role.IRO: Scope.OWN,
    Worker.Role.TEAM_MANAGER: Scope.TEAM,
    Worker.Role.SERVICE_MANAGER: Scope.SERVICE,
    Worker.Role.SENIOR_LEADER: Scope.ALL,
    Worker.Role.QA_OFFICER: Scope.ALL,
    Worker.Role.ADMINISTRATOR: Scope.NONE,
    Worker.Role.LADO_OFFICER: Scope.NONE,
}


def worker_for(user) -> Worker | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        worker = user.worker
    except Worker.DoesNotExist:
        return None
    return worker if worker.active else None


def scope_of(user) -> Scope:
    worker = worker_for(user)
    return ROLE_SCOPE.get(worker.role, Scope.NONE) if worker else Scope.NONE


def is_administrator(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role == Worker.Role.ADMINISTRATOR


def children_visible_to(user) -> QuerySet[Child]:
    """The one scoped fetch of children. Everything else narrows from here."""
    worker = worker_for(user)
    if worker is None:
        return Child.objects.none()
    scope = ROLE_SCOPE.get(worker.role, Scope.NONE)
    if scope is Scope.ALL:
        return Child.objects.all()
    today = timezone.localdate()
    current = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        child=OuterRef("pk"),
        start_date__lte=today,
    )
    if scope is Scope.OWN:
        allowed = Q(Exists(current.filter(worker=worker)))
    elif scope is Scope.TEAM:
        allowed = Q(Exists(current.filter(worker__team_id=worker.team_id)))
    elif scope is Scope.SERVICE:
        allowed = Q(Exists(current.filter(worker__team__service_id=worker.team.service_id)))
    else:
        allowed = Q(pk__in=[])
    if worker.team.kind == Team.Kind.FRONT_DOOR and scope is not Scope.NONE:
        from sightline.frontdoor.models import Contact

        since = timezone.now() - timedelta(days=FRONT_DOOR_RECENT_DAYS)
        recent = Contact.objects.filter(child=OuterRef("pk"), received_at__gte=since)
        allowed |= Q(Exists(recent))
    return Child.objects.filter(allowed)


def records_visible_to(user, model: type[M]) -> QuerySet[M]:
    """Any child-linked record type, narrowed to the children the user may see."""
    if model is Child:
        return children_visible_to(user)
    if model._meta.label == "lado.Allegation":
        return allegations_visible_to(user)
    model._meta.get_field("child")  # every scoped record hangs from a child
    return model.objects.filter(child__in=children_visible_to(user).values("pk"))


def get_visible_or_404(user, model: type[M], **lookup) -> M:
    """Fetch one record within scope; a forbidden record raises the same 404 as a missing one."""
    try:
        return records_visible_to(user, model).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {model._meta.verbose_name} found") from None


def may_see_lado(user) -> bool:
    worker = worker_for(user)
    if worker is None:
        return False
    if worker.team.kind == Team.Kind.LADO:
        return True
    today = timezone.localdate()
    return user.lado_grants.filter(starts_on__lte=today, ends_on__gte=today).exists()


def allegations_visible_to(user):
    from sightline.lado.models import Allegation

    return Allegation.objects.all() if may_see_lado(user) else Allegation.objects.none()
