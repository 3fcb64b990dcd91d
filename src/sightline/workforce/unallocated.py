"""Unallocated work: children with open work (a referral, a plan, an episode of care) and no
allocated social worker, and which managers they wait for.

A child waits for the team that last held them: a team manager's list has the children whose
most recent social worker was allocated in their team (a service manager's, in any team of
their service). A child never yet allocated a social worker waits for the service whose front
door passed the referral on (the contact's decision was made by someone in that service), as
the front door hands referrals to the assessment teams of its own service.

The same rule widens what those managers may see (`visibility.py`): a child nobody holds is
otherwise outside everyone's scope, and a manager must open the child's record to allocate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.access.scope import children_visible_to, worker_for
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact
from sightline.people.models import Allocation, Child, Worker
from sightline.web.dates import long_date

from .work import has_a_social_worker, needs_a_social_worker

INTRO = (
    "Children with open work (a referral, a child in need or child protection plan, or an "
    "episode of care) and no allocated social worker, oldest first. A child allocated to a "
    "worker who has left counts as unallocated. Your list has the children whose most recent "
    "social worker was allocated in your {area}, and children never yet allocated whose "
    "referral came through the front door of your service."
)


def _social_worker_allocations() -> QuerySet[Allocation]:
    return Allocation.objects.filter(child=OuterRef("pk"), kind=Allocation.Kind.SOCIAL_WORKER)


def waiting_for(worker: Worker) -> Q:
    """Children whose unallocated work is this manager's to allocate (see the module's rule)."""
    latest = _social_worker_allocations().order_by("-start_date", "-pk")
    service = worker.team.service_id
    if worker.role == Worker.Role.SERVICE_MANAGER:
        last_held_here = Exact(Subquery(latest.values("team__service_id")[:1]), service)
    else:
        last_held_here = Exact(Subquery(latest.values("team_id")[:1]), worker.team_id)
    referred_here = Exists(
        Contact.objects.filter(
            child=OuterRef("pk"),
            decided_by__team__service_id=service,
            cin_episode__closure_date__isnull=True,
        )
    )
    never_allocated = ~Exists(_social_worker_allocations())
    return Q(last_held_here) | (Q(never_allocated) & Q(referred_here))


def unallocated_for(worker: Worker, today: date) -> Q:
    """Children with open work for a social worker, none allocated, waiting for this manager."""
    return needs_a_social_worker() & ~has_a_social_worker(today) & waiting_for(worker)


@dataclass(frozen=True)
class Waiting:
    """One child on the unallocated-work list."""

    child: Child
    work: list[str]  # "Referral of 1 September 2025", "Child protection plan", ...
    since: date  # waiting since: the last social worker's end, or the referral
    last: Allocation | None  # the most recent social worker allocation, if any


def _open_work(child: Child) -> list[str]:
    work = [f"Referral of {long_date(e.referral_date)}" for e in child.open_referrals]
    for kind, label in (
        ("cin_plans", "Child in need plan"),
        ("cp_plans", "Child protection plan"),
        ("care_episodes", "In care"),
    ):
        if getattr(child, kind).filter(end_date__isnull=True).exists():
            work.append(label)
    return work


def _since(child: Child, last: Allocation | None, today: date) -> date:
    if last is not None and last.end_date is not None:
        return last.end_date + timedelta(days=1)
    if last is not None:  # still allocated, to someone who has left
        return last.worker.end_date or last.start_date
    starts = [e.referral_date for e in child.open_referrals]
    return min(starts) if starts else today


def unallocated_work(user, today: date | None = None) -> list[Waiting]:
    """The manager's unallocated work, oldest first (scoped: only children the user may see)."""
    today = today or timezone.localdate()
    worker = worker_for(user)
    if worker is None or not may(user, Action.VIEW_UNALLOCATED_WORK):
        return []
    open_referrals = CINEpisode.objects.filter(closure_date__isnull=True).order_by("referral_date")
    children = (
        children_visible_to(user)
        .filter(unallocated_for(worker, today))
        .prefetch_related(Prefetch("cin_episodes", open_referrals, to_attr="open_referrals"))
    )
    latest = {
        a.child_id: a
        for a in Allocation.objects.filter(child__in=children, kind=Allocation.Kind.SOCIAL_WORKER)
        .select_related("worker", "team")
        .order_by("child_id", F("start_date").asc(), "pk")
    }
    rows = []
    for child in children:
        last = latest.get(child.pk)
        rows.append(Waiting(child, _open_work(child), _since(child, last, today), last))
    return sorted(rows, key=lambda w: (w.since, w.child.last_name, w.child.first_name))
