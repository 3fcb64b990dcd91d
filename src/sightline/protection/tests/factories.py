"""Factories for the child protection records only these tests build (synthetic data only); the
chain from strategy discussion to plan comes from sightline.testing.factories."""

import datetime as dt

from sightline.protection.models import PlanOutcome
from sightline.testing.factories import PlanFactory, record_factory

OutcomeFactory = record_factory(
    PlanOutcome,
    "cp_plan",
    PlanFactory,
    what_must_change="Sam goes to school every day, clean and fed.",
    how_measured="School attendance above 95% each half term.",
    by_when=dt.date(2026, 3, 31),
    responsible="Parents, with the school's family support worker",
)
