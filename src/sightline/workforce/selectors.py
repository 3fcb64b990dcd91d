"""Reads for the workforce's view of the work: a worker's own work list ("My work") and a
manager's view of a team (caseloads, what is due this week, what is overdue, the front door's
authorisation queue and the assessment mid-point checks falling due).

Every child comes through the scoped selectors (`sightline.access.scope`) and every due date
from the timescale rules (`child_timescales`, and the assessments app's own
`midpoint_check_item`), so My work, the team view and the child's record always agree. Nothing
here works out a due date of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.access.scope import (
    children_visible_to,
    get_visible_or_404,
    my_children,
    records_visible_to,
    worker_for,
)
from sightline.assessments.models import Assessment
from sightline.assessments.timescale_rules import midpoint_check_item
from sightline.people.models import Allocation, Child, Team, Worker
from sightline.timescales.engine import State, TimescaleItem, local_date
from sightline.timescales.rules import child_timescales, next_item, sort_key

from .work import KINDS, OTHER, kind_flags, kind_of

Role = Worker.Role

# The child's relations that the timescale rules read with a plain `.all()`, so one prefetch
# query serves every child on the page instead of one query per child. Rules that narrow a
# relation (`.select_related()`, `.filter()`) query on their own whatever is prefetched, so
# prefetching those would only add queries.
TIMESCALE_PREFETCHES = (
    "contacts",
    "cin_episodes__assessments",
    "cin_episodes__strategy_discussions",
    "care_episodes",
    "care_reviews",
    "care_visits",
    "health_checks",
    "missing_episodes",
    "care_leaver_accommodation",
)


def current_on(today: date, prefix: str = "") -> Q:
    """Allocations current on `today` (started, and not ended before it): as access/scope.py."""
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


# -- one item of work -------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """An open timescale item and the child it is for: one row of a work list."""

    child: Child
    item: TimescaleItem

    @property
    def due_on(self) -> date:
        return local_date(self.item.due)

    @property
    def act_url(self) -> str:
        """Where the worker acts on it: the rule's own page, else the child's record."""
        return self.item.url or reverse("child-record", args=[self.child.council_id])


def _sorted(items: Iterable[WorkItem]) -> list[WorkItem]:
    # The rules' own order (overdue, then soonest due), then the child's name for a stable list.
    return sorted(
        items, key=lambda w: (sort_key(w.item), w.child.last_name, w.child.first_name, w.child.pk)
    )


def still_to_do(item: TimescaleItem, today: date) -> bool:
    """Open (overdue, due soon or due) and still possible to do.

    The rules keep a missed occurrence on the child's record after its plan, episode or
    assessment has ended (a mid-point check never done before the assessment was authorised,
    a visit missed before the plan closed), worked out as at that end so it stops growing.
    Nobody can do it now, so it is history for the record, not work for a list: left on the
    list, it would keep a worker's and a team's overdue counts up for ever.
    """
    as_of = item.as_of if item.as_of is not None else today
    return item.is_open and local_date(as_of) >= today


def open_items(children: Iterable[Child], today: date) -> dict[int, list[WorkItem]]:
    """Every item still to do (overdue, due soon, due) for each child, keyed by child pk."""
    return {
        child.pk: [
            WorkItem(child, i) for i in child_timescales(child, today) if still_to_do(i, today)
        ]
        for child in children
    }


# -- My work ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyChild:
    child: Child
    kinds: list[str]  # how the worker is allocated ("Allocated social worker", ...)
    next: TimescaleItem | None


@dataclass(frozen=True)
class MyWork:
    overdue: list[WorkItem]
    due_soon: list[WorkItem]
    due_later: list[WorkItem]
    children: list[MyChild]

    @property
    def council_ids(self) -> list[str]:
        return [row.child.council_id for row in self.children]


def my_work(user, today: date | None = None) -> MyWork:
    """Every open item for the children currently allocated to the user, grouped by state."""
    today = today or timezone.localdate()
    worker = worker_for(user)
    if worker is None:
        return MyWork([], [], [], [])
    mine = Allocation.objects.filter(current_on(today), worker=worker).order_by("start_date")
    children = list(
        my_children(user)
        .prefetch_related(
            Prefetch("allocations", queryset=mine, to_attr="my_allocations"),
            *TIMESCALE_PREFETCHES,
        )
        .order_by("last_name", "first_name", "council_id")
    )
    by_child = open_items(children, today)
    everything = _sorted(w for items in by_child.values() for w in items)
    rows = [
        MyChild(
            child,
            sorted({a.get_kind_display() for a in child.my_allocations}),
            next_item([w.item for w in by_child[child.pk]]),
        )
        for child in children
    ]
    # Overdue first, then the soonest due; children with nothing outstanding last.
    rows.sort(key=lambda r: (r.next is None, sort_key(r.next) if r.next else ()))
    return MyWork(
        overdue=[w for w in everything if w.item.state is State.OVERDUE],
        due_soon=[w for w in everything if w.item.state is State.DUE_SOON],
        due_later=[w for w in everything if w.item.state is State.DUE],
        children=rows,
    )


# -- which teams a user oversees --------------------------------------------------------------


def teams_overseen_by(user) -> QuerySet[Team]:
    """Team managers oversee their own team, service managers the teams of their service,
    senior leaders every team; nobody else oversees a team (the policy's VIEW_TEAMS)."""
    if not may(user, Action.VIEW_TEAMS):
        return Team.objects.none()
    worker = worker_for(user)
    if worker.role == Role.SENIOR_LEADER:
        return Team.objects.all()
    if worker.role == Role.SERVICE_MANAGER:
        return Team.objects.filter(service_id=worker.team.service_id)
    return Team.objects.filter(pk=worker.team_id)


def team_for(user, pk: int) -> Team:
    """A team the user oversees; one outside their oversight is the same 404 as a missing one."""
    try:
        return teams_overseen_by(user).select_related("service").get(pk=pk)
    except Team.DoesNotExist:
        raise Http404("No team found") from None


def team_member_for(team: Team, worker_id: int) -> Worker:
    """A worker now in `team` (a worker in another team is the same 404 as a missing one)."""
    try:
        return Worker.objects.select_related("team").get(team=team, pk=worker_id)
    except Worker.DoesNotExist:
        raise Http404("No worker found") from None


@dataclass(frozen=True)
class TeamRow:
    team: Team
    workers: int
    allocations: int
    children: int


def team_list(user, today: date | None = None) -> list[TeamRow]:
    """The teams the user oversees with their size and caseload, counted in the database."""
    today = today or timezone.localdate()
    teams = list(
        teams_overseen_by(user)
        .select_related("service")
        .annotate(active_workers=Count("workers", filter=Q(workers__active=True)))
        .order_by("service__name", "name")
    )
    counts = {
        row["worker__team_id"]: row
        for row in records_visible_to(user, Allocation)
        .filter(current_on(today), worker__team__in=[t.pk for t in teams])
        .values("worker__team_id")
        .annotate(allocations=Count("pk"), children=Count("child_id", distinct=True))
    }
    return [
        TeamRow(
            t,
            t.active_workers,
            counts.get(t.pk, {}).get("allocations", 0),
            counts.get(t.pk, {}).get("children", 0),
        )
        for t in teams
    ]


# -- a team's caseloads and timescales --------------------------------------------------------


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week `today` is in."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def _current_allocations(user, today: date) -> QuerySet[Allocation]:
    return (
        records_visible_to(user, Allocation)
        .filter(current_on(today))
        .select_related("worker")
        .order_by("start_date", "pk")
    )


def _children_with_items(
    user, child_ids: set[int], today: date
) -> tuple[dict[int, Child], dict[int, list[WorkItem]]]:
    children = list(
        children_visible_to(user)
        .filter(pk__in=child_ids)
        .prefetch_related(*TIMESCALE_PREFETCHES)
        .order_by("last_name", "first_name", "council_id")
    )
    return {c.pk: c for c in children}, open_items(children, today)


def _name(child: Child) -> tuple:
    return (child.last_name, child.first_name, child.council_id)


@dataclass
class Caseload:
    """One worker's current allocations and the open items for their children."""

    worker: Worker
    week: tuple[date, date]  # Monday and Sunday of this week
    allocations: list[Allocation] = field(default_factory=list)
    items: list[WorkItem] = field(default_factory=list)

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(a.get_kind_display() for a in self.allocations)
        return sorted(counts.items())

    @property
    def children(self) -> list[Child]:
        seen: dict[int, Child] = {}
        for a in self.allocations:
            seen.setdefault(a.child_id, a.child)
        return sorted(seen.values(), key=_name)

    @property
    def overdue(self) -> list[WorkItem]:
        return [w for w in self.items if w.item.state is State.OVERDUE]

    @property
    def due_this_week(self) -> list[WorkItem]:
        """Open items due Monday to Sunday of this week, including any already missed earlier
        in the week (those are counted as overdue too: the week's work, and what slipped)."""
        monday, sunday = self.week
        return [w for w in self.items if monday <= w.due_on <= sunday]


def _caseloads(
    user, workers: list[Worker], allocations: list[Allocation], today: date
) -> tuple[list[Caseload], dict[int, list[WorkItem]]]:
    """Each worker's caseload, and the open items of every child on them (by child pk)."""
    week = week_of(today)
    loads = {w.pk: Caseload(w, week) for w in workers}
    children, by_child = _children_with_items(user, {a.child_id for a in allocations}, today)
    for a in sorted(allocations, key=lambda a: _name(children[a.child_id])):
        # The child the rules ran on (with its prefetched records), not one query per row.
        a.child = children[a.child_id]
        loads[a.worker_id].allocations.append(a)
    for load in loads.values():
        # A child allocated to the same worker twice (two kinds) has its items once.
        child_ids = {a.child_id for a in load.allocations}
        load.items = _sorted(w for pk in child_ids for w in by_child[pk])
    return list(loads.values()), by_child


@dataclass(frozen=True)
class MidpointDue:
    """An assessment in progress whose manager's mid-point check is due soon or overdue."""

    assessment: Assessment
    item: TimescaleItem


def midpoint_checks_due(user, child_ids: Iterable[int], today: date) -> list[MidpointDue]:
    """Assessments in progress (not yet authorised) for these children whose mid-point check
    is due soon or overdue. Once authorised, a missed check can no longer be done: it stays
    on the child's record, not on the manager's list of checks to do."""
    assessments = (
        records_visible_to(user, Assessment)
        .filter(child_id__in=list(child_ids), authorised_date__isnull=True)
        .select_related("child", "worker")
        .prefetch_related("midpoint_checks")
    )
    due = []
    for assessment in assessments:
        item = midpoint_check_item(assessment, today)
        if item is not None and item.state in (State.DUE_SOON, State.OVERDUE):
            due.append(MidpointDue(assessment, item))
    return sorted(due, key=lambda m: (sort_key(m.item), m.assessment.child.last_name))


@dataclass(frozen=True)
class TeamView:
    team: Team
    today: date
    week: tuple[date, date]
    caseloads: list[Caseload]
    midpoint_checks: list[MidpointDue]
    children: int  # distinct children allocated to the team's workers
    overdue: int  # distinct open items overdue across the team
    due_this_week: int

    @property
    def council_ids(self) -> list[str]:
        """The children named on the page (only the mid-point checks name a child)."""
        return sorted({m.assessment.child.council_id for m in self.midpoint_checks})


def _team_members(team: Team, allocations: list[Allocation]) -> list[Worker]:
    # Active workers, and anyone who has left but still holds allocations: a child allocated
    # to someone no longer working is exactly what a manager needs to see.
    holding = {a.worker_id for a in allocations}
    return list(
        Worker.objects.filter(Q(active=True) | Q(pk__in=holding), team=team).order_by(
            "last_name", "first_name", "pk"
        )
    )


def team_view(user, team: Team, today: date | None = None) -> TeamView:
    """Each worker's caseload, what is due this week and what is overdue, and the mid-point
    checks falling due. `team` must come from `team_for` (the user oversees it)."""
    today = today or timezone.localdate()
    allocations = list(_current_allocations(user, today).filter(worker__team=team))
    workers = _team_members(team, allocations)
    caseloads, by_child = _caseloads(user, workers, allocations, today)
    # Team totals count each child's item once, however many of the team hold the child.
    items = [w for child_items in by_child.values() for w in child_items]
    monday, sunday = week_of(today)
    child_ids = set(by_child)
    return TeamView(
        team=team,
        today=today,
        week=(monday, sunday),
        caseloads=caseloads,
        midpoint_checks=midpoint_checks_due(user, child_ids, today),
        children=len(child_ids),
        overdue=sum(1 for w in items if w.item.state is State.OVERDUE),
        due_this_week=sum(1 for w in items if monday <= w.due_on <= sunday),
    )


def worker_caseload(user, team: Team, worker: Worker, today: date | None = None) -> Caseload:
    """One worker's caseload and items, for the team view's per-worker page."""
    today = today or timezone.localdate()
    allocations = list(_current_allocations(user, today).filter(worker=worker))
    caseloads, _ = _caseloads(user, [worker], allocations, today)
    return caseloads[0]


# -- allocation: who may be allocated, their caseloads, a child's allocation history ----------

Kind = Allocation.Kind

# The roles that may hold each kind of allocation. Family support, early help and specialist
# work is held by practitioners of either caseholding role; the others by their own role.
KIND_ROLES: dict[str, tuple[str, ...]] = {
    Kind.SOCIAL_WORKER: (Role.SOCIAL_WORKER,),
    Kind.IRO: (Role.IRO,),
    Kind.PERSONAL_ADVISER: (Role.PERSONAL_ADVISER,),
    Kind.FAMILY_SUPPORT: (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER),
    Kind.EARLY_HELP_LEAD: (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER),
    Kind.SPECIALIST: (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER),
}
# Independent reviewing officers are independent of the child's service, so a manager chooses
# from all of them; every other kind from the manager's own service (a transfer, from anyone).
COUNTY_WIDE = frozenset({Kind.IRO})


def kind_in_words(kind: str) -> str:
    """The kind of allocation as it reads in a sentence: "social worker", "independent
    reviewing officer" ("Allocated social worker" is the name of the allocation, not the role)."""
    return Allocation.Kind(kind).label.removeprefix("Allocated ").lower()


def working(today: date) -> Q:
    """Workers still working on `today`: active, and not past their end date."""
    return Q(active=True) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def candidates(
    manager: Worker | None, kind: str, today: date, *, anywhere: bool = False
) -> QuerySet[Worker]:
    """The workers a manager may allocate as `kind`: still working, in a role that holds it,
    and in the manager's service unless the kind is county-wide or this is a transfer
    (`anywhere`). No manager (a system actor) chooses from anyone."""
    workers = Worker.objects.filter(working(today), role__in=KIND_ROLES[kind])
    if manager is not None and not anywhere and kind not in COUNTY_WIDE:
        workers = workers.filter(team__service_id=manager.team.service_id)
    return workers.select_related("team").order_by("team__name", "last_name", "first_name", "pk")


@dataclass(frozen=True)
class Candidate:
    """A worker who may be allocated, with their current caseload by kind of work."""

    worker: Worker
    by_kind: dict[str, int]  # kind of work label -> children

    @property
    def children(self) -> int:
        return sum(self.by_kind.values())


def with_caseloads(workers: Iterable[Worker], today: date | None = None) -> list[Candidate]:
    """Each worker and the children now allocated to them, counted once each under their
    kind of work (work.KINDS). Counts only, naming no child: a manager choosing a worker from
    another team needs the size and mix of the caseload, not the children in it."""
    today = today or timezone.localdate()
    workers = list(workers)
    rows = (
        Allocation.objects.filter(current_on(today), worker__in=workers)
        .annotate(**kind_flags("child_id"))
        .values("worker_id", "child_id", *(k.key for k in KINDS))
        .order_by()
        .distinct()  # a child held twice by one worker (two kinds) counts once
    )
    counts: dict[int, Counter[str]] = {w.pk: Counter() for w in workers}
    for row in rows:
        counts[row["worker_id"]][kind_of(row)] += 1
    labels = [k.label for k in KINDS] + [OTHER]
    return [Candidate(w, {label: counts[w.pk][label] for label in labels}) for w in workers]


@dataclass(frozen=True)
class History:
    current: list[Allocation]
    ended: list[Allocation]


def allocation_history(child: Child, today: date | None = None) -> History:
    """Every allocation the child has had, current first (soonest started first), then those
    ended (most recently ended first). `child` comes from a scoped fetch."""
    today = today or timezone.localdate()
    allocations = child.allocations.select_related("worker", "team", "allocated_by")
    return History(
        current=list(allocations.exclude(end_date__lt=today).order_by("start_date", "pk")),
        ended=list(allocations.filter(end_date__lt=today).order_by("-end_date", "-pk")),
    )


def allocation_for(user, pk: int) -> Allocation:
    """One allocation of a child the user may see; any other is the same 404 as a missing one."""
    return get_visible_or_404(user, Allocation, pk=pk)
