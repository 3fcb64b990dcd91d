"""Team oversight pages, under /teams/: the teams a manager oversees, one team's caseloads and
timescales, and one worker's items.

Thin views: each declares VIEW_TEAMS (anyone who oversees no team gets 404), reads go through
`selectors` (scoped to the user), and each page that names children writes one read event
listing the council IDs shown. A team the user does not oversee is the same 404 as a missing
team.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sightline.access import policy
from sightline.access.events import EventType
from sightline.access.policy import Action
from sightline.access.scope import worker_for
from sightline.frontdoor.selectors import awaiting_authorisation
from sightline.people.models import Worker
from sightline.web.pages import page, viewed

from .selectors import (
    team_for,
    team_list,
    team_member_for,
    team_view,
    worker_caseload,
)


def _authorisation_queue(request: HttpRequest) -> int | None:
    """Decisions awaiting this manager's authorisation (the front door's own queue), or None
    for someone who may not authorise (the page would not open for them)."""
    if not policy.may(request.user, policy.Action.AUTHORISE_DECISION):
        return None
    return awaiting_authorisation(request.user).count()


@page(Action.VIEW_TEAMS, url="", name="team-list")
def teams(request: HttpRequest) -> HttpResponse:
    worker = worker_for(request.user)
    if worker is not None and worker.role == Worker.Role.TEAM_MANAGER:
        # A team manager oversees one team: take them straight to it.
        return redirect("team-detail", pk=worker.team_id)
    return render(
        request,
        "workforce/team_list.html",
        {"rows": team_list(request.user), "authorisations": _authorisation_queue(request)},
    )


@page(Action.VIEW_TEAMS, url="<int:pk>/", name="team-detail")
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = team_for(request.user, pk)
    view = team_view(request.user, team)
    viewed(
        request,
        f"Viewed the team view for {team.name}",
        obj=team,
        event=EventType.LIST_VIEWED,
        detail={"team": team.pk, "council_ids": view.council_ids},
    )
    return render(
        request,
        "workforce/team_detail.html",
        {
            "view": view,
            "team": team,
            "authorisations": _authorisation_queue(request),
            "back_to_list": worker_for(request.user).role != Worker.Role.TEAM_MANAGER,
        },
    )


@page(Action.VIEW_TEAMS, url="<int:pk>/workers/<int:worker_id>/", name="team-worker")
def team_worker(request: HttpRequest, pk: int, worker_id: int) -> HttpResponse:
    team = team_for(request.user, pk)
    member = team_member_for(team, worker_id)
    caseload = worker_caseload(request.user, team, member)
    shown = {c.council_id for c in caseload.children}
    viewed(
        request,
        f"Viewed the team view for {team.name}: {member.full_name}'s work",
        obj=member,
        event=EventType.LIST_VIEWED,
        detail={"team": team.pk, "worker": member.pk, "council_ids": sorted(shown)},
    )
    return render(
        request,
        "workforce/team_worker.html",
        {
            "team": team,
            "member": member,
            "caseload": caseload,
            "team_url": reverse("team-detail", args=[team.pk]),
        },
    )
