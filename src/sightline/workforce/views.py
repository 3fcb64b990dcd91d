"""Team oversight pages, under /teams/: the teams a manager oversees, one team's caseloads and
timescales, and one worker's items; allocating workers to a child (allocate, end, transfer,
and the child's allocation history); and a manager's unallocated work.

Thin views: each declares its action (VIEW_TEAMS for the team views, ALLOCATE_WORKER and
VIEW_UNALLOCATED_WORK for allocation; anyone else gets 404), reads go through `selectors`
(scoped to the user), writes through `services`, and each page that names children writes one
read event listing the council IDs shown. A team the user does not oversee is the same 404 as
a missing team.
"""

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sightline.access import policy
from sightline.access.events import EventType
from sightline.access.policy import Action
from sightline.access.scope import child_for, children_visible_to, worker_for
from sightline.frontdoor.selectors import awaiting_authorisation
from sightline.people.models import Allocation, Child, Worker
from sightline.web.dates import long_date
from sightline.web.pages import listed, page, record_page, viewed

from . import forms, services
from .selectors import (
    allocation_for,
    allocation_history,
    candidates,
    kind_in_words,
    team_for,
    team_list,
    team_member_for,
    team_view,
    with_caseloads,
    worker_caseload,
)
from .unallocated import INTRO, unallocated_work


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


# -- allocation -------------------------------------------------------------------------------


def _history_url(child: Child) -> str:
    return reverse("child-allocations", args=[child.council_id])


def _afterwards(request: HttpRequest, child: Child) -> str:
    """Back to the child's allocations, unless the change took the child out of the manager's
    scope (allocated or transferred to another team): then to the manager's team view."""
    if children_visible_to(request.user).filter(pk=child.pk).exists():
        return _history_url(child)
    return reverse("team-list")


def _allocate_title(kind: str) -> str:
    """ "Allocate a social worker", "Allocate an independent reviewing officer"."""
    what = kind_in_words(kind)
    return f"Allocate {'an' if what[0] in 'aeiou' else 'a'} {what}"


@page(
    Action.VIEW_CHILD_RECORD,
    url="children/<str:council_id>/allocations/",
    name="child-allocations",
)
def child_allocations(request: HttpRequest, council_id: str) -> HttpResponse:
    """Who is allocated to the child now and who was before: who allocated them, why, and the
    handover note of a transfer."""
    child = child_for(request.user, council_id)
    viewed(request, "Viewed the allocation history", child=child)
    may_allocate = policy.may(request.user, Action.ALLOCATE_WORKER)
    return render(
        request,
        "workforce/allocations.html",
        {
            "child": child,
            "history": allocation_history(child),
            "may_allocate": may_allocate,
            "allocate": [
                (_allocate_title(kind), reverse("child-allocate", args=[council_id, kind]))
                for kind in Allocation.Kind.values
            ]
            if may_allocate
            else [],
        },
    )


# The three pages that change a child's allocations: a form each, for managers who allocate.
allocating = partial(page, Action.ALLOCATE_WORKER, methods=("GET", "POST"))


def _allocation_page(
    request: HttpRequest,
    child: Child,
    *,
    allocation: Allocation | None = None,
    kind: str,
    choosing: bool = False,
    anywhere: bool = False,
    **options,
) -> HttpResponse:
    """A form that changes the child's allocations (of `kind`), from their allocations page and
    back to it. With `allocation`, it is about that allocation (summarised above the form);
    `choosing` a worker, it lists the candidates and their caseloads (from `anywhere`, for a
    transfer). `options` are record_page's."""
    if choosing:
        manager = worker_for(request.user)
        choices = with_caseloads(candidates(manager, kind, timezone.localdate(), anywhere=anywhere))
        options["form_kwargs"] = {"candidates": choices}
        options["context"] = {"candidates": choices}
        options["template"] = "workforce/allocate.html"
    if allocation is not None:
        options["summary"] = [
            ("Worker", f"{allocation.worker.full_name}, {allocation.team.name}"),
            ("Allocated as", allocation.get_kind_display()),
            ("Since", long_date(allocation.start_date)),
        ]
    return record_page(
        request,
        child=child,
        obj=allocation,
        next_url=lambda _: _afterwards(request, child),
        back_url=_history_url(child),
        **options,
    )


@allocating(url="children/<str:council_id>/allocate/<str:kind>/", name="child-allocate")
def allocate(request: HttpRequest, council_id: str, kind: str) -> HttpResponse:
    if kind not in Allocation.Kind.values:
        raise Http404("No such kind of allocation")
    child = child_for(request.user, council_id)
    return _allocation_page(
        request,
        child,
        kind=kind,
        form=forms.AllocateForm,
        choosing=True,
        save=lambda actor, data: services.allocate(actor, child, kind=kind, **data),
        title=_allocate_title(kind),
        done=lambda a: f"{a.worker.full_name} is now {child.full_name}'s {kind_in_words(kind)}",
        button="Allocate",
    )


def _on_allocation(request: HttpRequest, pk: int, *, service, **options) -> HttpResponse:
    """A form about one of the child's allocations, saved by `service(actor, allocation,
    **cleaned_data)`; `options` are `_allocation_page`'s."""
    allocation = allocation_for(request.user, pk)
    return _allocation_page(
        request,
        allocation.child,
        allocation=allocation,
        kind=allocation.kind,
        save=lambda actor, data: service(actor, allocation, **data),
        **options,
    )


@allocating(url="allocations/<int:pk>/end/", name="allocation-end")
def end_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_allocation(
        request,
        pk,
        service=services.end_allocation,
        form=forms.EndAllocationForm,
        title="End an allocation",
        done="Allocation ended",
        button="End allocation",
    )


@allocating(url="allocations/<int:pk>/transfer/", name="allocation-transfer")
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """Transfer the child to a worker in any team or service: the current allocation ends the
    day before the transfer, and the new one carries the handover note."""
    return _on_allocation(
        request,
        pk,
        service=services.transfer,
        choosing=True,
        anywhere=True,
        form=forms.TransferForm,
        title="Transfer to another team",
        done=lambda a: f"Transferred to {a.worker.full_name} ({a.team.name})",
        button="Transfer",
    )


@page(Action.VIEW_UNALLOCATED_WORK, url="unallocated/", name="unallocated-work")
def unallocated(request: HttpRequest) -> HttpResponse:
    worker = worker_for(request.user)
    area = "service" if worker.role == Worker.Role.SERVICE_MANAGER else "team"
    rows = unallocated_work(request.user)
    listed(request, "Viewed unallocated work", [row.child for row in rows])
    return render(
        request,
        "workforce/unallocated.html",
        {"rows": rows, "intro": INTRO.format(area=area)},
    )
