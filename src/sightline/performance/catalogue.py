"""The indicator catalogue: every indicator's definition, in one place.

The entries are data, in `catalogue.yml` beside this module. Each says what the indicator
measures in plain English, where the definition comes from (the DfE's published measures from
the CIN census and the SSDA903 return, Ofsted's inspection data, or local practice), what is
counted above and below the line, how the period is applied, which direction is better,
England's figure where one is published, and how a record is attributed to a team and worker.
The SQL that computes each one is in `indicators.py`, under the same id; a test checks that
the two lists match.

Attribution: "allocated worker" means the worker allocated to the child as their social worker
(`people.Allocation`, kind social_worker) on the date named, with the team recorded on that
allocation; "recording worker" means the worker the record itself names, with that worker's
current team. Where an indicator names a recording worker and the record has none, the
allocated worker on the date named is used. A record with neither is "Not allocated".

Definitions follow the DfE's "Characteristics of children in need" and "Children looked after
in England" methodologies where a published measure exists; where this service has had to
decide a boundary, the decision is written into the definition (and pinned by a test).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .national import EnglandFigure, england

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yml")

SECTIONS = (
    ("front_door", "Front door"),
    ("assessment", "Referrals and assessments"),
    ("protection", "Child protection"),
    ("in_need", "Children in need"),
    ("in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
)
SOURCES = {
    "DfE": "DfE published measure",
    "Ofsted": "Ofsted inspection data (Annex A)",
    "Local": "Local measure",
}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    section: str
    definition: str
    source: str  # "DfE", "Ofsted" or "Local"
    numerator: str
    denominator: str
    period_rule: str
    better: str  # "higher", "lower" or "neither" (a rate that describes demand)
    unit: str  # "percent", "rate" (per 10,000 children), "count", "working_days"
    attribution: str
    statement: str  # a plain sentence for the performance pack; {value} {numerator} {denominator}
    england_path: str | None = None
    england_when: str = ""  # when the file's key does not say (e.g. "year ending 31 March 2025")

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"

    @property
    def england_figure(self) -> EnglandFigure | None:
        """England's figure, saying when it is for where the file's key does not."""
        figure = england(self.england_path) if self.england_path else None
        if figure is not None and self.england_when and not figure.when:
            figure = replace(figure, when=self.england_when)
        return figure

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]

    @property
    def better_words(self) -> str:
        return {
            "higher": "Higher is better",
            "lower": "Lower is better",
            "neither": "Neither higher nor lower is better in itself: it describes demand",
        }[self.better]


def _load() -> tuple[Indicator, ...]:
    entries = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))["indicators"]
    indicators = tuple(Indicator(**entry) for entry in entries)
    ids = [indicator.id for indicator in indicators]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{CATALOGUE_FILE.name} names an indicator twice: {sorted(ids)}")
    return indicators


_INDICATORS = _load()
CATALOGUE: dict[str, Indicator] = {indicator.id: indicator for indicator in _INDICATORS}
IDS: tuple[str, ...] = tuple(CATALOGUE)


def in_section(section: str) -> list[Indicator]:
    return [i for i in _INDICATORS if i.section == section]
