"""The administrator's audit pages: who did what, to which child's record, and when.

Administrators see identities and events here, never the case record itself. Anyone else gets
the same 404 as for a page that does not exist. Looking at the trail is itself on the trail.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Action
from sightline.people.models import Child
from sightline.web.pages import page, viewed

from .forms import AuditFilterForm

PER_PAGE = 50


@page(Action.VIEW_AUDIT_TRAIL, url="", name="audit-trail")
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Every event, newest first, narrowed by type, worker, child and dates."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("child")
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["event_type"]:
            events = events.filter(event_type=data["event_type"])
            filters["event_type"] = data["event_type"]
        if data["worker"] is not None:
            events = events.filter(actor=data["worker"].user_id)
            filters["worker"] = str(data["worker"].pk)
        if data["council_id"] is not None:
            events = events.filter(child=data["council_id"])
            filters["council_id"] = data["council_id"].council_id
        if data["on_or_after"]:
            events = events.filter(at__date__gte=data["on_or_after"])
            filters["on_or_after"] = data["on_or_after"].isoformat()
        if data["on_or_before"]:
            events = events.filter(at__date__lte=data["on_or_before"])
            filters["on_or_before"] = data["on_or_before"].isoformat()
    elif form.is_bound:
        events = events.none()
    page_obj = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    viewed(
        request,
        "Viewed the audit trail",
        child=form.cleaned_data.get("council_id") if form.is_bound and form.is_valid() else None,
        event=EventType.AUDIT_TRAIL_VIEWED,
        detail={"filters": filters, "page": page_obj.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "administration/audit_trail.html",
        {
            "form": form,
            "page": page_obj,
            "query": query.urlencode(),
            "caption": _count(page_obj.paginator.count, "matching event"),
        },
    )


@page(Action.VIEW_AUDIT_TRAIL, url="children/<str:council_id>/", name="audit-child")
def audit_child(request: HttpRequest, council_id: str) -> HttpResponse:
    child = Child.objects.filter(council_id=council_id).first()
    if child is None:
        raise Http404("No child found")
    viewed(
        request,
        "Viewed who has seen the child's record",
        child=child,
        obj=child,
        event=EventType.AUDIT_TRAIL_VIEWED,
    )
    events = AuditEvent.objects.filter(child=child)
    page_obj = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "administration/audit_child.html",
        {"child": child, "page": page_obj, "caption": _count(page_obj.paginator.count, "event")},
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
