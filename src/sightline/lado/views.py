"""LADO pages. Only the LADO team, or holders of a current explicit grant, reach them; for
anyone else they do not exist (404), like any record outside a user's scope."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.access.audit import Kind, record
from sightline.access.scope import allegations_visible_to, may_see_lado

from .models import Allegation


@require_GET
def allegation_list(request: HttpRequest) -> HttpResponse:
    if not may_see_lado(request.user):
        raise Http404("Page not found")
    allegations = allegations_visible_to(request.user).select_related("lado_officer")
    return render(request, "lado/allegation_list.html", {"allegations": allegations})


@require_GET
def allegation_detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        allegation = allegations_visible_to(request.user).get(reference=reference)
    except Allegation.DoesNotExist:
        raise Http404("No allegation found") from None
    record(request.user, Kind.VIEW, "Viewed a LADO allegation", obj=allegation, request=request)
    return render(request, "lado/allegation_detail.html", {"allegation": allegation})
