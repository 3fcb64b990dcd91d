"""Changing the council's timescale configuration: local values and closure days.

Each change is one transaction with one audit event, whether it comes from the command line
(`sightline timescales ...`) or, later, a page.
"""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log

from . import calendar as calendar_module
from .declarations import Timescale, all_timescales, set_local_timescale
from .models import ClosureDay

# Local timescales and closure days are set with `sightline timescales`, run by the council's
# administrators on the server: the trail names the command line.
COMMAND_LINE = Actor.system("sightline command line")


def describe_all(timescales: Mapping[str, Timescale] | None = None) -> list[str]:
    """One line per timescale: key, kind, current value, and the declared default if changed.

    Those not yet in force (declared, but no rule uses them yet) follow under their own heading,
    so nobody takes them for something the service already measures. `timescales` defaults to
    those in force in this council (declarations with its local values).
    """
    timescales = sorted((all_timescales() if timescales is None else timescales).items())
    lines = [_line(key, t) for key, t in timescales if t.in_force]
    waiting = [_line(key, t) for key, t in timescales if not t.in_force]
    if waiting:
        lines += ["", "Not yet in force (declared; no rule uses them yet):", *waiting]
    return lines


def _line(key: str, timescale: Timescale) -> str:
    value = timescale.value or (str(timescale.period) if timescale.period else "")
    default = f" (default {timescale.default_value})" if timescale.overridden else ""
    return f"{key:<48} {timescale.kind:<9} {value}{default}  {timescale.name}"


def set_local(key: str, value: str, reason: str, actor: Actor = COMMAND_LINE) -> None:
    with transaction.atomic():
        row = set_local_timescale(key, value, actor.user, reason)
        log(
            actor,
            EventType.TIMESCALE_CHANGED,
            f"Set local timescale {key} to {row.value}",
            obj=row,
            detail={"key": key, "value": row.value, "reason": reason},
        )


def add_closure_day(day: date, reason: str, actor: Actor = COMMAND_LINE) -> ClosureDay:
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the council is closed that day."})
    with transaction.atomic():
        closure = ClosureDay(date=day, reason=reason)
        closure.full_clean()
        closure.save()
        log(
            actor,
            EventType.CLOSURE_DAY_ADDED,
            f"Added closure day {day:%d/%m/%Y}",
            obj=closure,
            detail={"date": day.isoformat(), "reason": reason},
        )
    calendar_module.clear_cache()
    return closure
