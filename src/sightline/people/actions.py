"""What a user can do from a child's record, contributed by each domain app.

An app offers actions by defining `actions(child, user) -> list[Action]` in its
`child_actions.py`; the child's record lists every app's actions, so no app edits another's
template. Offer only what the user's role may do: the page shows exactly what is returned.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class Action:
    label: str  # "Record a strategy discussion"
    url: str
    group: str = "Record"  # heading the link sits under on the child's record


@cache
def _providers() -> list:
    providers = []
    for app in apps.get_app_configs():
        module = f"{app.name}.child_actions"
        if app.name.startswith("sightline.") and find_spec(module) is not None:
            providers.append(import_module(module).actions)
    return providers


def actions_for(child, user) -> dict[str, list[Action]]:
    """Actions grouped by heading, in app order then the order each app gives."""
    grouped: dict[str, list[Action]] = {}
    for provider in _providers():
        for action in provider(child, user):
            grouped.setdefault(action.group, []).append(action)
    return grouped
