"""The small demo county (`sightline demo --small`, and the browser tests' county): the calibrated
generator run at a small population, with the named stories of `stories.yml` laid over it.

The generator gives a county with every kind of record and every timescale state, and one demo
login per role. The stories add what a test or a person trying the demo looks for by name: more
logins (the front door's and the assessment team's, so a contact can be followed to an
authorised assessment one person at a time; a children in care social worker; an early help lead
professional) and a handful of children in particular situations (a contact awaiting a decision,
an overdue assessment, a plan without outcomes, a child waiting for a social worker...). The stories
are data; this module only reads them, and saves each record after the project's own validation,
refusing any date after today.

The same `today` always gives the same county. Dates count back from it, so whenever the demo
runs its work lists show every timescale state.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from sightline.access.audit import EventType, log
from sightline.people.models import Child, Team, Worker
from sightline.timescales.calendar import WorkingCalendar, calendar

from .county import identity
from .county.names import POOLS
from .county.params import Params
from .county.profiles import load_profile
from .county.run import DEMO_SEED, generate
from .county.run import demo_workers as generated_logins
from .county.workforce import DEMO_PASSWORD, REGISTERED_ROLES

__all__ = ["DEMO_PASSWORD", "demo_workers", "ensure_demo_data", "stories"]

STORIES = Path(__file__).with_name("stories.yml")
# Small enough to build in a second or so, large enough for every kind of record the generator
# writes (at 1,000 children there may be no adoption) and a caseload for each demo login.
POPULATION = 2_000
YEARS = 2
PROFILE = "england"
LONDON = ZoneInfo("Europe/London")
# Date fields that are not "record dates" and so may be later than `today`.
NOT_RECORD_DATES = {
    "expected_date_of_birth",
    "created_at",
    "at",
    "date_joined",
    "last_login",
    "by_when",  # a plan outcome's target date
}


@cache
def stories() -> dict[str, Any]:
    """The named stories, as `stories.yml` declares them."""
    return yaml.safe_load(STORIES.read_text(encoding="utf-8"))


def ensure_demo_data(today: date | None = None) -> bool:
    """Load the small demo county unless it is already there. True if it was loaded now.

    One transaction: a failure leaves no half-built county. Raises `county.run.CountyExists` if
    the database holds another county (the stories would not fit it)."""
    today = today or timezone.localdate()
    first_login = stories()["logins"][0]["username"]
    if get_user_model().objects.filter(username=first_login).exists():
        return False
    with transaction.atomic():
        generate(POPULATION, YEARS, DEMO_SEED, profile=PROFILE, as_of=today, progress=False)
        counts = _Stories(today).load()
        log(
            None,
            EventType.SYNTHETIC_DATA_GENERATED,
            f"Added the demo's named stories ({counts['people.Child']} children)",
            detail={"today": today.isoformat(), "counts": dict(sorted(counts.items()))},
        )
    return True


def demo_workers() -> list[Worker]:
    """Every demo login: the generator's, one per role in the order of `Worker.Role`, then the
    stories' in the order `stories.yml` lists them."""
    order = [login["username"] for login in stories()["logins"]]
    more = Worker.objects.filter(user__username__in=order).select_related("user", "team")
    return [*generated_logins(), *sorted(more, key=lambda w: order.index(w.user.username))]


# -- reading dates ----------------------------------------------------------------------------

_WHEN = re.compile(
    r"^(?:today|(?P<spans>(?:\d+ (?:years?|months?|days?|working days?) ?)+)ago)"
    r"(?: at (?P<hour>\d{2}):(?P<minute>\d{2}))?$"
)
_SPAN = re.compile(r"(\d+) (years?|months?|working days?|days?)")


def when(text: str, today: date, cal: WorkingCalendar) -> date | datetime:
    """ "today", "13 working days ago at 09:10", "9 years 4 months ago": a date counted back from
    `today` (a London time of day, if given)."""
    match = _WHEN.match(text.strip())
    if match is None:
        raise ValueError(f"not a date the stories understand: {text!r}")
    day = today
    for number, unit in _SPAN.findall(match["spans"] or ""):
        n = int(number)
        if unit.startswith("working"):
            day = cal.subtract_working_days(day, n)
        elif unit.startswith("year"):
            day -= relativedelta(years=n)
        elif unit.startswith("month"):
            day -= relativedelta(months=n)
        else:
            day -= timedelta(days=n)
    if match["hour"] is None:
        return day
    return datetime.combine(day, time(int(match["hour"]), int(match["minute"])), tzinfo=LONDON)


def _as_date(value: date | datetime) -> date:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


# -- loading ----------------------------------------------------------------------------------


class _Stories:
    """Lays the stories over the generated county."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.cal = calendar()
        self.params = Params(load_profile(PROFILE))
        self.counts: Counter[str] = Counter()
        self.teams: dict[str, Team] = {}

    def load(self) -> Counter[str]:
        data = stories()
        names = [c["name"] for c in data["children"]] + data.get("reserved_names", [])
        self.make_names_unique(names)
        for team in data["teams"]:
            self.team(team["name"], team["kind"])
        self.logins(data["logins"])
        for number, story in enumerate(data["children"]):
            self.child(number, story)
        return self.counts

    def save(self, obj: models.Model) -> models.Model:
        """Validate with the project's own rules, refuse any date after today, then save."""
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.DateField) and field.name not in NOT_RECORD_DATES:
                value = getattr(obj, field.attname)
                if value is not None and _as_date(value) > self.today:
                    raise ValueError(f"{obj._meta.label}.{field.name} {value} is after today")
        obj.full_clean()
        obj.save()
        self.counts[obj._meta.label] += 1
        return obj

    def make_names_unique(self, names: list[str]) -> None:
        """A generated child who has a story's name (or one a test adds) takes the next first
        name in the generator's list, so a search for the story's child finds only them."""
        taken = {tuple(name.lower().split(" ", 1)) for name in names}
        for child in Child.objects.all().only("first_name", "last_name"):
            first = child.first_name
            while (first.lower(), child.last_name.lower()) in taken:
                first = _next_first_name(first)
            if first != child.first_name:
                Child.objects.filter(pk=child.pk).update(first_name=first)

    def team(self, name: str, kind: str) -> Team:
        team = Team.objects.filter(name=name).first()
        if team is None:
            beside = Team.objects.filter(kind=kind).order_by("pk").first()
            if beside is None:
                raise ValueError(f"the generated county has no {kind} team for {name}")
            team = self.save(Team(name=name, kind=kind, service=beside.service))
        self.teams[name] = team
        return team

    def logins(self, logins: list[dict[str, Any]]) -> None:
        """Each login and its worker, with the generated logins' password hash (hashing is slow
        on purpose, and every demo login has the same password)."""
        User = get_user_model()
        password = User.objects.get(username=generated_logins()[0].user.username).password
        joined = datetime.combine(self.today, time(8), tzinfo=LONDON)
        for number, login in enumerate(logins, start=1):
            first, last = login["name"].split(" ", 1)
            user = User(
                username=login["username"],
                first_name=first,
                last_name=last,
                email=f"{login['username']}@sightline.example",
                password=password,
                date_joined=joined,
            )
            self.save(user)
            role = login["role"]
            self.save(
                Worker(
                    user=user,
                    staff_id=f"D{number:04d}",
                    first_name=first,
                    last_name=last,
                    role=role,
                    team=self.teams[login["team"]],
                    registration_number=f"SW9{number:05d}" if role in REGISTERED_ROLES else "",
                )
            )

    def child(self, number: int, story: dict[str, Any]) -> None:
        first, last = story["name"].split(" ", 1)
        fields = dict(story["child"])
        born = self.value(Child._meta.get_field("date_of_birth"), fields.pop("date_of_birth"), {})
        age = relativedelta(self.today, born).years
        # Identifiers from the far end of each range the generator counts up from, so never one
        # a generated child has.
        index = 7_999_999 - number
        upn = ""
        if age >= self.params.school_start_age:
            upn = identity.upn(self.params.la_code, index, born.year + self.params.school_start_age)
        child = self.save(
            Child(
                council_id=identity.council_id(9_999_999 - number),
                first_name=first,
                last_name=last,
                date_of_birth=born,
                upn=upn,
                upn_unknown_reason="" if upn else "UN1",
                uln=identity.uln(index) if age >= self.params.uln_from_age else "",
                nhs_number=identity.nhs_number(identity.nhs_capacity() - 1 - number),
                first_language="English",
                **fields,
            )
        )
        named: dict[str, models.Model] = {}
        for entry in story["records"]:
            ((label, values),) = entry.items()
            model = apps.get_model(label)
            values = dict(values)
            name = values.pop("as", None)
            record = model(**self.fields(model, values, child, named))
            self.save(record)
            if name:
                named[name] = record

    def fields(
        self,
        model: type[models.Model],
        values: dict[str, Any],
        child: Child,
        named: dict[str, models.Model],
    ) -> dict[str, Any]:
        """The record's field values from the story's words: dates, workers, earlier records."""
        resolved = {
            name: self.value(model._meta.get_field(name), v, named) for name, v in values.items()
        }
        field_names = {f.name for f in model._meta.concrete_fields}
        if "child" in field_names:
            resolved.setdefault("child", child)
        if "team" in field_names and "team" not in resolved and "worker" in resolved:
            resolved["team"] = resolved["worker"].team
        return resolved

    def value(self, field: models.Field, value: Any, named: dict[str, models.Model]) -> Any:
        if field.is_relation:
            target = field.related_model
            if target is Worker:
                return Worker.objects.select_related("team").get(user__username=value)
            if target is Team:
                return self.teams.get(value) or Team.objects.get(name=value)
            return named[value]
        if isinstance(field, models.DateField) and isinstance(value, str):
            moment = when(value, self.today, self.cal)
            wants_time = isinstance(field, models.DateTimeField)
            if wants_time != isinstance(moment, datetime):
                raise ValueError(f"{field} wants a {'time' if wants_time else 'day'}: {value!r}")
            return moment
        return value


def _next_first_name(name: str) -> str:
    for boys, girls, _ in POOLS.values():
        for names in (boys, girls):
            if name in names:
                return names[(names.index(name) + 1) % len(names)]
    raise ValueError(f"{name} is not a name the generator gives")
