"""Child and family assessments: the 45-working-day clock runs from the referral date.

An assessment gathers when the child was seen, the child's views, checks with other agencies
and the factors identified; a manager checks it part-way (`MidpointCheck`) and authorises it,
and the outcome then takes effect (the referral closes, a child in need plan starts, or the
case goes on to a strategy discussion or into care).
"""

from django.db import models

from sightline.cin.models import referral_link
from sightline.people.records import DatedRecord, child_link, part_of, worker_link
from sightline.people.validation import check_dates, check_entered
from sightline.reference.codes import choices_for


class Assessment(DatedRecord):
    class Outcome(models.TextChoices):
        # The two closures carry the CIN census reason for closure the referral closes with.
        NO_FURTHER_ACTION = "no_further_action", "Close: no further action (RC8)"
        EARLY_HELP = "early_help", "Close: referred to early help (RC9)"
        CIN_PLAN = "cin_plan", "Child in need plan"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion (child protection)"
        CARE = "care", "Child to become looked after"

    CLOSURE_REASONS = {Outcome.NO_FURTHER_ACTION: "RC8", Outcome.EARLY_HELP: "RC9"}

    child = child_link("assessments")
    cin_episode = referral_link("assessments")
    start_date = models.DateField("assessment start date")
    authorised_date = models.DateField("authorisation date", null=True, blank=True)
    worker = worker_link()
    # New fields are nullable or have a database default: the bulk generator inserts rows
    # without Django's defaults.
    authorised_by = worker_link("authorised by")
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
    # The analysis is what makes an assessment more than a list of facts: what life is like
    # for the child, what the parents say, and what the worker makes of it all.
    lived_experience = models.TextField(
        "the child's lived experience", blank=True, default="", db_default=""
    )
    parents_views = models.TextField("the parents' views", blank=True, default="", db_default="")
    analysis = models.TextField("analysis", blank=True, default="", db_default="")

    called = "Assessment started"
    dated_by = "start_date"
    ends_by = "authorised_date"
    same_child_as = ("cin_episode",)
    not_before = {"cin_episode.referral_date": "the referral date"}

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["authorised_date"])]

    def clean(self) -> None:
        super().clean()
        check_dates(self, ("start_date", "child_views_date"), not_future=("child_views_date",))
        if self.outcome:
            check_entered(self, outcome_reasons="Enter the reasons for the outcome.")

    @property
    def is_authorised(self) -> bool:
        return self.authorised_date is not None

    @property
    def closure_reason(self) -> str:
        """The CIN census reason the referral closes with when this outcome takes effect."""
        return self.CLOSURE_REASONS.get(self.outcome, "")


class AssessmentFactor(models.Model):
    assessment = part_of(Assessment, "factors")
    code = models.CharField(max_length=3, choices=choices_for("CIN_assessment_factor"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="one_row_per_factor")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class MidpointCheck(DatedRecord):
    """A manager's check part-way through an assessment: an oversight record, not a case note."""

    assessment = part_of(Assessment, "midpoint_checks")
    child = child_link()
    manager = worker_link(optional=False)
    date = models.DateField("check date")
    on_track = models.BooleanField("assessment on track to finish in time")
    direction = models.TextField("manager's direction")

    called = "Midpoint check"
    same_child_as = ("assessment",)
    not_before = {"assessment.start_date": "the assessment start"}

    class Meta:
        ordering = ["-date"]


class AssessmentChildSeen(DatedRecord):
    """A date the child was seen during the assessment; an assessment needs at least one."""

    assessment = part_of(Assessment, "seen")
    child = child_link()
    date = models.DateField("date the child was seen")
    seen_alone = models.BooleanField("child seen alone")
    worker = worker_link()

    called = "Child seen"
    same_child_as = ("assessment",)
    not_before = {"assessment.start_date": "the assessment start"}

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "child seen"
        verbose_name_plural = "child seen"

    def __str__(self) -> str:
        return super().__str__() + (" alone" if self.seen_alone else "")


class LateralCheck(DatedRecord):
    """A check with another agency (police, school, health, ...) and what it told us."""

    assessment = part_of(Assessment, "lateral_checks")
    child = child_link()
    agency = models.CharField(max_length=120)
    date = models.DateField("date of the check")
    learned = models.TextField("what was learned")
    worker = worker_link()

    same_child_as = ("assessment",)
    not_before = {"assessment.cin_episode.referral_date": "the referral date"}

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Check with {self.agency} {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        check_entered(self, agency="Enter the agency.", learned="Enter what was learned.")
