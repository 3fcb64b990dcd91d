"""Front-door links on a child's record: record a contact, merge a duplicate record into this
one, and the contacts waiting on the user (a decision to make, or a decision to authorise)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from sightline.access import policy
from sightline.access.scope import worker_for
from sightline.plugins import Action, Links
from sightline.web.dates import long_date

from .models import Contact

GROUP = "Front door"
link = Links(GROUP)


def _day(moment) -> str:
    return long_date(timezone.localdate(moment))


def actions(child, user) -> list[Action]:
    # The child's record is only shown to users who may see the child, so the child's
    # contacts are in scope here too.
    found: list[Action] = []
    if policy.may(user, policy.Action.RECORD_CONTACT):
        url = reverse("frontdoor-record-contact") + "?" + urlencode({"child": child.council_id})
        found.append(Action("Record a contact", url, GROUP))
    if policy.may(user, policy.Action.MERGE_CHILDREN):
        url = reverse("frontdoor-merge") + "?" + urlencode({"survivor": child.council_id})
        found.append(Action("Merge a duplicate record into this one", url, GROUP))
    worker = worker_for(user)
    if worker is None:
        return found
    if policy.may(user, policy.Action.DECIDE_CONTACT):
        for contact in child.contacts.filter(decision="").order_by("received_at"):
            decide = f"Decide on the contact received {_day(contact.received_at)}"
            found.append(link(decide, "frontdoor-screening", contact.pk))
    if policy.may(user, policy.Action.AUTHORISE_DECISION):
        waiting = (
            Contact.objects.filter(child=child, authorisation__isnull=True)
            .exclude(decision="")
            .exclude(decided_by=worker)
            .order_by("decided_at")
        )
        for contact in waiting:
            authorise = (
                f"Authorise the decision on the contact received {_day(contact.received_at)}"
            )
            found.append(link(authorise, "frontdoor-authorise", contact.pk))
    return found
