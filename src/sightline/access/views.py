"""The administrator's audit pages: who has seen or changed a child's record, and when.

Administrators see identities and events here, never the case record itself. Anyone else
gets the same 404 as for a page that does not exist.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from sightline.people.models import Child

from .audit import Kind, record
from .models import AuditEvent
from .scope import is_administrator


def _require_administrator(request: HttpRequest) -> None:
    if not is_administrator(request.user):
        raise Http404("Page not found")


@require_GET
def audit_lookup(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    council_id = request.GET.get("council_id", "").strip()
    error = ""
    if council_id:
        if Child.objects.filter(council_id=council_id).exists():
            return redirect("audit-child", council_id=council_id)
        error = f"No child has the council ID {council_id}."
    return render(request, "access/audit_lookup.html", {"council_id": council_id, "error": error})


@require_GET
def audit_child(request: HttpRequest, council_id: str) -> HttpResponse:
    _require_administrator(request)
    child = Child.objects.filter(council_id=council_id).first()
    if child is None:
        raise Http404("No child found")
    # Looking at the trail is itself on the trail, and shows on the page it is about.
    record(
        request.user,
        Kind.AUDIT_VIEW,
        "Viewed who has seen the child's record",
        child=child,
        obj=child,
        request=request,
    )
    events = AuditEvent.objects.filter(child=child).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "access/audit_child.html", {"child": child, "page": page})
