"""Who is acting: the one argument every service takes instead of the HTTP request.

An `Actor` is a signed-in user seen from a page (with the address and path the request came
from, for the audit trail), or a named system actor for work nobody does at a screen: imports,
scheduled jobs, the synthetic county. Services never see a request, so they run the same from a
page, a command or an API call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None  # the Django user, or None for a system actor
    address: str | None = None
    path: str = ""
    system_name: str = ""  # "CIN census import", "Weekly dip sample", ...

    @classmethod
    def from_request(cls, request) -> Actor:
        return cls(
            user=request.user,
            address=request.META.get("REMOTE_ADDR") or None,
            path=request.get_full_path()[:300],
        )

    @classmethod
    def for_user(cls, user) -> Actor:
        """A user acting outside a page (a command run in their name, a test)."""
        return cls(user=user)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(user=None, system_name=name)

    @property
    def is_system(self) -> bool:
        return self.user is None

    @property
    def worker(self):
        from sightline.access.scope import worker_for

        return worker_for(self.user) if self.user is not None else None

    @property
    def name(self) -> str:
        """How the trail names the actor: 'Jo Bloggs (jbloggs)' or the system's name."""
        if self.user is None or not getattr(self.user, "is_authenticated", False):
            return self.system_name or "system"
        worker = getattr(self.user, "worker", None)
        name = worker.full_name if worker else (self.user.get_full_name() or "")
        username = self.user.get_username()
        return f"{name} ({username})" if name else username


def as_actor(who) -> Actor:
    """An Actor from an Actor, a user or None (the system), for callers that hold a user."""
    if isinstance(who, Actor):
        return who
    if who is None:
        return Actor.system("system")
    return Actor.for_user(who)
