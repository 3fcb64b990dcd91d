"""The gate every page passes: a view declares the action it serves with `@page(Action.X)`.

A user whose role may not take the action gets the same 404 as a missing record, and the
refusal is on the audit trail. A test walks every URL and fails on a view that declares none.
`sightline.web.pages` builds on this; the audit trail's own pages (in this layer) use it here.
"""

from collections.abc import Callable, Sequence
from functools import wraps
from types import ModuleType

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, path

from .actor import Actor
from .audit import log
from .events import EventType
from .policy import Action, may

ACTION_ATTRIBUTE = "sightline_action"


def page(
    action: Action,
    *,
    url: str | None = None,
    name: str | None = None,
    methods: Sequence[str] = ("GET",),
    more: Sequence[tuple[str, str]] = (),
) -> Callable:
    """Declare the action a view serves, where it is (its route under the app's prefix and the
    URL name; `more` for a second (route, name) the same view answers) and the HTTP methods it
    answers. An app's urls.py is then `urlpatterns = routes(views)`."""
    allowed = tuple(methods) + (("HEAD",) if "GET" in methods else ())
    where = ([(url, name)] if url is not None else []) + list(more)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            if not may(request.user, action):
                log(
                    Actor.from_request(request),
                    EventType.ACCESS_REFUSED,
                    f"Refused: may not {action}",
                    detail={"action": action.name},
                )
                raise Http404("Page not found")
            return view(request, *args, **kwargs)

        setattr(wrapper, ACTION_ATTRIBUTE, action)
        wrapper.sightline_routes = where
        return wrapper

    return decorate


def routes(views: ModuleType) -> list[URLPattern]:
    """The URL patterns of every view the module declares with `@page(..., url=...)`.

    Views are taken in the order the module defines them; a route with fewer variable parts is
    tried first, so "dip-samples/share/" is never read as the week "share" of
    "dip-samples/<str:week>/"."""
    found = [
        (route, name, view)
        for view in vars(views).values()
        if callable(view) and getattr(view, "__module__", None) == views.__name__
        for route, name in getattr(view, "sightline_routes", ())
    ]
    found.sort(key=lambda entry: entry[0].count("<"))
    return [path(route, view, name=name) for route, name, view in found]
