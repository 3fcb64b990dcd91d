"""Pages about children: My work, search, the child's record and its export.

Views stay thin: they read through the scoped selectors and write an audit event for every
read or export of a child's record.
"""

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sightline.access.audit import Kind, record
from sightline.access.scope import child_for, scope_of, search_children, worker_for
from sightline.timescales.rules import child_timescales
from sightline.workforce.selectors import my_work as my_work_for
from sightline.workforce.selectors import team_navigation

from .selectors import actions_for, chronology, current_allocations, open_plans


@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    """Every open timescale item for the worker's children, overdue first, with a link to act
    on each; then the children themselves. The list is built in sightline.workforce.selectors
    from the same rules as the child's record, so both always say the same."""
    work = my_work_for(request.user)
    if work.children:
        # One event for the list; opening a child's record writes that child's own event.
        record(
            request.user,
            Kind.VIEW,
            f"Viewed My work ({len(work.children)} children)",
            request=request,
            detail={"council_ids": work.council_ids},
        )
    return render(
        request,
        "child_record/my_work.html",
        {
            "work": work,
            "worker": worker_for(request.user),
            "scope": scope_of(request.user),
            "team_view": team_navigation(request.user),
        },
    )


@require_GET
def child_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(search_children(request.user, query)) if query else []
    if query:
        record(
            request.user,
            Kind.SEARCH,
            f"Searched for {query!r}: {len(results)} found",
            request=request,
            detail={"query": query, "council_ids": [c.council_id for c in results]},
        )
    return render(
        request,
        "child_record/search.html",
        {"query": query, "results": results, "searched": bool(query)},
    )


@require_GET
def child_record(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    today = timezone.localdate()
    record(
        request.user,
        Kind.VIEW,
        "Viewed the child's record",
        child=child,
        obj=child,
        request=request,
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


@require_GET
def child_export(request: HttpRequest, council_id: str) -> HttpResponse:
    """The child's chronology as CSV (UK dates), for a court bundle or a transfer."""
    child = child_for(request.user, council_id)
    entries = chronology(child)
    record(
        request.user,
        Kind.EXPORT,
        f"Exported the chronology as CSV ({len(entries)} entries)",
        child=child,
        obj=child,
        request=request,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.council_id}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["Date", "Time", "Area", "Event", "Detail"])
    for e in entries:
        writer.writerow([e.when.strftime("%d/%m/%Y"), e.time, e.area, e.title, e.detail])
    return response
