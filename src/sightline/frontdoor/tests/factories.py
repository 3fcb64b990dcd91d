"""Test data for the front door: a contact authorised "no further action" and a decision
overturned (the front-door team and its workers come from sightline.testing.factories).
Synthetic data only."""

import datetime as dt

from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.testing.factories import (
    AuthorisationFactory,
    DecidedContactFactory,
)


def authorised_nfa(at: dt.datetime, **contact) -> Contact:
    """A contact decided "no further action" and agreed by a manager at `at`."""
    received = at - dt.timedelta(hours=5)
    decided = DecidedContactFactory(received_at=received, **contact)
    AuthorisationFactory(contact=decided, authorised_at=at)
    return decided


def overturned_by_manager(
    contact: Contact, at: dt.datetime, to: str, reasons: str
) -> DecisionAuthorisation:
    """A manager's overturning, at `at`, of the decision on `contact`: it becomes `to`."""
    return AuthorisationFactory(
        contact=contact,
        authorised_at=at,
        outcome=DecisionAuthorisation.Outcome.OVERTURNED,
        new_decision=to,
        reasons=reasons,
    )
