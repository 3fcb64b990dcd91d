"""Pages about children: My work, search, the child's record and its export.

Each declares its action; reads go through the scoped fetches and every read or export of a
child's record writes its own typed event.
"""

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.policy import Action
from sightline.access.scope import child_for, scope_of, search_children, worker_for
from sightline.timescales.rules import child_timescales
from sightline.web.navigation import team_item
from sightline.web.pages import page, viewed
from sightline.workforce.selectors import my_work as my_work_for

from .selectors import actions_for, chronology, current_allocations, open_plans


@page(Action.USE_SIGHTLINE, url="", name="my-work")
def my_work(request: HttpRequest) -> HttpResponse:
    """Every open timescale item for the worker's children, overdue first, with a link to act
    on each; then the children themselves. The list is built in sightline.workforce.selectors
    from the same rules as the child's record, so both always say the same."""
    work = my_work_for(request.user)
    if work.children:
        # One event for the list; opening a child's record writes that child's own event.
        viewed(
            request,
            f"Viewed My work ({len(work.children)} children)",
            event=EventType.LIST_VIEWED,
            detail={"council_ids": work.council_ids},
        )
    return render(
        request,
        "child_record/my_work.html",
        {
            "work": work,
            "worker": worker_for(request.user),
            "scope": scope_of(request.user),
            "team_view": team_item(request.user),
        },
    )


@page(Action.USE_SIGHTLINE, url="children/", name="child-search")
def child_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(search_children(request.user, query)) if query else []
    if query:
        viewed(
            request,
            f"Searched for {query!r}: {len(results)} found",
            event=EventType.CHILDREN_SEARCHED,
            detail={"query": query, "council_ids": [c.council_id for c in results]},
        )
    return render(
        request,
        "child_record/search.html",
        {"query": query, "results": results, "searched": bool(query)},
    )


@page(Action.VIEW_CHILD_RECORD, url="children/<str:council_id>/", name="child-record")
def child_record(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    today = timezone.localdate()
    viewed(
        request,
        "Viewed the child's record",
        child=child,
        obj=child,
        event=EventType.CHILD_RECORD_VIEWED,
    )
    context = {
        "child": child,
        "age": child.age_on(today),
        "allocations": current_allocations(child, today),
        "disabilities": child.disabilities.all(),
        "address": child.addresses.filter(end_date__isnull=True).first(),
        "open_plans": open_plans(child),
        "timescales": child_timescales(child, today),
        "chronology": chronology(child),
        "actions": actions_for(child, request.user),
    }
    return render(request, "child_record/child_record.html", context)


@page(Action.VIEW_CHILD_RECORD, url="children/<str:council_id>/chronology.csv", name="child-export")
def child_export(request: HttpRequest, council_id: str) -> HttpResponse:
    """The child's chronology as CSV (UK dates), for a court bundle or a transfer."""
    child = child_for(request.user, council_id)
    entries = chronology(child)
    viewed(
        request,
        f"Exported the chronology as CSV ({len(entries)} entries)",
        child=child,
        obj=child,
        event=EventType.CHRONOLOGY_EXPORTED,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.council_id}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["Date", "Time", "Area", "Event", "Detail"])
    for e in entries:
        writer.writerow([e.when.strftime("%d/%m/%Y"), e.time, e.area, e.title, e.detail])
    return response
