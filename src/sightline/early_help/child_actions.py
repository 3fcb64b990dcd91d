"""Early help links on a child's record: see it, start it, step up from it."""

from django.urls import reverse

from sightline.access import policy
from sightline.plugins import Action

GROUP = "Early help"


def actions(child, user) -> list[Action]:
    found = [Action("Early help", reverse("early-help-child", args=[child.council_id]), GROUP)]
    if not policy.may(user, policy.Action.RECORD_EARLY_HELP):
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
