"""Links on the child's record for allocation: the child's allocations (who holds them now,
who did before), and for a manager who may allocate, allocating a social worker."""

from sightline.access import policy
from sightline.people.models import Allocation
from sightline.plugins import Action, Links

link = Links("Allocation")


def actions(child, user) -> list[Action]:
    found = [link("Allocations", "child-allocations", child.council_id)]
    if policy.may(user, policy.Action.ALLOCATE_WORKER):
        kind = Allocation.Kind.SOCIAL_WORKER
        found.append(link("Allocate a social worker", "child-allocate", child.council_id, kind))
    return found
