"""What the child's record gathers from every app: the actions offered, the chronology, the
current allocations and the open plans.

The actions and the chronology come from each app's `child_actions.py` and `chronology.py`
(found by `sightline.plugins.discover`), so no app edits another's page and this app imports no
domain app.
"""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sightline.people.models import Allocation, Child
from sightline.plugins import Action, Entry, discover


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


def current_allocations(child: Child, today: date | None = None) -> QuerySet[Allocation]:
    today = today or timezone.localdate()
    return (
        child.allocations.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(start_date__lte=today)
        .select_related("worker", "team")
    )


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
