"""Who else the front door lets see a child (read by `sightline.access.scope`).

Screening happens before anyone is allocated, so a worker in a front-door team also sees the
children with a contact received in the last 30 days.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sightline.people.models import Team, Worker

from .models import Contact

FRONT_DOOR_RECENT_DAYS = 30


def children_also_visible(worker: Worker) -> Q | None:
    if worker.team.kind != Team.Kind.FRONT_DOOR:
        return None
    since = timezone.now() - timedelta(days=FRONT_DOOR_RECENT_DAYS)
    return Q(Exists(Contact.objects.filter(child=OuterRef("pk"), received_at__gte=since)))
