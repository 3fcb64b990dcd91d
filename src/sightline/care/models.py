"""Children in care: the SSDA903 chain of episodes, reviews, visits, health, missing, adoption.

An episode of care is the SSDA903 unit: a new row starts whenever the legal status or the
placement changes. Consecutive episodes with no gap make one period of care.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sightline.people.records import (
    DatedRecord,
    Visit,
    child_link,
    ends_after_it_starts,
    visit_fields,
)
from sightline.people.validation import check_dates, check_together
from sightline.reference.codes import choices_for

# Legal statuses V3 and V4: an agreed series of short breaks. The child is looked after while
# each break lasts, but the DfE leaves these children out of the looked-after counts.
SHORT_BREAKS = frozenset({"V3", "V4"})


class CareEpisode(DatedRecord):
    child = child_link("care_episodes")
    start_date = models.DateField("episode start date (DECOM)")
    reason_new_episode = models.CharField(
        "reason for new episode (RNE)", max_length=1, choices=choices_for("903_reason_new_episode")
    )
    legal_status = models.CharField(
        "legal status (LS)", max_length=2, choices=choices_for("903_legal_status")
    )
    category_of_need = models.CharField(
        "category of need (CIN)", max_length=2, choices=choices_for("903_category_of_need")
    )
    placement_type = models.CharField(
        "placement type (PLACE)", max_length=3, choices=choices_for("903_placement_type")
    )
    placement_provider = models.CharField(
        "placement provider (PLACE_PROVIDER)",
        max_length=3,
        blank=True,
        choices=choices_for("903_placement_provider"),
    )
    placement_postcode = models.CharField("placement postcode (PL_POST)", max_length=8, blank=True)
    home_postcode = models.CharField("home postcode (HOME_POST)", max_length=8, blank=True)
    urn = models.CharField(
        "Ofsted URN of the placement",
        max_length=8,
        blank=True,
        help_text="XXXXXXX where the placement has no URN.",
    )
    long_term_placement = models.BooleanField(
        "placement intended to last until 18",
        default=False,
        help_text="Regulation 28: visits may then be 3-monthly after the first year.",
    )
    end_date = models.DateField("episode end date (DEC)", null=True, blank=True)
    reason_ceased = models.CharField(
        "reason episode ceased (REC)",
        max_length=3,
        blank=True,
        choices=choices_for("903_reason_episode_ceased"),
    )
    reason_place_change = models.CharField(
        "reason for placement change",
        max_length=6,
        blank=True,
        choices=choices_for("903_reason_placement_change"),
    )

    called = "Episode of care from"
    dated_by = "start_date"
    ends_by = "end_date"

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "episode of care"
        verbose_name_plural = "episodes of care"
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["end_date"]),
        ]
        constraints = [ends_after_it_starts("care_episode_ends_after_it_starts")]

    def __str__(self) -> str:
        return f"{super().__str__()} ({self.legal_status})"

    def clean(self) -> None:
        super().clean()
        check_together(
            self,
            end_date="Enter the episode end date.",
            reason_ceased="Enter the reason the episode ceased.",
        )
        if self.child_id:
            overlapping = CareEpisode.objects.filter(child_id=self.child_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                Q(end_date__isnull=True) | Q(end_date__gt=self.start_date)
            )
            if self.end_date:
                overlapping = overlapping.filter(start_date__lt=self.end_date)
            if overlapping.exists():
                raise ValidationError(
                    {"start_date": "This episode overlaps another episode of care for the child."}
                )


class CareReview(DatedRecord):
    """A looked-after child review chaired by the IRO (SSDA903 'reviews')."""

    child = child_link("care_reviews")
    date = models.DateField("review date")
    participation = models.CharField(
        "child's participation (REVIEW_CODE)",
        max_length=3,
        blank=True,
        choices=choices_for("903_review_participation"),
    )

    called = "Review"

    class Meta:
        ordering = ["-date"]
        verbose_name = "looked-after child review"


class CareVisit(Visit):
    """A statutory visit to a child in care (regulation 28)."""

    child = child_link("care_visits")
    visit_date, seen, seen_alone, worker = visit_fields()

    class Meta(Visit.Meta):
        verbose_name = "visit to a child in care"


class MissingEpisode(models.Model):
    child = child_link("missing_episodes")
    kind = models.CharField(
        "missing or away", max_length=1, choices=choices_for("903_missing_type")
    )
    started_at = models.DateTimeField("went missing")
    returned_at = models.DateTimeField("returned", null=True, blank=True)
    rhi_offered_at = models.DateTimeField("return home interview offered", null=True, blank=True)
    rhi_accepted = models.BooleanField("return home interview accepted", null=True, blank=True)
    rhi_completed_at = models.DateTimeField(
        "return home interview completed", null=True, blank=True
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "missing episode"

    def __str__(self) -> str:
        return f"Missing from {self.started_at:%d/%m/%Y %H:%M}"

    def clean(self) -> None:
        check_dates(
            self,
            ("started_at", "returned_at"),
            ("returned_at", "rhi_offered_at"),
            ("returned_at", "rhi_completed_at"),
            not_future=("started_at", "returned_at", "rhi_offered_at", "rhi_completed_at"),
        )


class HealthCheck(models.Model):
    """Health assessments, dental and development checks, immunisations and SDQ scores."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial health assessment"
        REVIEW = "review", "Review health assessment"
        DENTAL = "dental", "Dental check"
        DEVELOPMENT = "development", "Development check (under 5)"
        IMMUNISATIONS = "immunisations", "Immunisations up to date"
        SDQ = "sdq", "Strengths and difficulties questionnaire"

    child = child_link("health_checks")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    sdq_score = models.PositiveSmallIntegerField("SDQ score", null=True, blank=True)
    sdq_reason = models.CharField(
        "reason SDQ not completed", max_length=4, blank=True, choices=choices_for("903_sdq_reason")
    )

    class Meta:
        ordering = ["-date"]
        indexes = [models.Index(fields=["child", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        if self.sdq_score is not None and (self.kind != self.Kind.SDQ or self.sdq_score > 40):
            raise ValidationError({"sdq_score": "An SDQ score is 0 to 40, on an SDQ record only."})


class UASCPeriod(DatedRecord):
    """When a child was an unaccompanied asylum-seeking child (SSDA903 'uasc')."""

    child = child_link("uasc_periods")
    start_date = models.DateField()
    end_date = models.DateField("date UASC status ceased (DUC)", null=True, blank=True)

    called = "UASC from"
    dated_by = "start_date"

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "UASC period"

    def clean(self) -> None:
        super().clean()
        check_dates(self, ("start_date", "end_date"))


class AdoptionProcess(models.Model):
    """The adoption dates the SSDA903 and Annex A report (placed_adoption, ad1)."""

    child = child_link("adoptions")
    should_be_placed_date = models.DateField(
        "decision that the child should be placed for adoption", null=True, blank=True
    )
    placement_order_date = models.DateField(null=True, blank=True)
    matched_date = models.DateField("date matched with adopters", null=True, blank=True)
    placed_date = models.DateField("date placed for adoption", null=True, blank=True)
    placed_ceased_date = models.DateField(
        "date no longer placed for adoption", null=True, blank=True
    )
    reason_placed_ceased = models.CharField(
        max_length=3, blank=True, choices=choices_for("903_reason_placed_ceased")
    )
    adoption_order_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "adoption"

    def __str__(self) -> str:
        return "Adoption"

    def clean(self) -> None:
        check_dates(
            self,
            ("should_be_placed_date", "placement_order_date"),
            ("should_be_placed_date", "matched_date"),
            ("matched_date", "placed_date"),
            ("placed_date", "adoption_order_date"),
            not_future=(
                "should_be_placed_date",
                "placement_order_date",
                "matched_date",
                "placed_date",
            ),
        )
