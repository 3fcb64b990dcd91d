"""A worker signed in with a temporary password goes to "Change your password" before anything
else: an administrator set it, and only the worker should know the password they use.

Registered after Django's authentication middleware. Signing out and the static files stay open
to them; every other address answers with a redirect to the password page.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .services import must_change_password

CHANGE_PASSWORD = "change-password"


class TemporaryPasswordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and not self._open(request.path) and must_change_password(user):
            return redirect(CHANGE_PASSWORD)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        return path in (reverse(CHANGE_PASSWORD), reverse("logout")) or path.startswith(
            settings.STATIC_URL
        )
