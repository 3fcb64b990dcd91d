"""Children in need episodes (referral to closure), CIN plans and visits: the CIN census chain."""

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
