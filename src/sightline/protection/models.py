"""Strategy discussions, section 47 enquiries, conferences and child protection plans."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class StrategyDiscussion(models.Model):
    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="strategy_discussions"
    )
    cin_episode = models.ForeignKey(
        "cin.CINEpisode",
        on_delete=models.CASCADE,
        related_name="strategy_discussions",
        verbose_name="referral",
    )
    date = models.DateField("strategy discussion date")
    agencies_present = models.CharField(max_length=300, blank=True)
    decision = models.TextField(blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "cin_episode")


class Section47Enquiry(models.Model):
    class Outcome(models.TextChoices):
        ICPC = "icpc", "Initial child protection conference"
        CIN = "cin", "Child in need plan"
        NFA = "nfa", "No further action"

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="s47_enquiries"
    )
    cin_episode = models.ForeignKey(
        "cin.CINEpisode",
        on_delete=models.CASCADE,
        related_name="s47_enquiries",
        verbose_name="referral",
    )
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="s47_enquiries",
    )
    start_date = models.DateField("section 47 start date")
    end_date = models.DateField("section 47 end date", null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    icpc_not_required = models.BooleanField(
        "ICPC not required",
        default=False,
        help_text="No conference was needed, e.g. the child moved away or concerns were unfounded.",
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))
        check_same_child(self, "cin_episode", "strategy_discussion")
        if self.strategy_discussion and self.start_date < self.strategy_discussion.date:
            raise ValidationError(
                {"start_date": "Section 47 start date must be on or after the strategy discussion."}
            )


class InitialChildProtectionConference(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="icpcs")
    cin_episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.CASCADE, related_name="icpcs", verbose_name="referral"
    )
    section47 = models.ForeignKey(
        Section47Enquiry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="icpcs",
        verbose_name="section 47 enquiry",
    )
    date = models.DateField("conference date")
    chair = models.CharField(max_length=120, blank=True)
    plan_made = models.BooleanField("child protection plan made")

    class Meta:
        ordering = ["-date"]
        verbose_name = "initial child protection conference"

    def __str__(self) -> str:
        return f"Initial conference {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "cin_episode", "section47")
        s47 = self.section47
        if s47 is not None and self.date < s47.start_date:
            raise ValidationError(
                {"date": "Conference date must be on or after the section 47 start date."}
            )
        if s47 is not None and s47.strategy_discussion and self.date < s47.strategy_discussion.date:
            raise ValidationError(
                {"date": "Conference date must be on or after the strategy discussion."}
            )


class ChildProtectionPlan(models.Model):
    class EndReason(models.TextChoices):
        NO_LONGER_NEEDED = "no_longer_needed", "Plan no longer needed: risk reduced"
        CHILD_IN_NEED = "child_in_need", "Stepped down to a child in need plan"
        CARE = "care", "Child became looked after"
        MOVED_AWAY = "moved_away", "Moved to another local authority"
        AGE = "age", "Child reached 18"
        DIED = "died", "Child died"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cp_plans")
    cin_episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.CASCADE, related_name="cp_plans", verbose_name="referral"
    )
    icpc = models.ForeignKey(
        InitialChildProtectionConference,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cp_plans",
        verbose_name="initial conference",
    )
    start_date = models.DateField("plan start date")
    end_date = models.DateField("plan end date", null=True, blank=True)
    initial_category = models.CharField(
        "initial category of abuse", max_length=3, choices=choices_for("CIN_category_of_abuse")
    )
    latest_category = models.CharField(
        "latest category of abuse", max_length=3, choices=choices_for("CIN_category_of_abuse")
    )
    end_reason = models.CharField(max_length=30, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child protection plan"
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="cp_plan_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"), not_future=("start_date", "end_date"))
        check_same_child(self, "cin_episode", "icpc")
        if self.icpc and self.start_date < self.icpc.date:
            raise ValidationError(
                {"start_date": "Plan start date must be on or after the initial conference."}
            )


class CoreGroupMeeting(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="core_groups")
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.CASCADE,
        related_name="core_groups",
        verbose_name="child protection plan",
    )
    date = models.DateField("core group date")

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Core group {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "cp_plan")


class ChildProtectionReview(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cp_reviews")
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name="child protection plan",
    )
    date = models.DateField("review conference date")
    plan_continues = models.BooleanField(default=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "child protection review conference"

    def __str__(self) -> str:
        return f"Review conference {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("date",))
        check_same_child(self, "cp_plan")
        if self.cp_plan_id and self.date < self.cp_plan.start_date:
            raise ValidationError({"date": "Review date must be on or after the plan start date."})


class ChildProtectionVisit(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cp_visits")
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name="child protection plan",
    )
    visit_date = models.DateField()
    seen = models.BooleanField("child seen")
    seen_alone = models.BooleanField("child seen alone")
    worker = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-visit_date"]
        verbose_name = "child protection visit"
        indexes = [models.Index(fields=["cp_plan", "visit_date"])]

    def __str__(self) -> str:
        return f"Visit {self.visit_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates(self, not_future=("visit_date",))
        check_same_child(self, "cp_plan")
        if self.seen_alone and not self.seen:
            raise ValidationError(
                {"seen_alone": "A child seen alone must also be recorded as seen."}
            )


class PlanOutcome(models.Model):
    """An outcome for the child written as a measurable target: what must change, how it will
    be measured, by when and who is responsible."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name="child protection plan",
    )
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
            if not getattr(self, name, "").strip()
        }
        if problems:
            raise ValidationError(problems)


class FamilyGroupConference(models.Model):
    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="family_group_conferences"
    )
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_group_conferences",
        verbose_name="child protection plan",
    )
    offered_date = models.DateField("date offered")
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    response_date = models.DateField(null=True, blank=True)
    held_date = models.DateField("date held", null=True, blank=True)

    class Meta:
        ordering = ["-offered_date"]

    def __str__(self) -> str:
        return f"Family group conference offered {self.offered_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "cp_plan")
        check_dates(
            self,
            ("offered_date", "response_date"),
            ("offered_date", "held_date"),
            not_future=("offered_date", "response_date", "held_date"),
        )
        if self.held_date and self.response != self.Response.ACCEPTED:
            raise ValidationError(
                {"response": "A conference that was held must have been accepted."}
            )
