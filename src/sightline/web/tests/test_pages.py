"""One way to build a page: every view declares its action, and a refusal is a 404."""

from django.contrib.auth.views import LoginView, LogoutView
from django.urls import URLPattern, URLResolver, get_resolver

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.web.pages import ACTION_ATTRIBUTE

# Views anyone may reach without a declared action: signing in and out.
OPEN_VIEWS = {LoginView, LogoutView}


def _patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_page_declares_the_action_it_serves():
    undeclared = []
    for route, view in _patterns(get_resolver()):
        if getattr(view, "view_class", None) in OPEN_VIEWS:
            continue
        if getattr(view, ACTION_ATTRIBUTE, None) is None:
            undeclared.append(f"/{route} ({view.__module__}.{view.__name__})")
    assert not undeclared, "views with no declared action:\n" + "\n".join(undeclared)


def test_a_page_the_role_may_not_use_is_a_404_and_the_refusal_is_on_the_trail(
    social_worker, sign_in
):
    response = sign_in(social_worker).get("/performance/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    refused = AuditEvent.objects.filter(event_type=EventType.ACCESS_REFUSED).get()
    assert refused.actor == social_worker.user
    assert refused.path == "/performance/"
