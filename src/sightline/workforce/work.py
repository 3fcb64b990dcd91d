"""What open work a child has, in the words a manager allocates by: child in need, child
protection, in care, care leaver. Read from the records themselves (open CIN plans, CP plans,
episodes of care, pathway plans and care leavers' accommodation), so a caseload count and the
unallocated-work list can never disagree with the child's record.

Each kind is a condition on a child (an `Exists` over the app's records), so a page can count
a worker's children by kind, or list children with no allocated social worker, in one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from sightline.care.models import CareEpisode
from sightline.cin.models import CINEpisode, CINPlan
from sightline.leaving_care.models import CareLeaverAccommodation, PathwayPlan
from sightline.people.models import Allocation
from sightline.protection.models import ChildProtectionPlan


def _open(model, child: str, ends_by: str = "end_date") -> Exists:
    """The child (`child` names the outer query's child column) has a `model` record not yet
    ended."""
    return Exists(model.objects.filter(child=OuterRef(child), **{f"{ends_by}__isnull": True}))


@dataclass(frozen=True)
class KindOfWork:
    key: str
    label: str
    # The condition on a child, given the name of the outer query's child column
    # ("pk" on a query of children, "child_id" on a query of allocations).
    holds: Callable[[str], Q]


# Most intensive first: a child counts once in a caseload, under the first kind they hold (a
# child in care is a child in need too, but a manager weighs them as a child in care).
KINDS: tuple[KindOfWork, ...] = (
    KindOfWork("in_care", "In care", lambda c: Q(_open(CareEpisode, c))),
    KindOfWork("child_protection", "Child protection", lambda c: Q(_open(ChildProtectionPlan, c))),
    KindOfWork(
        "care_leaver",
        "Care leaver",
        lambda c: Q(_open(PathwayPlan, c)) | Q(_open(CareLeaverAccommodation, c)),
    ),
    KindOfWork("child_in_need", "Child in need", lambda c: Q(_open(CINPlan, c))),
)
OTHER = "Other open work"  # a referral, an assessment, early help


def kind_of(flags: dict[str, bool]) -> str:
    """The label of the first kind a child holds (`flags` as `kind_flags` annotates them)."""
    return next((k.label for k in KINDS if flags.get(k.key)), OTHER)


def kind_flags(child: str) -> dict[str, Q]:
    """One annotation per kind of work, for `.annotate(**kind_flags("child_id"))`."""
    return {k.key: k.holds(child) for k in KINDS}


def needs_a_social_worker(child: str = "pk") -> Q:
    """Open work a social worker holds: an open referral (CIN episode), a child in need or child
    protection plan, or an episode of care. (A care leaver's worker is a personal adviser.)"""
    return (
        Q(_open(CINEpisode, child, "closure_date"))
        | Q(_open(CINPlan, child))
        | Q(_open(ChildProtectionPlan, child))
        | Q(_open(CareEpisode, child))
    )


def has_a_social_worker(today: date, child: str = "pk") -> Q:
    """A current social worker allocation to someone still working (active, and not past their
    end date): a child allocated to a worker who has left is waiting for a worker."""
    return Q(
        Exists(
            Allocation.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=today),
                child=OuterRef(child),
                kind=Allocation.Kind.SOCIAL_WORKER,
                start_date__lte=today,
                worker__active=True,
            ).exclude(worker__end_date__lt=today)
        )
    )
