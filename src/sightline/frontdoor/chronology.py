"""The front door's entries in a child's chronology: contacts, decisions and their
authorisation (gathered with every app's entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry
from sightline.reference.codes import describe

from .models import DecisionAuthorisation


def entries(child) -> Iterator[Entry]:
    for c in child.contacts.all():
        yield Entry.at(
            c.received_at,
            "Front door",
            "Contact received",
            f"From {describe('CIN_referral_source', c.source)}; reported by {c.reported_by}.",
        )
        if c.decided_at:
            yield Entry.at(
                c.decided_at,
                "Front door",
                f"Contact decision: {c.get_decision_display()}",
                c.rationale,
            )
    for auth in DecisionAuthorisation.objects.filter(child=child).select_related("manager"):
        detail = auth.reasons if auth.outcome == auth.Outcome.OVERTURNED else ""
        yield Entry.at(
            auth.authorised_at,
            "Front door",
            f"Decision {auth.get_outcome_display().lower()} by {auth.manager.full_name}",
            detail,
        )
