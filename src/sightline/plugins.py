"""How an app plugs into pages and engines it does not own, without them importing it.

The layers below the domain apps (people, access, timescales, web) and the pages that gather
from every app (the child's record) never import a domain app. Instead each app may define
modules with these names, found here when Django starts, in INSTALLED_APPS order:

- `child_actions.py`: `actions(child, user) -> list[Action]`, the links the child's record
  offers this user (offer only what the user's role may do: the page shows what is returned),
  each made by the app's `Links`;
- `chronology.py`: `entries(child) -> Iterable[Entry]`, the app's records as dated entries in
  the child's chronology, each made by the app's `Area`;
- `timescale_rules.py`: functions decorated with `sightline.timescales.rules.rule`, which
  apply the declared timescales to the app's records;
- `visibility.py`: who else may see what (`sightline.access.scope` says how);
- `front_door_handover.py`: the work a front-door decision hands over to another service
  (`sightline.frontdoor.services` says how).

This module sits at the very bottom of the package (it imports only Django) so that every
layer, `access` included, may use it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.urls import reverse
from django.utils import timezone


@cache
def discover(name: str) -> tuple[ModuleType, ...]:
    """Every Sightline app's `<app>.<name>` module, imported, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        module = f"{app.name}.{name}"
        if app.name.startswith("sightline.") and find_spec(module) is not None:
            found.append(import_module(module))
    return tuple(found)


@dataclass(frozen=True)
class Action:
    """A link on the child's record to something the user can do for the child."""

    label: str  # "Record a strategy discussion"
    url: str
    group: str = "Record"  # heading the link sits under on the child's record


@dataclass(frozen=True)
class Links:
    """The links an app offers under its one heading on the child's record, so that each link
    is its label, its URL's name and the record it is about."""

    group: str

    def __call__(self, label: str, url_name: str, *args) -> Action:
        return Action(label, reverse(url_name, args=args), self.group)


@dataclass(frozen=True)
class Entry:
    """One dated line of a child's chronology."""

    when: date
    time: str  # "HH:MM" where the record has a time, else ""
    area: str  # Front door, Assessment, Child protection, ...
    title: str
    detail: str = ""
    url: str = ""  # the record's own page, where it has one (a case note)

    @classmethod
    def at(
        cls, value: date | datetime, area: str, title: str, detail: str = "", url: str = ""
    ) -> "Entry":
        """An entry on a date, or at a moment (shown as the UK local date and time)."""
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            return cls(local.date(), local.strftime("%H:%M"), area, title, detail, url)
        return cls(value, "", area, title, detail, url)


@dataclass(frozen=True)
class Area:
    """One area of the chronology ("Child protection"): an app names its area once and makes
    each of its entries from a date (or moment), a title and perhaps a detail."""

    name: str

    def __call__(
        self, value: date | datetime, title: str, detail: str = "", url: str = ""
    ) -> Entry:
        return Entry.at(value, self.name, title, detail, url)

    def visit(self, visit) -> Entry:
        """A statutory visit (children in need, child protection, in care): whether the child
        was seen, and seen alone, is what the visit is judged by."""
        seen = f"Seen: {yes_no(visit.seen)}; seen alone: {yes_no(visit.seen_alone)}."
        return self(visit.visit_date, "Visit", seen)


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"
