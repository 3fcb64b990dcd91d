"""LADO pages. Only the LADO team, or holders of a current explicit grant, reach them; for
anyone else they do not exist (404), like any record outside a user's scope."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sightline.access.policy import Action
from sightline.web.pages import page, viewed

from .models import Allegation
from .visibility import allegations_visible_to


@page(Action.VIEW_LADO, url="", name="lado-list")
def allegation_list(request: HttpRequest) -> HttpResponse:
    allegations = allegations_visible_to(request.user).select_related("lado_officer")
    return render(request, "lado/allegation_list.html", {"allegations": allegations})


@page(Action.VIEW_LADO, url="<str:reference>/", name="lado-detail")
def allegation_detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        allegation = allegations_visible_to(request.user).get(reference=reference)
    except Allegation.DoesNotExist:
        raise Http404("No allegation found") from None
    viewed(request, "Viewed a LADO allegation", obj=allegation)
    return render(request, "lado/allegation_detail.html", {"allegation": allegation})
