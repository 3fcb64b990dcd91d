"""Small pieces every service's write shares: a required value, a record validated and saved,
a row locked for the rest of the transaction.

They sit beside the policy and the audit trail because every service uses the three together:
`require(actor, action, child=...)`, then these, then one `log(actor, EventType.X, ...)`.
"""

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

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


def locked(obj: M) -> M:
    """A fresh copy of `obj`, locked until the transaction ends (PostgreSQL), so a refused
    change never leaves the caller's copy half-changed and two people cannot change the same
    record at once. Call inside `transaction.atomic()`."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)
