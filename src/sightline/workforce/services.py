"""Every change to who is allocated to a child: a manager allocates a worker, ends an
allocation, or transfers a child to a worker in another team or service with a handover note.

Each function is one transaction that checks the policy (ALLOCATE_WORKER, and the child in the
manager's scope), validates every allocation it writes with `full_clean()` and writes one audit
event; bad input raises a ValidationError naming the field, and nothing is saved.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from sightline.access.actor import Actor
from sightline.access.audit import log
from sightline.access.events import EventType
from sightline.access.policy import Action, require
from sightline.access.writes import locked, recorded, required, saved
from sightline.people.models import Allocation, Child, Worker
from sightline.web.dates import long_date

from .selectors import candidates, kind_in_words

Kind = Allocation.Kind

# A child has one of each of these at a time: a new one ends the current one the day before.
# Family support and specialist workers may be several at once.
ONE_AT_A_TIME = frozenset(
    {Kind.SOCIAL_WORKER, Kind.IRO, Kind.PERSONAL_ADVISER, Kind.EARLY_HELP_LEAD}
)


def _check_worker(
    manager: Worker | None, worker: Worker | None, kind: str, on: date, *, anywhere: bool = False
) -> Worker:
    """The worker may hold this kind of allocation from `on`: still working then, and one the
    manager may choose (see `selectors.candidates`)."""
    required(worker, "worker", "Choose a worker")
    if not worker.active:
        raise ValidationError(
            {"worker": f"{worker.full_name} no longer works here: choose a worker who does"}
        )
    if worker.end_date is not None and worker.end_date < on:
        raise ValidationError(
            {
                "worker": f"{worker.full_name}'s last day is {long_date(worker.end_date)}, "
                "before the start date: choose a worker who will still be working"
            }
        )
    if not candidates(manager, kind, on, anywhere=anywhere).filter(pk=worker.pk).exists():
        raise ValidationError({"worker": "Choose a worker from the list"})
    return worker


def _end_before(allocation: Allocation, on: date) -> Allocation:
    """End `allocation` the day before `on` (on the day, if it only started then)."""
    allocation.end_date = max(allocation.start_date, on - timedelta(days=1))
    return saved(allocation)


def _still_open_on(allocation: Allocation, on: date | None, field: str, what: str) -> Allocation:
    """`allocation`, locked, if it has not ended, and `on` (its end, or a transfer: `what`
    says which, as "the end date") given and not before the allocation started."""
    allocation = locked(allocation)
    if allocation.end_date is not None and allocation.end_date < timezone.localdate():
        raise ValidationError(f"This allocation ended on {long_date(allocation.end_date)}.")
    required(on, field, f"Enter {what}")
    if on < allocation.start_date:
        started = long_date(allocation.start_date)
        message = f"{capfirst(what)} must be on or after the allocation started ({started})"
        raise ValidationError({field: message})
    return allocation


def _allocation(child: Child, worker: Worker, kind: str, start_date: date, manager, **notes):
    """A new allocation of `worker` (in their team now) made by `manager`; `notes` are its
    reason and handover note."""
    return Allocation(
        child=child,
        worker=worker,
        team=worker.team,
        kind=kind,
        start_date=start_date,
        allocated_by=manager,
        **notes,
    )


@transaction.atomic
def allocate(
    actor: Actor,
    child: Child,
    *,
    kind: str,
    worker: Worker | None,
    start_date: date | None,
    reason: str,
) -> Allocation:
    manager = require(actor, Action.ALLOCATE_WORKER, child=child)
    required(start_date, "start_date", "Enter the start date")
    _check_worker(manager, worker, kind, start_date)
    required(reason, "reason", "Enter the reason for the allocation")
    current = list(child.allocations.filter(kind=kind).exclude(end_date__lt=start_date))
    if any(a.worker_id == worker.pk for a in current):
        raise ValidationError(
            {"worker": f"{worker.full_name} is already allocated to {child.full_name}"}
        )
    replaced = [_end_before(a, start_date) for a in current] if kind in ONE_AT_A_TIME else []
    allocation = _allocation(child, worker, kind, start_date, manager, reason=reason.strip())
    summary = (
        f"Allocated {worker.full_name} ({worker.team.name}) as {kind_in_words(kind)} "
        f"from {long_date(start_date)}"
    )
    detail = {"kind": kind, "worker": worker.pk, "ended": [a.pk for a in replaced]}
    return recorded(actor, allocation, EventType.CHILD_ALLOCATED, summary, detail=detail)


@transaction.atomic
def end_allocation(actor: Actor, allocation: Allocation, *, end_date: date | None) -> Allocation:
    require(actor, Action.ALLOCATE_WORKER, child=allocation.child)
    allocation = _still_open_on(allocation, end_date, "end_date", "the end date")
    allocation.end_date = end_date
    summary = (
        f"Ended {allocation.worker.full_name}'s allocation as "
        f"{kind_in_words(allocation.kind)} on {long_date(end_date)}"
    )
    return recorded(actor, allocation, EventType.ALLOCATION_ENDED, summary)


@transaction.atomic
def transfer(
    actor: Actor,
    allocation: Allocation,
    *,
    worker: Worker | None,
    start_date: date | None,
    handover_note: str,
) -> Allocation:
    """Hand the child over from `allocation`'s worker to `worker` (any team, any service) on
    `start_date`: the old allocation ends the day before, the new one starts with the note."""
    manager = require(actor, Action.ALLOCATE_WORKER, child=allocation.child)
    old = _still_open_on(allocation, start_date, "start_date", "the date of the transfer")
    _check_worker(manager, worker, old.kind, start_date, anywhere=True)
    if worker.pk == old.worker_id:
        raise ValidationError({"worker": "Choose a worker other than the one now allocated"})
    required(handover_note, "handover_note", "Enter a handover note for the new worker")
    _end_before(old, start_date)
    reason = f"Transferred from {old.team.name}"
    notes = {"reason": reason, "handover_note": handover_note.strip()}
    new = saved(_allocation(old.child, worker, old.kind, start_date, manager, **notes))
    log(
        actor,
        EventType.CHILD_TRANSFERRED,
        f"Transferred from {old.worker.full_name} ({old.team.name}) to {worker.full_name} "
        f"({worker.team.name}) from {long_date(start_date)}",
        child=old.child,
        obj=new,
        detail={"from": old.pk, "to": new.pk, "from_team": old.team_id, "to_team": worker.team_id},
    )
    return new
