"""What the child's record gathers from every app: the actions offered, the chronology, the
current allocations, the people involved, the open plans; and what a search result shows to
tell one child from another.

The actions and the chronology come from each app's `child_actions.py` and `chronology.py`
(found by `sightline.plugins.discover`), so no app edits another's page and this app imports no
domain app.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sightline.people.models import Address, Allocation, Child, Relationship
from sightline.plugins import Action, Entry, discover

# How many of the latest visits and notes the record's first page shows.
LATEST = 5


def actions_for(child: Child, user) -> dict[str, list[Action]]:
    """Actions grouped by heading, in app order then the order each app gives."""
    grouped: dict[str, list[Action]] = {}
    for module in discover("child_actions"):
        for action in module.actions(child, user):
            grouped.setdefault(action.group, []).append(action)
    return grouped


def chronology(child: Child) -> list[Entry]:
    """Every app's entries, newest first (the order practitioners read a chronology in)."""
    entries = [entry for module in discover("chronology") for entry in module.entries(child)]
    return sorted(entries, key=lambda e: (e.when, e.time), reverse=True)


def filtered(
    entries: list[Entry], area: str = "", since: date | None = None, until: date | None = None
) -> list[Entry]:
    """The entries of one area (type) and within a date range; each filter only if given."""
    return [
        e
        for e in entries
        if (not area or e.area == area)
        and (since is None or e.when >= since)
        and (until is None or e.when <= until)
    ]


def is_visit_or_note(entry: Entry) -> bool:
    """A statutory visit (`plugins.Area.visit` titles it "Visit"), or a case note of any kind
    (the case notes app's area), which the record's first page lists as the latest work."""
    return entry.title.startswith("Visit") or entry.area.startswith("Case note")


def latest_visits_and_notes(entries: Iterable[Entry], n: int = LATEST) -> list[Entry]:
    """The newest `n` visits and case notes from a chronology that is newest first."""
    return [e for e in entries if is_visit_or_note(e)][:n]


def _current(today: date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def current_allocations(child: Child, today: date | None = None) -> QuerySet[Allocation]:
    today = today or timezone.localdate()
    return child.allocations.filter(_current(today)).select_related("worker", "team")


@dataclass
class Involved:
    """Who is involved with a child now: the workers allocated, by kind; the adults with
    parental responsibility; and how many others are in the child's network."""

    allocations: dict[str, list[Allocation]] = field(default_factory=dict)
    parents: list[Relationship] = field(default_factory=list)
    others: int = 0


def involved(child: Child, today: date | None = None) -> Involved:
    who = Involved()
    for a in current_allocations(child, today).order_by("kind", "start_date"):
        who.allocations.setdefault(a.get_kind_display(), []).append(a)
    links = Relationship.objects.filter(Q(child=child) | Q(other_child=child))
    who.parents = list(
        links.filter(child=child, parental_responsibility=True, adult__isnull=False)
        .select_related("adult")
        .order_by("kind", "adult__last_name")
    )
    who.others = links.count() - len(who.parents)
    return who


def open_plans(child: Child) -> list[dict]:
    plans = []
    for e in child.cin_episodes.filter(closure_date__isnull=True):
        plans.append({"name": "Open referral (child in need episode)", "since": e.referral_date})
    for p in child.cin_plans.filter(end_date__isnull=True):
        plans.append({"name": "Child in need plan", "since": p.start_date})
    for p in child.cp_plans.filter(end_date__isnull=True):
        plans.append(
            {
                "name": f"Child protection plan ({p.get_latest_category_display()})",
                "since": p.start_date,
            }
        )
    for e in child.care_episodes.filter(end_date__isnull=True):
        plans.append(
            {"name": f"Looked after ({e.get_legal_status_display()})", "since": e.start_date}
        )
    for p in child.pathway_plans.filter(end_date__isnull=True):
        plans.append({"name": "Pathway plan", "since": p.start_date})
    return sorted(plans, key=lambda p: p["since"])


# -- search results ---------------------------------------------------------------------------

# The open involvement a search result names: (words, the child's records, the date that ends
# one), read through the reverse relations the domain apps give `Child`, so no import is needed.
INVOLVEMENT = [
    ("Early help", "early_help_episodes", "end_date"),
    ("Open referral", "cin_episodes", "closure_date"),
    ("Child in need plan", "cin_plans", "end_date"),
    ("Child protection plan", "cp_plans", "end_date"),
    ("In care", "care_episodes", "end_date"),
    ("Pathway plan", "pathway_plans", "end_date"),
]
# The adults a search result names: parents and carers, and anyone with parental responsibility.
PARENTS = Q(parental_responsibility=True) | Q(
    kind__in=[
        Relationship.Kind.MOTHER,
        Relationship.Kind.FATHER,
        Relationship.Kind.STEP_PARENT,
        Relationship.Kind.CARER,
        Relationship.Kind.FOSTER_CARER,
    ]
)


@dataclass
class Described:
    """A child as a search result shows them: enough to tell two children of the same name
    apart without opening either record."""

    child: Child
    address: Address | None = None
    parents: list[str] = field(default_factory=list)
    workers: list[str] = field(default_factory=list)
    involvement: list[str] = field(default_factory=list)


def described(children: list[Child], today: date | None = None) -> list[Described]:
    """Each child with their current address, parents, allocated workers and open involvement,
    read for all of them at once (a query per kind of fact, not per child)."""
    today = today or timezone.localdate()
    rows = {c.pk: Described(c) for c in children}
    ids = list(rows)
    for address in Address.objects.filter(child__in=ids, end_date__isnull=True):
        rows[address.child_id].address = rows[address.child_id].address or address
    parents = Relationship.objects.filter(PARENTS, child__in=ids, adult__isnull=False)
    parents = parents.select_related("adult")
    for r in parents.order_by("kind", "adult__last_name"):
        rows[r.child_id].parents.append(f"{r.adult} ({r.get_kind_display().lower()})")
    allocations = Allocation.objects.filter(_current(today), child__in=ids).select_related("worker")
    for a in allocations.order_by("kind"):
        rows[a.child_id].workers.append(f"{a.worker.full_name} ({a.get_kind_display().lower()})")
    for words, records, ended in INVOLVEMENT:
        # One filter() call, so both conditions hold for the same record: one that is open.
        still_open = {f"{records}__isnull": False, f"{records}__{ended}__isnull": True}
        for pk in set(Child.objects.filter(pk__in=ids, **still_open).values_list("pk", flat=True)):
            rows[pk].involvement.append(words)
    return [rows[c.pk] for c in children]
