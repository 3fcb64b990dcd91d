"""Early help links on a child's record: see it, start it, step up from it."""

from django.urls import reverse

from sightline.frontdoor.permissions import has_role
from sightline.people.actions import Action

from .services import EARLY_HELP_ROLES

GROUP = "Early help"


def actions(child, user) -> list[Action]:
    found = [Action("Early help", reverse("early-help-child", args=[child.council_id]), GROUP)]
    if not has_role(user, EARLY_HELP_ROLES):
        return found
    open_episode = child.early_help_episodes.filter(end_date__isnull=True).first()
    if open_episode is None:
        found.append(
            Action("Start early help", reverse("early-help-start", args=[child.council_id]), GROUP)
        )
    else:
        found.append(
            Action(
                "Step up to children's social care",
                reverse("early-help-step-up", args=[open_episode.pk]),
                GROUP,
            )
        )
    return found
