"""The family app's entries in a child's chronology: each change to the child's details, with
the old value and the new, why, and who changed it (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from django.urls import reverse

from sightline.plugins import Area, Entry

DETAILS = Area("Personal details")


def _or_none(value: str) -> str:
    return value or "not recorded"


def entries(child) -> Iterator[Entry]:
    history = reverse("child-details", args=[child.council_id]) + "#changes"
    for change in child.detail_changes.select_related("changed_by"):
        by = f" ({change.changed_by.full_name})" if change.changed_by else ""
        detail = f"{_or_none(change.old_value)} → {_or_none(change.new_value)}. "
        title = f"Details changed: {change.label}"
        yield DETAILS(change.changed_at, title, detail + change.reason + by, history)
