"""Factories for child protection records. Synthetic data only."""

import datetime as dt

import factory

from sightline.protection.models import (
    ChildProtectionPlan,
    InitialChildProtectionConference,
    PlanOutcome,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.testing.factories import CINEpisodeFactory


class StrategyDiscussionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyDiscussion

    cin_episode = factory.SubFactory(CINEpisodeFactory)
    child = factory.SelfAttribute("cin_episode.child")
    date = dt.date(2025, 9, 2)
    police_present = True
    health_present = True
    education_present = True
    social_care_present = True
    outcome = StrategyDiscussion.Outcome.S47
    rationale = "Unexplained bruising; threshold for a single-agency section 47 enquiry met."


class Section47EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section47Enquiry

    strategy_discussion = factory.SubFactory(StrategyDiscussionFactory)
    cin_episode = factory.SelfAttribute("strategy_discussion.cin_episode")
    child = factory.SelfAttribute("strategy_discussion.child")
    start_date = factory.SelfAttribute("strategy_discussion.date")


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitialChildProtectionConference

    section47 = factory.SubFactory(Section47EnquiryFactory)
    cin_episode = factory.SelfAttribute("section47.cin_episode")
    child = factory.SelfAttribute("section47.child")
    date = dt.date(2025, 9, 19)
    chair = "Morgan Ellis"
    plan_made = True


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildProtectionPlan

    icpc = factory.SubFactory(ConferenceFactory)
    cin_episode = factory.SelfAttribute("icpc.cin_episode")
    child = factory.SelfAttribute("icpc.child")
    start_date = factory.SelfAttribute("icpc.date")
    initial_category = "NEG"
    latest_category = "NEG"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanOutcome

    cp_plan = factory.SubFactory(PlanFactory)
    child = factory.SelfAttribute("cp_plan.child")
    what_must_change = "Sam goes to school every day, clean and fed."
    how_measured = "School attendance above 95% each half term."
    by_when = dt.date(2026, 3, 31)
    responsible = "Parents, with the school's family support worker"
