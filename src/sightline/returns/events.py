"""The audit event each return's export and import writes, the same way for every return: by
the signed-in user, or by the system when run from the command line, with the return's name
first in its detail."""

from __future__ import annotations

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log


def record(
    user, event_type: EventType, return_name: str, doing: str, summary: str, **detail: object
) -> None:
    """`doing` is "export" or "import": the system actor is, e.g., "CIN census import"."""
    log(
        Actor.system(f"{return_name} {doing}") if user is None else Actor.for_user(user),
        event_type,
        summary,
        detail={"return": return_name, **detail},
    )
