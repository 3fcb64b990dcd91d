"""Writing audit events. Every page, export and service that touches a child's record calls
`record()`; the event names who, when, what kind and what."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from .models import AuditEvent

Kind = AuditEvent.Kind


def _actor_name(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    worker = getattr(user, "worker", None)
    name = worker.full_name if worker else (user.get_full_name() or "")
    return f"{name} ({user.get_username()})" if name else user.get_username()


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    actor,
    kind: str,
    summary: str,
    *,
    child=None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. `actor` is a user (or None for the system)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=_actor_name(user),
        kind=kind,
        child=child,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        detail=detail or {},
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    record(user, Kind.SIGN_IN, "Signed in", request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, Kind.SIGN_OUT, "Signed out", request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    AuditEvent.objects.create(
        actor=None,
        actor_name=username or "unknown",
        kind=Kind.SIGN_IN_FAILED,
        summary=f"Failed sign-in for {username!r}",
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )
