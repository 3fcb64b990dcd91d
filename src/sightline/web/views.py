"""Small pieces every page shares, and the error handler that makes a refusal a 404."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one (a submission, so its missing
    fields are reported), or None for a GET (an unbound form, no errors shown)."""
    return request.POST if request.method == "POST" else None


def refused_as_missing(request: HttpRequest, exception=None) -> HttpResponse:
    """Django's 403 handler: a refusal looks exactly like a missing page (404), so a page or
    record's existence tells someone who may not see it nothing."""
    return render(request, "404.html", status=404)
