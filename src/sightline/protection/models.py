"""Strategy discussions, section 47 enquiries, conferences and child protection plans."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.text import capfirst

from sightline.cin.models import referral_link
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
    check_same_child,
    check_together,
)
from sightline.reference.codes import choices_for


class StrategyDiscussion(DatedRecord):
    """A strategy discussion on a referral: who took part, what was decided and why.

    `agencies_present` and `decision` are free text kept for records imported or made before
    the structured fields (`*_present`, `other_agencies`, `outcome`, `rationale`) existed; the
    structured fields are null on those records, meaning "not recorded", not "no".
    """

    class Outcome(models.TextChoices):
        S47 = "s47", "Section 47 enquiry"
        CIN = "cin", "No section 47: child in need"
        NFA = "nfa", "No further action"

    # The agencies a strategy discussion must hear from (Working Together 2023): one flag each
    # so that "was the police present?" can be counted in the database.
    AGENCIES = (
        ("police", "Police"),
        ("health", "Health"),
        ("education", "Education"),
        ("social_care", "Children's social care"),
    )

    child = child_link("strategy_discussions")
    cin_episode = referral_link("strategy_discussions")
    date = models.DateField("strategy discussion date")
    agencies_present = models.CharField(max_length=300, blank=True)
    decision = models.TextField(blank=True)
    police_present = models.BooleanField("police present", null=True, blank=True)
    health_present = models.BooleanField("health present", null=True, blank=True)
    education_present = models.BooleanField("education present", null=True, blank=True)
    social_care_present = models.BooleanField(
        "children's social care present", null=True, blank=True
    )
    other_agencies = models.CharField(
        "other agencies present", max_length=300, null=True, blank=True
    )
    outcome = models.CharField(
        "decision", max_length=3, choices=Outcome.choices, null=True, blank=True
    )
    rationale = models.TextField("rationale for the decision", null=True, blank=True)
    recorded_by = worker_link()

    called = "Strategy discussion"
    same_child_as = ("cin_episode",)
    not_before = {"cin_episode.referral_date": "the referral date"}

    class Meta:
        ordering = ["-date"]

    @property
    def agencies(self) -> list[str]:
        """The agencies present, in words: the structured flags, else the free text."""
        named = [label for code, label in self.AGENCIES if getattr(self, f"{code}_present")]
        if self.other_agencies:
            named.append(self.other_agencies)
        if not named and self.agencies_present:
            named.append(self.agencies_present)
        return named


class Section47Enquiry(DatedRecord):
    class Outcome(models.TextChoices):
        ICPC = "icpc", "Initial child protection conference"
        CIN = "cin", "Child in need plan"
        NFA = "nfa", "No further action"

    child = child_link("s47_enquiries")
    cin_episode = referral_link("s47_enquiries")
    strategy_discussion = optional_link(StrategyDiscussion, "s47_enquiries")
    start_date = models.DateField("section 47 start date")
    end_date = models.DateField("section 47 end date", null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    icpc_not_required = models.BooleanField(
        "ICPC not required",
        default=False,
        help_text="No conference was needed, e.g. the child moved away or concerns were unfounded.",
    )

    called = "Section 47 enquiry from"
    dated_by = "start_date"
    ends_by = "end_date"
    same_child_as = ("cin_episode", "strategy_discussion")
    not_before = {"strategy_discussion.date": "the strategy discussion"}

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        indexes = [models.Index(fields=["start_date"])]


class InitialChildProtectionConference(DatedRecord):
    child = child_link("icpcs")
    cin_episode = referral_link("icpcs")
    section47 = optional_link(Section47Enquiry, "icpcs", "section 47 enquiry")
    date = models.DateField("conference date")
    chair = models.CharField(max_length=120, blank=True)
    plan_made = models.BooleanField("child protection plan made")

    called = "Initial conference"
    same_child_as = ("cin_episode", "section47")
    # The strategy discussion first: it is what the 15 working days count from.
    not_before = {
        "section47.strategy_discussion.date": "the strategy discussion",
        "section47.start_date": "the section 47 start date",
    }

    class Meta:
        ordering = ["-date"]
        verbose_name = "initial child protection conference"


class ChildProtectionPlan(DatedRecord):
    class EndReason(models.TextChoices):
        NO_LONGER_NEEDED = "no_longer_needed", "Plan no longer needed: risk reduced"
        CHILD_IN_NEED = "child_in_need", "Stepped down to a child in need plan"
        CARE = "care", "Child became looked after"
        MOVED_AWAY = "moved_away", "Moved to another local authority"
        AGE = "age", "Child reached 18"
        DIED = "died", "Child died"

    child = child_link("cp_plans")
    cin_episode = referral_link("cp_plans")
    icpc = optional_link(InitialChildProtectionConference, "cp_plans", "initial conference")
    start_date = models.DateField("plan start date")
    end_date = models.DateField("plan end date", null=True, blank=True)
    initial_category = models.CharField(
        "initial category of abuse", max_length=3, choices=choices_for("CIN_category_of_abuse")
    )
    latest_category = models.CharField(
        "latest category of abuse", max_length=3, choices=choices_for("CIN_category_of_abuse")
    )
    end_reason = models.CharField(max_length=30, choices=EndReason.choices, blank=True)
    # Plans the child had before this one that Sightline does not hold (in another council, or
    # before the council's records began): the CIN census's NumberOfPreviousCPP counts them
    # with the earlier plans Sightline holds, and so does the "second or subsequent" indicator.
    previous_plans_elsewhere = models.PositiveSmallIntegerField(
        "earlier plans not held in Sightline",
        default=0,
        validators=[MaxValueValidator(50)],
    )
    # Whether the wider family was considered as a source of safety and support: one of the
    # things inspectors look for, so it is a recorded fact rather than a line in a note.
    extended_family_considered = models.BooleanField(
        "extended family considered", null=True, blank=True
    )
    extended_family_considered_date = models.DateField(
        "date extended family considered", null=True, blank=True
    )
    extended_family_notes = models.TextField("extended family notes", null=True, blank=True)

    called = "Child protection plan from"
    dated_by = "start_date"
    ends_by = "end_date"
    same_child_as = ("cin_episode", "icpc")
    not_before = {"icpc.date": "the initial conference"}

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child protection plan"
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [ends_after_it_starts("cp_plan_ends_after_it_starts")]

    def clean(self) -> None:
        super().clean()
        check_dates(
            self,
            ("start_date", "extended_family_considered_date"),
            not_future=("extended_family_considered_date",),
        )
        # An end date without a reason is allowed: the CIN census holds none, so an import may
        # not have one. The page that ends a plan asks for it.
        if self.end_reason and not self.end_date:
            raise ValidationError({"end_date": "Enter the plan end date."})
        if self.extended_family_considered and not self.extended_family_considered_date:
            message = "Enter the date extended family was considered."
            raise ValidationError({"extended_family_considered_date": message})

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def take_previous_plans(self, reported: int) -> int:
        """Account for `reported` earlier plans (as a return from another system gives them):
        those beyond the plans Sightline holds for the child before this one become
        `previous_plans_elsewhere` (set, not saved). Returns the number held, so that an
        importer can report a count lower than that: the plans held are the fact."""
        held = ChildProtectionPlan.objects.filter(
            child_id=self.child_id, start_date__lt=self.start_date
        ).count()
        self.previous_plans_elsewhere = max(reported - held, 0)
        return held

    def _within(self, record, field: str) -> None:
        """A record about the plan must fall while the plan was open."""
        value = getattr(record, field)
        if value is None:
            return
        label = capfirst(record._meta.get_field(field).verbose_name)
        if value < self.start_date:
            when = f"{self.start_date:%d/%m/%Y}"
            raise ValidationError(
                {field: f"{label} must be on or after the plan start date ({when})."}
            )
        if self.end_date and value > self.end_date:
            when = f"{self.end_date:%d/%m/%Y}"
            raise ValidationError(
                {field: f"{label} must be on or before the plan end date ({when})."}
            )


class CoreGroupMeeting(DatedRecord):
    child = child_link("core_groups")
    cp_plan = part_of(ChildProtectionPlan, "core_groups", "child protection plan")
    date = models.DateField("core group date")

    called = "Core group"
    same_child_as = ("cp_plan",)

    class Meta:
        ordering = ["-date"]

    def clean(self) -> None:
        super().clean()
        if self.cp_plan_id:
            self.cp_plan._within(self, "date")


class ChildProtectionReview(DatedRecord):
    child = child_link("cp_reviews")
    cp_plan = part_of(ChildProtectionPlan, "reviews", "child protection plan")
    date = models.DateField("review conference date")
    plan_continues = models.BooleanField(default=True)
    # The category the conference agreed; it becomes the plan's latest category.
    latest_category = models.CharField(
        "latest category of abuse",
        max_length=3,
        choices=choices_for("CIN_category_of_abuse"),
        null=True,
        blank=True,
    )

    called = "Review conference"
    same_child_as = ("cp_plan",)

    class Meta:
        ordering = ["-date"]
        verbose_name = "child protection review conference"

    def clean(self) -> None:
        super().clean()
        if not (self.cp_plan_id and self.date):
            return
        if self.date < self.cp_plan.start_date:
            raise ValidationError({"date": "Review date must be on or after the plan start date."})
        if self.cp_plan.end_date and self.date > self.cp_plan.end_date:
            raise ValidationError({"date": "Review date must be on or before the plan end date."})


class ChildProtectionVisit(Visit):
    child = child_link("cp_visits")
    cp_plan = part_of(ChildProtectionPlan, "visits", "child protection plan")
    visit_date, seen, seen_alone, worker = visit_fields()
    announced = announced_field()
    observed, child_words, analysis, actions = narrative_fields()

    same_child_as = ("cp_plan",)

    class Meta(Visit.Meta):
        verbose_name = "child protection visit"
        indexes = [models.Index(fields=["cp_plan", "visit_date"])]

    def clean(self) -> None:
        super().clean()
        if self.cp_plan_id:
            self.cp_plan._within(self, "visit_date")


class PlanOutcome(models.Model):
    """An outcome for the child written as a measurable target: what must change, how it will
    be measured, by when and who is responsible."""

    child = child_link()
    cp_plan = part_of(ChildProtectionPlan, "outcomes", "child protection plan")
    what_must_change = models.TextField()
    how_measured = models.TextField("how it will be measured")
    by_when = models.DateField("by when")
    responsible = models.CharField("who is responsible", max_length=160)

    class Meta:
        ordering = ["by_when"]

    def __str__(self) -> str:
        return self.what_must_change[:60]

    def clean(self) -> None:
        check_same_child(self, "cp_plan")
        problems = {
            name: f"Enter {self._meta.get_field(name).verbose_name}."
            for name in ("what_must_change", "how_measured", "responsible")
            if not (getattr(self, name) or "").strip()
        }
        if self.by_when and self.cp_plan_id and self.by_when < self.cp_plan.start_date:
            problems["by_when"] = (
                "The date the outcome is due must be on or after the plan start date."
            )
        if problems:
            raise ValidationError(problems)

    def latest_progress(self) -> "OutcomeProgress | None":
        return self.progress.order_by("-review__date").first()


class FamilyGroupConference(DatedRecord):
    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    child = child_link("family_group_conferences")
    cp_plan = optional_link(
        ChildProtectionPlan, "family_group_conferences", "child protection plan"
    )
    offered_date = models.DateField("date offered")
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    response_date = models.DateField(null=True, blank=True)
    held_date = models.DateField("date held", null=True, blank=True)

    called = "Family group conference offered"
    dated_by = "offered_date"
    same_child_as = ("cp_plan",)

    class Meta:
        ordering = ["-offered_date"]

    def clean(self) -> None:
        super().clean()
        check_dates(
            self,
            ("offered_date", "response_date"),
            ("offered_date", "held_date"),
            not_future=("response_date", "held_date"),
        )
        if self.held_date and self.response != self.Response.ACCEPTED:
            raise ValidationError(
                {"response": "A conference that was held must have been accepted."}
            )
        check_together(
            self,
            response="Select whether the family accepted or declined.",
            response_date="Enter the date the family accepted or declined.",
        )

    @property
    def status(self) -> str:
        if self.held_date:
            return "Held"
        if self.response:
            return self.get_response_display()
        return "Offered"


class OutcomeProgress(models.Model):
    """The review conference's rating of progress towards one outcome of the plan."""

    class Rating(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        GOOD = "good", "Good progress"
        SOME = "some", "Some progress"
        NONE = "none", "No progress"
        WORSE = "worse", "Worse"

    child = child_link()
    outcome = part_of(PlanOutcome, "progress")
    review = part_of(ChildProtectionReview, "progress", "review conference")
    rating = models.CharField("progress rating", max_length=10, choices=Rating.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__by_when"]
        verbose_name = "progress on an outcome"
        verbose_name_plural = "progress on outcomes"
        constraints = [
            models.UniqueConstraint(fields=["outcome", "review"], name="one_rating_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.outcome}"

    def clean(self) -> None:
        check_same_child(self, "outcome", "review")
        if self.outcome_id and self.review_id and self.outcome.cp_plan_id != self.review.cp_plan_id:
            raise ValidationError({"review": "The review conference is for a different plan."})


class PreProceedings(DatedRecord):
    """Escalation from a child protection plan to the Public Law Outline (pre-proceedings)."""

    class Outcome(models.TextChoices):
        PROCEEDINGS = "proceedings", "Care proceedings issued"
        DIVERTED = "diverted", "Proceedings avoided: concerns reduced"
        NOT_MET = "threshold_not_met", "Threshold for proceedings not met"

    child = child_link()
    cp_plan = part_of(ChildProtectionPlan, "pre_proceedings", "child protection plan")
    legal_planning_meeting_date = models.DateField("legal planning meeting date")
    plo_letter_date = models.DateField("PLO letter date", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_date = models.DateField("outcome date", null=True, blank=True)

    called = "Pre-proceedings from"
    dated_by = "legal_planning_meeting_date"
    ends_by = "outcome_date"
    same_child_as = ("cp_plan",)
    not_before = {"cp_plan.start_date": "the plan start date"}

    class Meta:
        ordering = ["-legal_planning_meeting_date"]
        verbose_name = "pre-proceedings"
        verbose_name_plural = "pre-proceedings"

    def clean(self) -> None:
        super().clean()
        check_dates(
            self,
            ("legal_planning_meeting_date", "plo_letter_date"),
            not_future=("plo_letter_date",),
        )
        check_together(self, outcome="Select the outcome.", outcome_date="Enter the outcome date.")
