"""Factories for children in need tests (synthetic data only), on top of sightline.testing."""

import datetime as dt

import factory

from sightline.cin.models import (
    CINPlan,
    CINPlanReview,
    DisabledChildrenPackage,
    PackageSupportReview,
)
from sightline.testing.factories import CINEpisodeFactory, record_factory

CINPlanFactory = record_factory(
    CINPlan, "cin_episode", CINEpisodeFactory, start_date=dt.date(2025, 3, 3)
)

CINPlanReviewFactory = record_factory(
    CINPlanReview,
    "cin_plan",
    CINPlanFactory,
    date=dt.date(2025, 6, 2),
    summary="Plan continues; school attendance improving.",
)


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabledChildrenPackage

    start_date = dt.date(2024, 4, 1)
    support = "Two overnight short breaks a month at Oak House."
    needs_reassessment_due = dt.date(2025, 4, 1)


SupportReviewFactory = record_factory(
    PackageSupportReview, "package", PackageFactory, date=dt.date(2025, 6, 1)
)
