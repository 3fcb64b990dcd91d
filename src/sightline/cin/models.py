"""Children in need episodes (referral to closure), CIN plans and visits: the CIN census chain.

Also the reviews of a child in need plan, and disabled children's packages of care: the
support a disabled child receives, when it was reviewed, and when the child's needs were (and
are next due to be) reassessed, so that support reviewed again and again without the needs
being looked at afresh cannot go unnoticed.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class CINEpisode(models.Model):
    """A referral and everything that follows it until the case closes (the census 'CINdetails')."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cin_episodes")
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

    class Meta:
        ordering = ["-referral_date"]
        verbose_name = "CIN episode"
        indexes = [models.Index(fields=["referral_date"]), models.Index(fields=["closure_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | Q(closure_date__gte=F("referral_date")),
                name="cin_episode_closes_after_referral",
            )
        ]

    def __str__(self) -> str:
        return f"Referral {self.referral_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(
            self, ("referral_date", "closure_date"), not_future=("referral_date", "closure_date")
        )
        if self.closure_date and not self.closure_reason:
            raise ValidationError({"closure_reason": "Enter the reason for closure."})
        if self.closure_reason and not self.closure_date:
            raise ValidationError({"closure_date": "Enter the closure date."})


class CINPlan(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cin_plans")
    cin_episode = models.ForeignKey(
        CINEpisode, on_delete=models.CASCADE, related_name="cin_plans", verbose_name="referral"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child in need plan"

    def __str__(self) -> str:
        return f"Child in need plan from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))
        check_same_child(self, "cin_episode")
        if self.cin_episode_id and self.start_date < self.cin_episode.referral_date:
            raise ValidationError(
                {"start_date": "Start date must be on or after the referral date."}
            )

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class CINPlanReview(models.Model):
    """A review of a child in need plan with the family and the professionals around them."""

    cin_plan = models.ForeignKey(
        CINPlan,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name="child in need plan",
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("review date")
    summary = models.TextField("what the review decided")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "child in need plan review"

    def __str__(self) -> str:
        return f"Child in need plan review {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "cin_plan")
        check_dates(self, not_future=("date",))
        if not self.summary.strip():
            raise ValidationError({"summary": "Enter what the review decided."})
        if self.cin_plan_id and self.date < self.cin_plan.start_date:
            raise ValidationError({"date": "Review date must be on or after the plan start."})
        if self.cin_plan_id and self.cin_plan.end_date and self.date > self.cin_plan.end_date:
            raise ValidationError({"date": "Review date must be on or before the plan end."})


class CINVisit(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cin_visits")
    cin_plan = models.ForeignKey(
        CINPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    visit_date = models.DateField()
    seen = models.BooleanField("child seen")
    seen_alone = models.BooleanField("child seen alone")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-visit_date"]
        verbose_name = "CIN visit"

    def __str__(self) -> str:
        return f"Visit {self.visit_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("visit_date",))
        check_same_child(self, "cin_plan")
        if self.seen_alone and not self.seen:
            raise ValidationError(
                {"seen_alone": "A child seen alone must also be recorded as seen."}
            )
        if self.cin_plan_id and self.visit_date < self.cin_plan.start_date:
            raise ValidationError({"visit_date": "Visit date must be on or after the plan start."})


class DisabledChildrenPackage(models.Model):
    """A package of care and support for a disabled child (short breaks, care at home, ...).

    The support is reviewed (`PackageSupportReview`) and, separately, the child's needs are
    reassessed (`NeedsReassessment`): a package whose support keeps being reviewed while the
    needs behind it are not reassessed is what `needs_reassessment_due` makes visible.
    """

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="disabled_children_packages"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    support = models.TextField("description of the support")
    needs_reassessment_due = models.DateField("needs reassessment due date")
    # Kept in step with the latest NeedsReassessment by the service, for lists and the work list.
    needs_last_reassessed = models.DateField("needs last reassessed", null=True, blank=True)
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = "disabled children's package of care"
        verbose_name_plural = "disabled children's packages of care"
        indexes = [models.Index(fields=["needs_reassessment_due"])]

    def __str__(self) -> str:
        return f"Package of care from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(
            self,
            ("start_date", "end_date"),
            ("start_date", "needs_reassessment_due"),
            not_future=("start_date", "needs_last_reassessed"),
        )
        if not self.support.strip():
            raise ValidationError({"support": "Enter a description of the support."})

    def is_open_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class PackageSupportReview(models.Model):
    """A review of the support in a package (is it still the right help?)."""

    package = models.ForeignKey(
        DisabledChildrenPackage,
        on_delete=models.CASCADE,
        related_name="support_reviews",
        verbose_name="package of care",
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("date the support was reviewed")
    notes = models.TextField("what changed", blank=True)
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "support review"

    def __str__(self) -> str:
        return f"Support reviewed {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "package")
        check_dates(self, not_future=("date",))
        if self.package_id and self.date < self.package.start_date:
            raise ValidationError(
                {"date": "Date the support was reviewed must be on or after the package start."}
            )


class NeedsReassessment(models.Model):
    """A reassessment of a disabled child's needs: when it was done, when it had been due, and
    when the next one is due. The history lets the work list show reassessments done late."""

    package = models.ForeignKey(
        DisabledChildrenPackage,
        on_delete=models.CASCADE,
        related_name="reassessments",
        verbose_name="package of care",
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("date the needs were reassessed")
    was_due = models.DateField("date the reassessment was due")
    next_due = models.DateField("next reassessment due date")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "needs reassessment"

    def __str__(self) -> str:
        return f"Needs reassessed {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "package")
        check_dates(self, ("date", "next_due"), not_future=("date",))
        if self.package_id and self.date < self.package.start_date:
            raise ValidationError(
                {"date": "Date the needs were reassessed must be on or after the package start."}
            )
        if self.next_due and self.date and self.next_due == self.date:
            raise ValidationError(
                {"next_due": "Next reassessment due date must be after the date reassessed."}
            )
