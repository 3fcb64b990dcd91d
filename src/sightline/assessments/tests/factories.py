"""Factories for the records only the assessment tests build (synthetic data only); the
assessment and its mid-point check come from sightline.testing.factories."""

import datetime as dt

import factory

from sightline.assessments.models import AssessmentChildSeen, AssessmentFactor
from sightline.testing.factories import AssessmentFactory


class ChildSeenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentChildSeen

    assessment = factory.SubFactory(AssessmentFactory)
    child = factory.SelfAttribute("assessment.child")
    date = dt.date(2025, 9, 5)
    seen_alone = True


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentFactor

    assessment = factory.SubFactory(AssessmentFactory)
    code = "16A"
