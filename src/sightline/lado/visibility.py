"""Who may see LADO allegations (read by `sightline.access.scope`).

An allegation is about a person who works with children, not a record on a child's file, so it
is not scoped through children: only the LADO team and holders of a current explicit grant see
any, and they see all.
"""

from django.db.models import QuerySet

from sightline.access.scope import may_see_lado

from .models import Allegation


def allegations_visible_to(user) -> QuerySet[Allegation]:
    return Allegation.objects.all() if may_see_lado(user) else Allegation.objects.none()


RECORDS = {"lado.Allegation": allegations_visible_to}
