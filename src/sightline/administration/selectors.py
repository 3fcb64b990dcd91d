"""What the workforce pages read: workers found by name, username or staff ID, whose sign-ins
are locked, and the children an ending worker still holds.

Administrators see the workforce, never a child's record: the children listed here are names
and council IDs for handing to the managers who reallocate them.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.people.models import Allocation, Service, Team, Worker


def workers_matching(text: str = "") -> QuerySet[Worker]:
    """Every worker, current first, narrowed to those whose name, username or staff ID
    contains each word of `text`."""
    workers = Worker.objects.select_related("team", "user").order_by(
        "-active", "last_name", "first_name"
    )
    for word in text.split():
        workers = workers.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(staff_id__icontains=word)
        )
    return workers


def worker_for_admin(pk: int) -> Worker:
    """One worker, or the same 404 as any missing page."""
    return get_object_or_404(Worker.objects.select_related("team", "user", "manager"), pk=pk)


def locked_usernames(usernames) -> set[str]:
    """Which of these usernames django-axes has locked out now: as many failed sign-ins as
    the limit allows within the cool-off time (axes counts each username and address apart,
    so any one address locked is a lock to undo)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


def is_locked(worker: Worker) -> bool:
    return worker.user is not None and bool(locked_usernames([worker.user.username]))


def children_to_reallocate(worker: Worker) -> QuerySet[Allocation]:
    """The worker's current allocations: children who need another worker once they leave."""
    today = timezone.localdate()
    return (
        Allocation.objects.filter(worker=worker)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("child", "team")
        .order_by("child__last_name", "child__first_name")
    )


def teams_and_services() -> tuple[QuerySet[Service], QuerySet[Team]]:
    """Every service and every team (with how many current workers it has), by name."""
    teams = (
        Team.objects.select_related("service")
        .annotate(current_workers=Count("workers", filter=Q(workers__active=True)))
        .order_by("service__name", "name")
    )
    return Service.objects.all(), teams
