"""Child and family assessments: the 45-working-day clock runs from the referral date."""

from django.db import models

from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class Assessment(models.Model):
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
        if self.cin_episode_id and self.start_date < self.cin_episode.referral_date:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"start_date": "Assessment start date must be on or after the referral date."}
            )


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
            from django.core.exceptions import ValidationError

            raise ValidationError({"date": "Check date must be on or after the assessment start."})
