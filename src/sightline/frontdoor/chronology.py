"""The front door's entries in a child's chronology: contacts, decisions and their
authorisation (gathered with every app's entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

from .models import DecisionAuthorisation

FRONT_DOOR = Area("Front door")


def entries(child) -> Iterator[Entry]:
    for c in child.contacts.all():
        source = describe("CIN_referral_source", c.source)
        yield FRONT_DOOR(
            c.received_at, "Contact received", f"From {source}; reported by {c.reported_by}."
        )
        if c.decided_at:
            decision = f"Contact decision: {c.get_decision_display()}"
            yield FRONT_DOOR(c.decided_at, decision, c.rationale)
    for auth in DecisionAuthorisation.objects.filter(child=child).select_related("manager"):
        outcome = f"Decision {auth.get_outcome_display().lower()} by {auth.manager.full_name}"
        detail = auth.reasons if auth.outcome == auth.Outcome.OVERTURNED else ""
        yield FRONT_DOOR(auth.authorised_at, outcome, detail)
