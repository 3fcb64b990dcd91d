"""Care leavers: keeping in touch, accommodation, activity and pathway plans."""

from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class CareLeaverContact(models.Model):
    """What the council knew of a care leaver around a birthday (SSDA903 'OC3')."""

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="care_leaver_contacts"
    )
    contact_date = models.DateField()
    in_touch = models.CharField(max_length=4, choices=choices_for("903_care_leaver_in_touch"))
    activity = models.CharField(
        max_length=2, blank=True, choices=choices_for("903_care_leaver_activity")
    )
    accommodation = models.CharField(
        max_length=2,
        blank=True,
        choices=choices_for("903_care_leaver_accommodation"),
        help_text="The SSDA903 code: the letter is the type, 1 suitable and 2 not suitable.",
    )

    class Meta:
        ordering = ["-contact_date"]

    def __str__(self) -> str:
        return f"Keeping in touch {self.contact_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("contact_date",))


class CareLeaverAccommodation(models.Model):
    """Where a care leaver lives, and since when: a move should prompt a pathway plan review."""

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="care_leaver_accommodation"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    accommodation = models.CharField(
        max_length=2, choices=choices_for("903_care_leaver_accommodation")
    )
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "care leaver accommodation"

    def __str__(self) -> str:
        return f"{self.get_accommodation_display()} from {self.start_date:%d/%m/%Y}"

    @property
    def is_bed_and_breakfast(self) -> bool:
        return self.accommodation.startswith("W")

    @property
    def is_suitable(self) -> bool:
        return self.accommodation.endswith("1")

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date",))


class PathwayPlan(models.Model):
    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="pathway_plans"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    personal_adviser = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"Pathway plan from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))


class PathwayPlanReview(models.Model):
    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="pathway_plan_reviews"
    )
    pathway_plan = models.ForeignKey(PathwayPlan, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField("review date")

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Pathway plan review {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "pathway_plan")
        if self.pathway_plan_id and self.date < self.pathway_plan.start_date:
            raise ValidationError({"date": "Review date must be on or after the plan start date."})
