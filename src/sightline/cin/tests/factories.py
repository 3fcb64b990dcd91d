"""Factories for children in need tests (synthetic data only), on top of sightline.testing."""

import datetime as dt

import factory

from sightline.cin.models import (
    CINPlan,
    CINPlanReview,
    DisabledChildrenPackage,
    PackageSupportReview,
)
from sightline.testing.factories import CINEpisodeFactory


class CINPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CINPlan

    cin_episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("cin_episode.child")
    start_date = dt.date(2025, 3, 3)


class CINPlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CINPlanReview

    cin_plan = factory.SubFactory(CINPlanFactory)
    child = factory.SelfAttribute("cin_plan.child")
    date = dt.date(2025, 6, 2)
    summary = "Plan continues; school attendance improving."


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabledChildrenPackage

    start_date = dt.date(2024, 4, 1)
    support = "Two overnight short breaks a month at Oak House."
    needs_reassessment_due = dt.date(2025, 4, 1)


class SupportReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PackageSupportReview

    package = factory.SubFactory(PackageFactory)
    child = factory.SelfAttribute("package.child")
    date = dt.date(2025, 6, 1)
