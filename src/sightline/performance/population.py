"""The child population behind every "per 10,000 children" rate, and where it came from.

A council enters its ONS mid-year estimate of children aged 0 to 17 (`ChildPopulation`). The
number of children in the case records is not a population (most children are never referred),
so it is never used. The synthetic county is the one exception: its generator knows the size
of the county it made and records it on its audit event, so that figure is used (and named as
such) when the council has entered none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sightline.access.models import AuditEvent

from .models import ChildPopulation


@dataclass(frozen=True)
class Population:
    count: int | None
    source: str  # words for the page

    @property
    def known(self) -> bool:
        return bool(self.count)


def population_for(on: date) -> Population:
    """The population to use for a period ending on `on`: the latest estimate for a year no
    later than `on`'s (else the earliest entered), else the synthetic county's size."""
    rows = ChildPopulation.objects.order_by("-year")
    row = rows.filter(year__lte=on.year).first() or rows.last()
    if row is not None:
        return Population(
            row.count, f"the council's mid-{row.year} estimate of children aged 0 to 17"
        )
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.GENERATE).order_by("-id").first()
    count = (event.detail or {}).get("population") if event is not None else None
    if isinstance(count, int) and count > 0:
        return Population(
            count,
            "the synthetic county's population of children aged 0 to 17, as generated "
            "(no council estimate has been entered)",
        )
    return Population(None, "no child population has been entered")
