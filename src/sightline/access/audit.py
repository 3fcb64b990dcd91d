"""Writing audit events. Every page, export and service that touches a child's record calls
`log()` with the `Actor` and the event's type; the event names who, when, what and to whom."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver

from .actor import Actor, as_actor
from .events import EventType, Kind, kind_of
from .models import AuditEvent

__all__ = ["Actor", "EventType", "Kind", "log"]


def log(
    actor: Actor,
    event: EventType,
    summary: str,
    *,
    child=None,
    obj: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one typed audit event."""
    actor = as_actor(actor)
    user = actor.user if getattr(actor.user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=actor.name[:160],
        kind=kind_of(event),
        event_type=EventType(event),
        child=child,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        detail=detail or {},
        path=actor.path[:300],
        ip_address=actor.address,
    )


def _actor_at(user, request) -> Actor:
    # Signing in happens before request.user is set (and a test client's login has a bare
    # request), so the user comes from the signal.
    if request is None:
        return Actor.for_user(user)
    return Actor(
        user=user,
        address=request.META.get("REMOTE_ADDR") or None,
        path=request.get_full_path()[:300],
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    log(_actor_at(user, request), EventType.SIGNED_IN, "Signed in")


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        log(_actor_at(user, request), EventType.SIGNED_OUT, "Signed out")


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    if request is not None:
        actor = Actor(
            address=request.META.get("REMOTE_ADDR") or None,
            path=request.get_full_path()[:300],
            system_name=username or "unknown",
        )
    else:
        actor = Actor.system(username or "unknown")
    log(actor, EventType.SIGN_IN_FAILED, f"Failed sign-in for {username!r}")
