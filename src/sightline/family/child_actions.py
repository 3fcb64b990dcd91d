"""Links on the child's record to "Details and family": to see the child's details and network
(everyone who may see the record), and to change them or add to the network (those who may
change a child's details)."""

from sightline.access import policy
from sightline.plugins import Action, Links

link = Links("Details and family")


def actions(child, user) -> list[Action]:
    council_id = child.council_id
    if not policy.may(user, policy.Action.EDIT_CHILD_DETAILS):
        return [link("See details and family", "child-details", council_id)]
    return [
        link("Details and family: see and change", "child-details", council_id),
        link("Add an address", "child-address-add", council_id),
        link("Add an adult", "child-adult-add", council_id),
        link("Link a brother or sister", "child-sibling-link", council_id),
    ]
