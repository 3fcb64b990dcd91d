"""Factories for child protection records, each hanging off the one before it on the child's
journey (strategy discussion, section 47 enquiry, conference, plan). Synthetic data only."""

import datetime as dt

import factory

from sightline.protection.models import (
    ChildProtectionPlan,
    InitialChildProtectionConference,
    PlanOutcome,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.testing.factories import CINEpisodeFactory, record_factory

# After the strategy discussion, each record belongs to the referral its parent belongs to.
ON_THE_REFERRAL = ("cin_episode", "child")

StrategyDiscussionFactory = record_factory(
    StrategyDiscussion,
    "cin_episode",
    CINEpisodeFactory,
    date=dt.date(2025, 9, 2),
    police_present=True,
    health_present=True,
    education_present=True,
    social_care_present=True,
    outcome=StrategyDiscussion.Outcome.S47,
    rationale="Unexplained bruising; threshold for a single-agency section 47 enquiry met.",
)

Section47EnquiryFactory = record_factory(
    Section47Enquiry,
    "strategy_discussion",
    StrategyDiscussionFactory,
    copied=ON_THE_REFERRAL,
    start_date=factory.SelfAttribute("strategy_discussion.date"),
)

ConferenceFactory = record_factory(
    InitialChildProtectionConference,
    "section47",
    Section47EnquiryFactory,
    copied=ON_THE_REFERRAL,
    date=dt.date(2025, 9, 19),
    chair="Morgan Ellis",
    plan_made=True,
)

PlanFactory = record_factory(
    ChildProtectionPlan,
    "icpc",
    ConferenceFactory,
    copied=ON_THE_REFERRAL,
    start_date=factory.SelfAttribute("icpc.date"),
    initial_category="NEG",
    latest_category="NEG",
)

OutcomeFactory = record_factory(
    PlanOutcome,
    "cp_plan",
    PlanFactory,
    what_must_change="Sam goes to school every day, clean and fed.",
    how_measured="School attendance above 95% each half term.",
    by_when=dt.date(2026, 3, 31),
    responsible="Parents, with the school's family support worker",
)
