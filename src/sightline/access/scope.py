"""Need-to-know access: which children, and which records, a user may see.

Every list, detail page, search, export and API call fetches through these functions, so a
record outside the user's scope is simply not found: forbidden and missing look the same.

Scopes by role (the worker's role on their `Worker` record):
- own allocations: social workers, personal advisers, IROs;
- team: team managers (children allocated to anyone now in their team);
- service: service managers (children allocated within any team of their service);
- all: senior leaders and quality assurance officers;
- none: administrators and LADO officers, who have their own pages (the audit trail, LADO).

An app widens or narrows this in its `visibility.py` (found by `sightline.plugins.discover`),
so access imports no domain app:
- `children_also_visible(worker) -> Q | None`: more children a worker with any scope may see
  (the front door: children with a recent contact, because screening happens before anyone is
  allocated);
- `RECORDS = {"app.Model": fetch(user) -> QuerySet}`: record types not scoped through a
  child, each with its own rule (LADO allegations: only the LADO team and holders of a current
  explicit grant).
"""

import re
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sightline.people.models import Allocation, Child, Team, Worker
from sightline.plugins import discover

M = TypeVar("M", bound=Model)
SEARCH_LIMIT = 50


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
        return Child.objects.filter(merged_into__isnull=True)
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
    if scope is not Scope.NONE:
        # Only a worker who sees some children at all may be shown more by an app.
        for module in discover("visibility"):
            more = getattr(module, "children_also_visible", lambda worker: None)(worker)
            if more is not None:
                allowed |= more
    # A duplicate merged into another record is that record now (frontdoor/merging.py).
    return Child.objects.filter(allowed, merged_into__isnull=True)


def records_visible_to(user, model: type[M]) -> QuerySet[M]:
    """Any child-linked record type, narrowed to the children the user may see."""
    if model is Child:
        return children_visible_to(user)
    for module in discover("visibility"):
        fetch = getattr(module, "RECORDS", {}).get(model._meta.label)
        if fetch is not None:
            return fetch(user)
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


def child_for(user, council_id: str) -> Child:
    """One child the user may see, or a 404 that looks the same as a missing child."""
    return get_visible_or_404(user, Child, council_id=council_id)


def my_children(user) -> QuerySet[Child]:
    """Children currently allocated to the signed-in worker (whatever their wider scope)."""
    worker = worker_for(user)
    if worker is None:
        return Child.objects.none()
    today = timezone.localdate()
    mine = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), worker=worker, start_date__lte=today
    ).values("child_id")
    return children_visible_to(user).filter(pk__in=mine)


def parse_uk_date(text: str) -> date | None:
    """A date typed the UK way (25/12/2015, 25-12-2015, 25.12.2015) or ISO (2015-12-25)."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def search_children(user, query: str) -> QuerySet[Child]:
    """Children in scope matching a name, a council ID or a date of birth."""
    query = query.strip()
    visible = children_visible_to(user)
    if not query:
        return visible.none()
    born = parse_uk_date(query)
    if born is not None:
        return visible.filter(Q(date_of_birth=born) | Q(expected_date_of_birth=born))[:SEARCH_LIMIT]
    if re.fullmatch(r"[A-Za-z]*\d[A-Za-z0-9]*", query):
        return visible.filter(council_id__iexact=query)[:SEARCH_LIMIT]
    condition = Q()
    for word in query.split():
        condition &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return visible.filter(condition)[:SEARCH_LIMIT]
