"""Factories for the records only the assessment tests build (synthetic data only); the
assessment and its mid-point check come from sightline.testing.factories."""

import datetime as dt

from sightline.assessments.models import AssessmentChildSeen, AssessmentFactor
from sightline.testing.factories import AssessmentFactory, record_factory

ChildSeenFactory = record_factory(
    AssessmentChildSeen, "assessment", AssessmentFactory, date=dt.date(2025, 9, 5), seen_alone=True
)

FactorFactory = record_factory(
    AssessmentFactor, "assessment", AssessmentFactory, copied=(), code="16A"
)
