"""The header's navigation: each item shows only to those whose role may use the page.

Items name their page by URL name and the action it serves, so the web layer needs to import no
domain app; the policy decides who sees each (the same check the page itself makes).
"""

from django.http import HttpRequest
from django.urls import reverse

from sightline.access.policy import Action, may
from sightline.access.scope import worker_for
from sightline.people.models import Worker

# (label, URL name, the actions any one of which opens the page)
ITEMS: list[tuple[str, str, tuple[Action, ...]]] = [
    ("Front door", "frontdoor-contacts", (Action.RECORD_CONTACT, Action.AUTHORISE_DECISION)),
    ("Front door monitor", "frontdoor-monitor", (Action.VIEW_FRONT_DOOR_MONITOR,)),
    ("Unallocated work", "unallocated-work", (Action.VIEW_UNALLOCATED_WORK,)),
    ("Child protection plans", "protection-plan-list", (Action.VIEW_CP_PLANS,)),
    ("Performance", "performance-dashboard", (Action.VIEW_PERFORMANCE,)),
    ("LADO", "lado-list", (Action.VIEW_LADO,)),
    ("Audit trail", "audit-trail", (Action.VIEW_AUDIT_TRAIL,)),
    ("Workforce", "workforce", (Action.MANAGE_WORKFORCE,)),
]


def team_item(user) -> dict[str, str] | None:
    """ "My team" takes a team manager straight to their team; others who oversee teams get
    the list of teams."""
    if not may(user, Action.VIEW_TEAMS):
        return None
    worker = worker_for(user)
    if worker.role == Worker.Role.TEAM_MANAGER:
        return {"label": "My team", "url": reverse("team-detail", args=[worker.team_id])}
    return {"label": "Teams", "url": reverse("team-list")}


def navigation(request: HttpRequest) -> dict:
    items: list[dict[str, str]] = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        team = team_item(user)
        if team is not None:
            items.append(team)
        for label, name, actions in ITEMS:
            if any(may(user, action) for action in actions):
                items.append({"label": label, "url": reverse(name)})
    for item in items:
        item["prefix_length"] = f":{len(item['url'])}"
    return {"extra_navigation": items}
