"""Factories for the child protection records only these tests build (synthetic data only), and
the one way these tests record a conference that makes a plan through the service; the chain
from strategy discussion to plan comes from sightline.testing.factories."""

import datetime as dt

from sightline.protection import services
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


def record_conference_making_a_plan(user, enquiry, *, date: dt.date, category: str):
    """`user` records, through the service, the initial conference on `enquiry` held on `date`
    (chaired by Morgan Ellis, as ConferenceFactory's are) that makes a plan under `category`;
    returns the conference and the plan."""
    return services.record_initial_conference(
        user, enquiry, date=date, chair="Morgan Ellis", plan_made=True, category=category
    )
