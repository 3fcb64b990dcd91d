"""Navigation items that depend on the user's role: only what they can open is shown."""

from django.http import HttpRequest
from django.urls import reverse

from .scope import Scope, is_administrator, may_see_lado, scope_of


def navigation(request: HttpRequest) -> dict:
    items = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from sightline.workforce.selectors import team_navigation

        team = team_navigation(user)  # "My team" for team managers, "Teams" for others who oversee
        if team is not None:
            items.append(team)
        from sightline.frontdoor.permissions import (
            may_authorise,
            may_record_contacts,
            may_see_monitor,
        )

        if may_record_contacts(user) or may_authorise(user):
            items.append({"label": "Front door", "url": reverse("frontdoor-contacts")})
        if may_see_monitor(user):
            items.append({"label": "Front door monitor", "url": reverse("frontdoor-monitor")})
        if scope_of(user) in (Scope.TEAM, Scope.SERVICE, Scope.ALL):
            items.append(
                {"label": "Child protection plans", "url": reverse("protection-plan-list")}
            )
        from sightline.performance.permissions import may_view as may_see_performance

        if may_see_performance(user):
            items.append({"label": "Performance", "url": reverse("performance-dashboard")})
        if may_see_lado(user):
            items.append({"label": "LADO", "url": reverse("lado-list")})
        if is_administrator(user):
            items.append({"label": "Audit trail", "url": reverse("audit-lookup")})
    for item in items:
        item["prefix_length"] = f":{len(item['url'])}"
    return {"extra_navigation": items}
