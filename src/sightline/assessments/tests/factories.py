"""Factories for assessment tests (synthetic data only), on top of sightline.testing's spine."""

import datetime as dt

import factory

from sightline.assessments.models import (
    Assessment,
    AssessmentChildSeen,
    AssessmentFactor,
    MidpointCheck,
)
from sightline.testing.factories import CINEpisodeFactory


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    cin_episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("cin_episode.child")
    start_date = dt.date(2025, 9, 3)


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


class MidpointCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MidpointCheck

    assessment = factory.SubFactory(AssessmentFactory)
    child = factory.SelfAttribute("assessment.child")
    date = dt.date(2025, 9, 30)
    on_track = True
    direction = "Complete the school check by Friday."
