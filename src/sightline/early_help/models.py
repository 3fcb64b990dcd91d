"""Early help: the help a family gets before (or after) children's social care.

An `EarlyHelpEpisode` is a period of early help for one child. It records where it came from
(a front-door decision of "early help", a case closed by children's social care and stepped
down, or a request made straight to early help) and, if concerns grow, the contact made when
it was stepped up to children's social care. Assessments and plans hang from the episode.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from sightline.people.validation import check_dates, check_same_child


class EarlyHelpEpisode(models.Model):
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

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="early_help_episodes"
    )
    origin = models.CharField("where it came from", max_length=30, choices=Origin.choices)
    source_contact = models.ForeignKey(
        "frontdoor.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="early_help_episodes",
        verbose_name="contact it came from",
    )
    source_cin_episode = models.ForeignKey(
        "cin.CINEpisode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="early_help_step_downs",
        verbose_name="social care case it stepped down from",
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
    created_by = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="early_help_episode_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Early help from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))
        check_same_child(self, "source_contact", "source_cin_episode", "stepped_up_contact")
        if self.end_date and not self.end_reason:
            raise ValidationError({"end_reason": "Select the reason early help ended."})
        if self.end_reason and not self.end_date:
            raise ValidationError({"end_date": "Enter the early help end date."})
        if self.origin == self.Origin.CONTACT_DECISION and self.source_contact_id is None:
            raise ValidationError({"source_contact": "Select the contact early help came from."})
        if self.origin == self.Origin.CASE_CLOSURE:
            episode = self.source_cin_episode
            if episode is None:
                raise ValidationError(
                    {"source_cin_episode": "Select the social care case it stepped down from."}
                )
            if self.start_date and self.start_date < episode.referral_date:
                raise ValidationError(
                    {"start_date": "Early help start date must be on or after the referral date."}
                )


class EarlyHelpAssessment(models.Model):
    """An early help assessment: who completed it, the child's views and the next steps."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    episode = models.ForeignKey(
        EarlyHelpEpisode,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name="early help episode",
    )
    start_date = models.DateField("assessment start date")
    completed_date = models.DateField("assessment completion date", null=True, blank=True)
    organisation = models.CharField("organisation completing the assessment", max_length=160)
    child_views = models.TextField("the child's views", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["completed_date"])]

    def __str__(self) -> str:
        return f"Early help assessment started {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(
            self, ("start_date", "completed_date"), not_future=("start_date", "completed_date")
        )
        check_same_child(self, "episode")
        if self.episode_id and self.start_date and self.start_date < self.episode.start_date:
            raise ValidationError(
                {"start_date": "Assessment start date must be on or after early help started."}
            )
        if self.completed_date:
            # A completed assessment must say what the child thinks and what happens next:
            # without them it is a form, not an assessment.
            problems = {}
            if not self.child_views.strip():
                problems["child_views"] = "Enter the child's views."
            if not self.next_steps.strip():
                problems["next_steps"] = "Enter the next steps."
            if problems:
                raise ValidationError(problems)


class EarlyHelpPlan(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    episode = models.ForeignKey(
        EarlyHelpEpisode,
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name="early help episode",
    )
    start_date = models.DateField("plan start date")
    end_date = models.DateField("plan end date", null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "early help plan"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="early_help_plan_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Early help plan from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))
        check_same_child(self, "episode")
        if self.episode_id and self.start_date and self.start_date < self.episode.start_date:
            raise ValidationError(
                {"start_date": "Plan start date must be on or after early help started."}
            )


class EarlyHelpPlanReview(models.Model):
    """A review of the plan (a team around the family meeting); the next is counted from it."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(EarlyHelpPlan, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField("review date")
    summary = models.TextField("what the review found")

    class Meta:
        ordering = ["-date"]
        verbose_name = "early help plan review"

    def __str__(self) -> str:
        return f"Plan review {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "plan")
        if self.plan_id and self.date:
            if self.date < self.plan.start_date:
                raise ValidationError(
                    {"date": "Review date must be on or after the plan start date."}
                )
            if self.plan.end_date and self.date > self.plan.end_date:
                raise ValidationError({"date": "Review date must be on or before the plan ended."})
