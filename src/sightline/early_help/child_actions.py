"""Early help links on a child's record: see it, start it, step up from it."""

from sightline.access import policy
from sightline.plugins import Action, Links

link = Links("Early help")


def actions(child, user) -> list[Action]:
    found = [link("Early help", "early-help-child", child.council_id)]
    if not policy.may(user, policy.Action.RECORD_EARLY_HELP):
        return found
    open_episode = child.early_help_episodes.filter(end_date__isnull=True).first()
    if open_episode is None:
        found.append(link("Start early help", "early-help-start", child.council_id))
    else:
        step_up = "Step up to children's social care"
        found.append(link(step_up, "early-help-step-up", open_episode.pk))
    return found
