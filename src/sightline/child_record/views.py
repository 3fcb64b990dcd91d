"""Pages about children: My work, search, the child's record and its export.

The child's record is three pages under one sub navigation: what matters now (who the child is,
who is involved, open plans, what is due, the latest visits and notes, what can be done), every
timescale met or open, and the whole chronology with its filter. Each page declares its action;
reads go through the scoped fetches and every read or export of a child's record writes its own
typed event.
"""

import csv
from collections.abc import Callable
from datetime import date
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.policy import Action
from sightline.access.scope import (
    child_for,
    merged_into_for,
    scope_of,
    search_children,
    worker_for,
)
from sightline.people.models import Child
from sightline.timescales.rules import child_timescales
from sightline.web.navigation import team_item
from sightline.web.pages import page, viewed
from sightline.workforce.selectors import my_work as my_work_for

from .forms import ChronologyFilterForm
from .selectors import (
    actions_for,
    chronology,
    described,
    filtered,
    involved,
    latest_visits_and_notes,
    open_plans,
)

# The record's pages, in the order of its sub navigation: (label, URL name).
RECORD_PAGES = [
    ("Overview", "child-record"),
    ("Timescales", "child-timescales"),
    ("Chronology", "child-chronology"),
]


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
    found = search_children(request.user, query)
    if query:
        viewed(
            request,
            f"Searched for {query!r}: {found.total} found",
            event=EventType.CHILDREN_SEARCHED,
            detail={"query": query, "council_ids": [c.council_id for c in found]},
        )
    return render(
        request,
        "child_record/search.html",
        {
            "query": query,
            "found": found,
            "results": described(found.children),
            "searched": bool(query),
        },
    )


def record_part(part: str, name: str, path: str = "") -> Callable:
    """Declare one of the record's pages. The function declared says only what the page adds,
    `(request, child, today) -> context`; every page fetches the child in scope (or a 404),
    writes its read event ("Viewed the child's chronology") and shows the sub navigation."""

    def declare(context: Callable[..., dict]) -> Callable[..., HttpResponse]:
        @page(Action.VIEW_CHILD_RECORD, url=f"children/<str:council_id>/{path}", name=name)
        @wraps(context)
        def view(request: HttpRequest, council_id: str) -> HttpResponse:
            survivor = merged_into_for(request.user, council_id)
            if survivor is not None:  # an old link to a duplicate since merged
                return redirect(name, council_id=survivor.council_id)
            child = child_for(request.user, council_id)
            today = timezone.localdate()
            viewed(
                request,
                f"Viewed the child's {part}",
                child=child,
                obj=child,
                event=EventType.CHILD_RECORD_VIEWED,
            )
            tabs = [
                {"label": label, "url": reverse(url, args=[council_id]), "current": name == url}
                for label, url in RECORD_PAGES
            ]
            shared = {"child": child, "tabs": tabs, "age": child.age_on(today)}
            shared["nav_section"] = "child-search"
            template = f"child_record/{part}.html"
            return render(request, template, shared | context(request, child, today))

        return view

    return declare


def _family_url(child: Child) -> str:
    """The page of the child's details, family and network, if the family app offers it (this
    app imports no domain app, so it asks the URL names it may have)."""
    for name in ("family-details", "child-details"):
        try:
            return reverse(name, args=[child.council_id])
        except NoReverseMatch:
            continue
    return ""


@record_part("record", "child-record")
def child_record(request: HttpRequest, child: Child, today: date) -> dict:
    """What matters now; the rest of the record is a tab away."""
    timescales = child_timescales(child, today)
    return {
        "timescales": timescales,
        "disabilities": child.disabilities.all(),
        "other_names": child.other_names.all(),
        "address": child.addresses.filter(end_date__isnull=True).first(),
        "involved": involved(child, today),
        "family_url": _family_url(child),
        "open_plans": open_plans(child),
        "due": [item for item in timescales if item.is_open],
        "latest": latest_visits_and_notes(chronology(child)),
        "actions": actions_for(child, request.user),
    }


@record_part("timescales", "child-timescales", "timescales/")
def child_timescales_page(request: HttpRequest, child: Child, today: date) -> dict:
    """Every timescale for the child: those still open, then those met (on time or late)."""
    items = child_timescales(child, today)
    return {
        "open_items": [i for i in items if i.is_open],
        "met_items": [i for i in items if not i.is_open],
    }


def _chronology_form(request: HttpRequest, entries) -> ChronologyFilterForm:
    areas = sorted({e.area for e in entries})
    return ChronologyFilterForm(request.GET or None, areas=areas)


@record_part("chronology", "child-chronology", "chronology/")
def child_chronology(request: HttpRequest, child: Child, today: date) -> dict:
    """The whole chronology, newest first, narrowed by type and dates."""
    entries = chronology(child)
    form = _chronology_form(request, entries)
    filters = form.filters()
    shown = filtered(entries, **filters)
    if filters:
        caption = f"{len(shown)} of {len(entries)} entries match the filter, newest first"
    else:
        caption = f"Everything known about this child, newest first ({len(entries)} entries)"
    return {
        "form": form,
        "filters": filters,
        "entries": shown,
        "caption": caption,
        "empty": "No entries match the filter." if filters else "Nothing recorded yet.",
        "query": request.GET.urlencode(),
    }


@page(Action.VIEW_CHILD_RECORD, url="children/<str:council_id>/chronology.csv", name="child-export")
def child_export(request: HttpRequest, council_id: str) -> HttpResponse:
    """The child's chronology as CSV (UK dates), for a court bundle or a transfer; filtered as
    the chronology page was, when it was."""
    child = child_for(request.user, council_id)
    entries = chronology(child)
    filters = _chronology_form(request, entries).filters()
    entries = filtered(entries, **filters)
    viewed(
        request,
        f"Exported the chronology as CSV ({len(entries)} entries)",
        child=child,
        obj=child,
        event=EventType.CHRONOLOGY_EXPORTED,
        detail={"filters": {k: str(v) for k, v in filters.items()}} if filters else None,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.council_id}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["Date", "Time", "Area", "Event", "Detail"])
    for e in entries:
        writer.writerow([e.when.strftime("%d/%m/%Y"), e.time, e.area, e.title, e.detail])
    return response
