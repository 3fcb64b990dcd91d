"""Small pieces every service's write shares: a required value, a record validated and saved,
a row locked for the rest of the transaction, and the record saved with its one audit event.

They sit beside the policy and the audit trail because every service uses them together:
`require(actor, action, child=...)`, then these, then one `log(actor, EventType.X, ...)` (which
`recorded` writes for the usual case of one record changed).
"""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from .actor import Actor
from .audit import log
from .events import EventType

M = TypeVar("M", bound=Model)


def required(value, field: str, message: str) -> None:
    """Refuse a missing value with a message on its field ("Enter the visit date.")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: message})


def saved(obj: M) -> M:
    """Validate with the same rules imports meet (`full_clean`), then save."""
    obj.full_clean()
    obj.save()
    return obj


def recorded(
    actor: Actor,
    obj: M,
    event: EventType,
    summary: str,
    *,
    child=None,
    detail: dict[str, Any] | None = None,
) -> M:
    """`obj` validated and saved (`saved`), and the change's one audit event written about it
    and its child (the record's own `child` unless another is named)."""
    saved(obj)
    log(actor, event, summary, child=child or obj.child, obj=obj, detail=detail)
    return obj


def locked(obj: M) -> M:
    """A fresh copy of `obj`, locked until the transaction ends (PostgreSQL), so a refused
    change never leaves the caller's copy half-changed and two people cannot change the same
    record at once. Call inside `transaction.atomic()`."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)
