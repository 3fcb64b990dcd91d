"""Who else the workforce lets see a child (read by `sightline.access.scope`).

A child with open work and no allocated social worker is held by nobody, so no one's scope
would hold them; the manager whose unallocated work they are (`unallocated.py` says whose)
sees them too, to open their record and allocate a worker.
"""

from django.db.models import Q
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.people.models import Worker

from .unallocated import unallocated_for


def children_also_visible(worker: Worker) -> Q | None:
    if worker.user is None or not may(worker.user, Action.VIEW_UNALLOCATED_WORK):
        return None
    return unallocated_for(worker, timezone.localdate())
