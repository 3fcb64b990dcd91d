"""Children in need episodes (referral to closure), CIN plans and visits: the CIN census chain.

Also the reviews of a child in need plan, and disabled children's packages of care: the
support a disabled child receives, when it was reviewed, and when the child's needs were (and
are next due to be) reassessed, so that support reviewed again and again without the needs
being looked at afresh cannot go unnoticed.
"""

from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.records import (
    DatedRecord,
    Visit,
    announced_field,
    child_link,
    ends_after_it_starts,
    narrative_fields,
    optional_link,
    part_of,
    visit_fields,
    worker_link,
)
from sightline.people.validation import (
    check_dates,
    check_entered,
    check_not_after,
    check_together,
)
from sightline.reference.codes import choices_for


class CINEpisode(DatedRecord):
    """A referral and everything that follows it until the case closes (the census 'CINdetails')."""

    child = child_link("cin_episodes")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=3, choices=choices_for("CIN_referral_source"))
    primary_need = models.CharField(
        "primary need", max_length=2, blank=True, choices=choices_for("CIN_primary_need")
    )
    referral_nfa = models.BooleanField(
        "referral no further action",
        default=False,
        help_text="The referral was closed with no further action, without an assessment.",
    )
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=3, blank=True, choices=choices_for("CIN_reason_for_closure")
    )

    called = "Referral"
    dated_by = "referral_date"
    ends_by = "closure_date"

    class Meta:
        ordering = ["-referral_date"]
        verbose_name = "CIN episode"
        indexes = [models.Index(fields=["referral_date"]), models.Index(fields=["closure_date"])]
        constraints = [
            ends_after_it_starts(
                "cin_episode_closes_after_referral", start="referral_date", end="closure_date"
            )
        ]

    def clean(self) -> None:
        super().clean()
        check_together(
            self,
            closure_date="Enter the closure date.",
            closure_reason="Enter the reason for closure.",
        )


def referral_link(related_name: str) -> models.ForeignKey:
    """The referral a record belongs to: assessments, enquiries, conferences and plans each
    hang from one CIN episode, and go with it."""
    return part_of(CINEpisode, related_name, "referral")


class CINPlan(DatedRecord):
    child = child_link("cin_plans")
    cin_episode = referral_link("cin_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    called = "Child in need plan from"
    dated_by = "start_date"
    ends_by = "end_date"
    same_child_as = ("cin_episode",)
    not_before = {"cin_episode.referral_date": "the referral date"}

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child in need plan"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class CINPlanReview(DatedRecord):
    """A review of a child in need plan with the family and the professionals around them."""

    cin_plan = part_of(CINPlan, "reviews", "child in need plan")
    child = child_link()
    date = models.DateField("review date")
    summary = models.TextField("what the review decided")
    worker = worker_link()

    called = "Child in need plan review"
    same_child_as = ("cin_plan",)
    not_before = {"cin_plan.start_date": "the plan start"}

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "child in need plan review"

    def clean(self) -> None:
        super().clean()
        check_entered(self, summary="Enter what the review decided.")
        check_not_after(self, "date", "cin_plan.end_date", "the plan end")


class CINVisit(Visit):
    child = child_link("cin_visits")
    cin_plan = optional_link(CINPlan, "visits")
    visit_date, seen, seen_alone, worker = visit_fields()
    announced = announced_field()
    observed, child_words, analysis, actions = narrative_fields()

    same_child_as = ("cin_plan",)
    not_before = {"cin_plan.start_date": "the plan start"}

    class Meta(Visit.Meta):
        verbose_name = "CIN visit"


class DisabledChildrenPackage(DatedRecord):
    """A package of care and support for a disabled child (short breaks, care at home, ...).

    The support is reviewed (`PackageSupportReview`) and, separately, the child's needs are
    reassessed (`NeedsReassessment`): a package whose support keeps being reviewed while the
    needs behind it are not reassessed is what `needs_reassessment_due` makes visible.
    """

    child = child_link("disabled_children_packages")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    support = models.TextField("description of the support")
    needs_reassessment_due = models.DateField("needs reassessment due date")
    # Kept in step with the latest NeedsReassessment by the service, for lists and the work list.
    needs_last_reassessed = models.DateField("needs last reassessed", null=True, blank=True)
    worker = worker_link()

    called = "Package of care from"
    dated_by = "start_date"

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = "disabled children's package of care"
        verbose_name_plural = "disabled children's packages of care"
        indexes = [models.Index(fields=["needs_reassessment_due"])]

    def clean(self) -> None:
        super().clean()
        # A package may be planned to end, and its needs reassessed, in the future.
        check_dates(
            self,
            ("start_date", "end_date"),
            ("start_date", "needs_reassessment_due"),
            not_future=("needs_last_reassessed",),
        )
        check_entered(self, support="Enter a description of the support.")

    def is_open_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class PackageSupportReview(DatedRecord):
    """A review of the support in a package (is it still the right help?)."""

    package = part_of(DisabledChildrenPackage, "support_reviews", "package of care")
    child = child_link()
    date = models.DateField("date the support was reviewed")
    notes = models.TextField("what changed", blank=True)
    worker = worker_link()

    called = "Support reviewed"
    same_child_as = ("package",)
    not_before = {"package.start_date": "the package start"}

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "support review"


class NeedsReassessment(DatedRecord):
    """A reassessment of a disabled child's needs: when it was done, when it had been due, and
    when the next one is due. The history lets the work list show reassessments done late."""

    package = part_of(DisabledChildrenPackage, "reassessments", "package of care")
    child = child_link()
    date = models.DateField("date the needs were reassessed")
    was_due = models.DateField("date the reassessment was due")
    next_due = models.DateField("next reassessment due date")
    worker = worker_link()

    called = "Needs reassessed"
    same_child_as = ("package",)
    not_before = {"package.start_date": "the package start"}

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "needs reassessment"

    def clean(self) -> None:
        super().clean()
        check_dates(self, ("date", "next_due"))
        if self.next_due and self.date and self.next_due == self.date:
            raise ValidationError(
                {"next_due": "Next reassessment due date must be after the date reassessed."}
            )
