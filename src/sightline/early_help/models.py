"""Early help: the help a family gets before (or after) children's social care.

An `EarlyHelpEpisode` is a period of early help for one child. It records where it came from
(a front-door decision of "early help", a case closed by children's social care and stepped
down, or a request made straight to early help) and, if concerns grow, the contact made when
it was stepped up to children's social care. Assessments and plans hang from the episode.
"""

from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.records import (
    DatedRecord,
    child_link,
    ends_after_it_starts,
    optional_link,
    part_of,
    worker_link,
)
from sightline.people.validation import (
    check_entered,
    check_not_after,
    check_not_before,
    check_together,
)


class EarlyHelpEpisode(DatedRecord):
    class Origin(models.TextChoices):
        CONTACT_DECISION = "contact_decision", "Front door decision: early help"
        CASE_CLOSURE = "case_closure", "Stepped down when the social care case closed"
        REQUEST = "request", "Request for early help"

    class EndReason(models.TextChoices):
        NEEDS_MET = "needs_met", "Needs met: plan completed"
        STEPPED_UP = "stepped_up", "Stepped up to children's social care"
        CONSENT_WITHDRAWN = "consent_withdrawn", "Family withdrew consent"
        MOVED_AWAY = "moved_away", "Moved out of the area"
        DECISION_OVERTURNED = "decision_overturned", "Front-door decision overturned by a manager"
        OTHER = "other", "Other"

    child = child_link("early_help_episodes")
    origin = models.CharField("where it came from", max_length=30, choices=Origin.choices)
    source_contact = optional_link(
        "frontdoor.Contact", "early_help_episodes", "contact it came from"
    )
    source_cin_episode = optional_link(
        "cin.CINEpisode", "early_help_step_downs", "social care case it stepped down from"
    )
    start_date = models.DateField("early help start date")
    lead_organisation = models.CharField("lead organisation", max_length=160, blank=True)
    lead_practitioner = models.CharField("lead practitioner", max_length=160, blank=True)
    end_date = models.DateField("early help end date", null=True, blank=True)
    end_reason = models.CharField(
        "reason early help ended", max_length=30, choices=EndReason.choices, blank=True
    )
    stepped_up_contact = models.OneToOneField(
        "frontdoor.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stepped_up_from",
        verbose_name="contact made at step-up",
    )
    created_by = worker_link()

    called = "Early help from"
    dated_by = "start_date"
    ends_by = "end_date"
    same_child_as = ("source_contact", "source_cin_episode", "stepped_up_contact")

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [ends_after_it_starts("early_help_episode_ends_after_it_starts")]

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def clean(self) -> None:
        super().clean()
        check_together(
            self,
            end_date="Enter the early help end date.",
            end_reason="Select the reason early help ended.",
        )
        if self.origin == self.Origin.CONTACT_DECISION and self.source_contact_id is None:
            raise ValidationError({"source_contact": "Select the contact early help came from."})
        if self.origin == self.Origin.CASE_CLOSURE:
            episode = self.source_cin_episode
            if episode is None:
                raise ValidationError(
                    {"source_cin_episode": "Select the social care case it stepped down from."}
                )
            check_not_before(
                self, "start_date", "source_cin_episode.referral_date", "the referral date"
            )


class EarlyHelpAssessment(DatedRecord):
    """An early help assessment: who completed it, the child's views and the next steps."""

    child = child_link()
    episode = part_of(EarlyHelpEpisode, "assessments", "early help episode")
    start_date = models.DateField("assessment start date")
    completed_date = models.DateField("assessment completion date", null=True, blank=True)
    organisation = models.CharField("organisation completing the assessment", max_length=160)
    child_views = models.TextField("the child's views", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    worker = worker_link()

    called = "Early help assessment started"
    dated_by = "start_date"
    ends_by = "completed_date"
    same_child_as = ("episode",)
    not_before = {"episode.start_date": "early help started"}

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["completed_date"])]

    def clean(self) -> None:
        super().clean()
        if self.completed_date:
            # A completed assessment must say what the child thinks and what happens next:
            # without them it is a form, not an assessment.
            check_entered(
                self, child_views="Enter the child's views.", next_steps="Enter the next steps."
            )


class EarlyHelpPlan(DatedRecord):
    child = child_link()
    episode = part_of(EarlyHelpEpisode, "plans", "early help episode")
    start_date = models.DateField("plan start date")
    end_date = models.DateField("plan end date", null=True, blank=True)

    called = "Early help plan from"
    dated_by = "start_date"
    ends_by = "end_date"
    same_child_as = ("episode",)
    not_before = {"episode.start_date": "early help started"}

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "early help plan"
        constraints = [ends_after_it_starts("early_help_plan_ends_after_it_starts")]


class EarlyHelpPlanReview(DatedRecord):
    """A review of the plan (a team around the family meeting); the next is counted from it."""

    child = child_link()
    plan = part_of(EarlyHelpPlan, "reviews")
    date = models.DateField("review date")
    summary = models.TextField("what the review found")

    called = "Plan review"
    same_child_as = ("plan",)
    not_before = {"plan.start_date": "the plan start date"}

    class Meta:
        ordering = ["-date"]
        verbose_name = "early help plan review"

    def clean(self) -> None:
        super().clean()
        check_not_after(self, "date", "plan.end_date", "the plan ended")
