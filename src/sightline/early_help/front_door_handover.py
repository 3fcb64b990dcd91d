"""What early help takes on from a front-door decision (found by `sightline.frontdoor.services`).

A decision of "early help" on a contact starts early help for the child; a manager overturning
that decision ends the early help it started. Both run inside the front door's transaction, so
the decision and the early help stand or fall together.
"""

from sightline.frontdoor.models import Contact

from . import services

DECISION = Contact.Decision.EARLY_HELP


def start(*args, **kwargs):
    """Start early help from the contact (the front door passes its own arguments through)."""
    return services.step_down_from_contact(*args, **kwargs)


def end(*args, **kwargs):
    """End the early help the overturned decision started."""
    return services.end_after_overturn(*args, **kwargs)
