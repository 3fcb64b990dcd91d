"""Care leavers: keeping in touch, accommodation, activity and pathway plans."""

from django.db import models

from sightline.people.records import DatedRecord, child_link, part_of, worker_link
from sightline.people.validation import check_dates
from sightline.reference.codes import choices_for


class CareLeaverContact(DatedRecord):
    """What the council knew of a care leaver around a birthday (SSDA903 'OC3')."""

    child = child_link("care_leaver_contacts")
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

    called = "Keeping in touch"
    dated_by = "contact_date"

    class Meta:
        ordering = ["-contact_date"]


class CareLeaverAccommodation(models.Model):
    """Where a care leaver lives, and since when: a move should prompt a pathway plan review."""

    child = child_link("care_leaver_accommodation")
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


class PathwayPlan(DatedRecord):
    child = child_link("pathway_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    personal_adviser = worker_link()

    called = "Pathway plan from"
    dated_by = "start_date"
    ends_by = "end_date"

    class Meta:
        ordering = ["-start_date"]


class PathwayPlanReview(DatedRecord):
    child = child_link("pathway_plan_reviews")
    pathway_plan = part_of(PathwayPlan, "reviews")
    date = models.DateField("review date")

    called = "Pathway plan review"
    same_child_as = ("pathway_plan",)
    not_before = {"pathway_plan.start_date": "the plan start date"}

    class Meta:
        ordering = ["-date"]
