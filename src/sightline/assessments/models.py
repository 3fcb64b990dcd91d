"""Child and family assessments: the 45-working-day clock runs from the referral date.

An assessment gathers when the child was seen, the child's views, checks with other agencies
and the factors identified; a manager checks it part-way (`MidpointCheck`) and authorises it,
and the outcome then takes effect (the referral closes, a child in need plan starts, or the
case goes on to a strategy discussion or into care).
"""

from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class Assessment(models.Model):
    class Outcome(models.TextChoices):
        # The two closures carry the CIN census reason for closure the referral closes with.
        NO_FURTHER_ACTION = "no_further_action", "Close: no further action (RC8)"
        EARLY_HELP = "early_help", "Close: referred to early help (RC9)"
        CIN_PLAN = "cin_plan", "Child in need plan"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion (child protection)"
        CARE = "care", "Child to become looked after"

    CLOSURE_REASONS = {Outcome.NO_FURTHER_ACTION: "RC8", Outcome.EARLY_HELP: "RC9"}

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="assessments")
    cin_episode = models.ForeignKey(
        "cin.CINEpisode",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name="referral",
    )
    start_date = models.DateField("assessment start date")
    authorised_date = models.DateField("authorisation date", null=True, blank=True)
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # New fields are nullable or have a database default: the bulk generator inserts rows
    # without Django's defaults.
    authorised_by = models.ForeignKey(
        "people.Worker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="authorised by",
    )
    child_views = models.TextField("child's views", blank=True, default="", db_default="")
    child_views_date = models.DateField(
        "date the child's views were recorded", null=True, blank=True
    )
    outcome = models.CharField(
        max_length=30, blank=True, choices=Outcome.choices, default="", db_default=""
    )
    outcome_reasons = models.TextField(
        "reasons for the outcome", blank=True, default="", db_default=""
    )

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["authorised_date"])]

    def __str__(self) -> str:
        return f"Assessment started {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(
            self, ("start_date", "authorised_date"), not_future=("start_date", "authorised_date")
        )
        check_same_child(self, "cin_episode")
        check_dates(self, ("start_date", "child_views_date"), not_future=("child_views_date",))
        if self.cin_episode_id and self.start_date < self.cin_episode.referral_date:
            raise ValidationError(
                {"start_date": "Assessment start date must be on or after the referral date."}
            )
        if self.outcome and not self.outcome_reasons.strip():
            raise ValidationError({"outcome_reasons": "Enter the reasons for the outcome."})

    @property
    def is_authorised(self) -> bool:
        return self.authorised_date is not None

    @property
    def closure_reason(self) -> str:
        """The CIN census reason the referral closes with when this outcome takes effect."""
        return self.CLOSURE_REASONS.get(self.outcome, "")


class AssessmentFactor(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField(max_length=3, choices=choices_for("CIN_assessment_factor"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="one_row_per_factor")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class MidpointCheck(models.Model):
    """A manager's check part-way through an assessment: an oversight record, not a case note."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="midpoint_checks"
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    manager = models.ForeignKey("people.Worker", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("check date")
    on_track = models.BooleanField("assessment on track to finish in time")
    direction = models.TextField("manager's direction")

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Midpoint check {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "assessment")
        check_dates(self, not_future=("date",))
        if self.assessment_id and self.date < self.assessment.start_date:
            raise ValidationError({"date": "Check date must be on or after the assessment start."})


class AssessmentChildSeen(models.Model):
    """A date the child was seen during the assessment; an assessment needs at least one."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="seen")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("date the child was seen")
    seen_alone = models.BooleanField("child seen alone")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "child seen"
        verbose_name_plural = "child seen"

    def __str__(self) -> str:
        return f"Child seen {self.date:%d/%m/%Y}" + (" alone" if self.seen_alone else "")

    def clean(self) -> None:
        check_same_child(self, "assessment")
        check_dates(self, not_future=("date",))
        if self.assessment_id and self.date < self.assessment.start_date:
            raise ValidationError(
                {"date": "Date the child was seen must be on or after the assessment start."}
            )


class LateralCheck(models.Model):
    """A check with another agency (police, school, health, ...) and what it told us."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="lateral_checks"
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    agency = models.CharField(max_length=120)
    date = models.DateField("date of the check")
    learned = models.TextField("what was learned")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Check with {self.agency} {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "assessment")
        check_dates(self, not_future=("date",))
        if not self.agency.strip():
            raise ValidationError({"agency": "Enter the agency."})
        if not self.learned.strip():
            raise ValidationError({"learned": "Enter what was learned."})
        if self.assessment_id and self.date < self.assessment.cin_episode.referral_date:
            raise ValidationError(
                {"date": "Date of the check must be on or after the referral date."}
            )
