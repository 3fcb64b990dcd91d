"""The gate every page passes: a view declares the action it serves with `@page(Action.X)`.

A user whose role may not take the action gets the same 404 as a missing record, and the
refusal is on the audit trail. A test walks every URL and fails on a view that declares none.
`sightline.web.pages` builds on this; the audit trail's own pages (in this layer) use it here.
"""

from collections.abc import Callable, Sequence
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from .actor import Actor
from .audit import log
from .events import EventType
from .policy import Action, may

ACTION_ATTRIBUTE = "sightline_action"


def page(action: Action, *, methods: Sequence[str] = ("GET",)) -> Callable:
    """Declare the action a view serves, and the HTTP methods it answers."""
    allowed = tuple(methods) + (("HEAD",) if "GET" in methods else ())

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
        return wrapper

    return decorate
