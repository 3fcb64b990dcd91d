"""The administrator's audit pages: who has seen or changed a child's record, and when.

Administrators see identities and events here, never the case record itself. Anyone else
gets the same 404 as for a page that does not exist.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.people.models import Child

from .actor import Actor
from .audit import log
from .events import EventType
from .gate import page
from .models import AuditEvent
from .policy import Action


@page(Action.VIEW_AUDIT_TRAIL)
def audit_lookup(request: HttpRequest) -> HttpResponse:
    council_id = request.GET.get("council_id", "").strip()
    error = ""
    if council_id:
        if Child.objects.filter(council_id=council_id).exists():
            return redirect("audit-child", council_id=council_id)
        error = f"No child has the council ID {council_id}."
    return render(request, "access/audit_lookup.html", {"council_id": council_id, "error": error})


@page(Action.VIEW_AUDIT_TRAIL)
def audit_child(request: HttpRequest, council_id: str) -> HttpResponse:
    child = Child.objects.filter(council_id=council_id).first()
    if child is None:
        raise Http404("No child found")
    # Looking at the trail is itself on the trail, and shows on the page it is about.
    log(
        Actor.from_request(request),
        EventType.AUDIT_TRAIL_VIEWED,
        "Viewed who has seen the child's record",
        child=child,
        obj=child,
    )
    events = AuditEvent.objects.filter(child=child).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "access/audit_child.html", {"child": child, "page": page})
