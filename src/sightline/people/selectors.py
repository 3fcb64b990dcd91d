"""Reads of children for pages and exports, always through the user's scope."""

import re
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from sightline.access.scope import children_visible_to, get_visible_or_404, worker_for

from .models import Allocation, Child

SEARCH_LIMIT = 50


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
    words = query.split()
    condition = Q()
    for word in words:
        condition &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return visible.filter(condition)[:SEARCH_LIMIT]


def child_for(user, council_id: str) -> Child:
    """One child the user may see, or a 404 that looks the same as a missing child."""
    return get_visible_or_404(user, Child, council_id=council_id)


def current_allocations(child: Child, today: date | None = None) -> QuerySet[Allocation]:
    today = today or timezone.localdate()
    return (
        child.allocations.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(start_date__lte=today)
        .select_related("worker", "team")
    )


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
