"""Contacts to the front door, the decisions made on them, their authorisation by a manager
and the weekly dip sample of "no further action" decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.records import child_link, optional_link, part_of, worker_link
from sightline.people.validation import check_dates, check_same_child
from sightline.reference.codes import choices_for


class Contact(models.Model):
    """Information received about a child. A contact about several children is one row each,
    sharing a `group_reference`, so each child's record and timescales stand alone."""

    class Consent(models.TextChoices):
        GIVEN = "given", "Consent given"
        REFUSED = "refused", "Consent refused"
        NOT_SOUGHT = "not_sought", "Not sought: seeking it could place the child at risk"

    class Decision(models.TextChoices):
        NFA = "nfa", "No further action"
        ADVICE = "advice", "Advice and signposting"
        EARLY_HELP = "early_help", "Early help"
        REFERRAL = "referral", "Referral for assessment"
        STRATEGY = "strategy", "Strategy discussion"

    child = child_link("contacts")
    group_reference = models.CharField(max_length=20, blank=True)
    received_at = models.DateTimeField("date and time received")
    source = models.CharField(max_length=3, choices=choices_for("CIN_referral_source"))
    reported_by = models.CharField("reported by", max_length=160)
    summary = models.TextField("what was reported")
    consent = models.CharField(max_length=20, choices=Consent.choices)
    out_of_hours = models.BooleanField(default=False)
    handover_note = models.TextField("handover to the day team", blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField("decision date and time", null=True, blank=True)
    decided_by = worker_link()
    rationale = models.TextField(blank=True)
    cin_episode = optional_link("cin.CINEpisode", "contacts", "referral")
    # Added after the first release: nullable, because the bulk generator inserts rows without
    # Django's defaults and older rows have no value.
    recorded_by = worker_link("recorded by")
    recorded_at = models.DateTimeField("recorded at", null=True, blank=True)
    handover_acknowledged_at = models.DateTimeField(
        "handed over to the day team at", null=True, blank=True
    )
    handover_acknowledged_by = worker_link("handover acknowledged by")

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["child", "received_at"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact received {self.received_at:%d/%m/%Y %H:%M}"

    @property
    def effective_decision(self) -> str:
        """The decision that stands: the manager's where they overturned it, else the worker's."""
        authorisation = getattr(self, "authorisation", None)
        if authorisation is not None and authorisation.outcome == "overturned":
            return authorisation.new_decision
        return self.decision

    def get_effective_decision_display(self) -> str:
        return self.Decision(self.effective_decision).label if self.effective_decision else ""

    @property
    def awaiting_handover(self) -> bool:
        return self.out_of_hours and self.handover_acknowledged_at is None

    def clean(self) -> None:
        check_dates(self, ("received_at", "decided_at"), not_future=("received_at", "decided_at"))
        check_same_child(self, "cin_episode")
        if self.out_of_hours and not self.handover_note.strip():
            raise ValidationError(
                {"handover_note": "Enter the handover to the day team for an out-of-hours contact."}
            )
        if self.decision and not self.rationale.strip():
            raise ValidationError({"rationale": "Enter the rationale for the decision."})
        if self.decision and not self.decided_at:
            raise ValidationError({"decided_at": "Enter when the decision was made."})


class DecisionAuthorisation(models.Model):
    """A team manager's oversight of a front-door decision: agreed, or overturned with reasons."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        OVERTURNED = "overturned", "Overturned"

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="authorisation")
    child = child_link()
    manager = worker_link(optional=False)
    authorised_at = models.DateTimeField("authorised at")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    new_decision = models.CharField(
        "decision instead", max_length=20, choices=Contact.Decision.choices, blank=True
    )
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["-authorised_at"]
        indexes = [models.Index(fields=["authorised_at"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.authorised_at:%d/%m/%Y}"

    def clean(self) -> None:
        check_same_child(self, "contact")
        check_dates(self, not_future=("authorised_at",))
        if (
            self.contact_id
            and self.contact.decided_at
            and self.authorised_at < self.contact.decided_at
        ):
            raise ValidationError({"authorised_at": "Authorisation must be after the decision."})
        if self.outcome == self.Outcome.OVERTURNED and not (
            self.new_decision and self.reasons.strip()
        ):
            raise ValidationError(
                {"reasons": "Enter the decision instead and the reasons for overturning it."}
            )


class DipSamplePolicy(models.Model):
    """The share of authorised "no further action" decisions drawn each week for a second look.

    A local setting, kept as history: the latest row is in force, and each draw records the
    share it used, so changing it never alters a week already drawn.
    """

    DEFAULT_SHARE = 10

    share_percent = models.PositiveSmallIntegerField("share to sample (per cent)")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField("changed at")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = "dip sample policy"
        verbose_name_plural = "dip sample policies"

    def __str__(self) -> str:
        return f"{self.share_percent}% from {self.changed_at:%d/%m/%Y}"

    def clean(self) -> None:
        if self.share_percent is not None and not 1 <= self.share_percent <= 100:
            raise ValidationError(
                {"share_percent": "Share to sample must be a whole number from 1 to 100."}
            )


class DipSampleDraw(models.Model):
    """One week's random draw. Made once: drawing the same week again returns this row."""

    week_start = models.DateField("week beginning", unique=True)
    drawn_at = models.DateTimeField("drawn at")
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    share_percent = models.PositiveSmallIntegerField("share sampled (per cent)")
    seed = models.CharField(max_length=100)
    population = models.PositiveIntegerField("authorised no further action decisions that week")

    class Meta:
        ordering = ["-week_start"]

    def __str__(self) -> str:
        return f"Dip sample for the week beginning {self.week_start:%d/%m/%Y}"


class DipSampleItem(models.Model):
    """A contact drawn for a second look, and the reviewer's finding."""

    class Finding(models.TextChoices):
        AGREE = "agree", "Agree with the decision"
        FOLLOW_UP = "follow_up", "Needed more follow-up"
        REFERRAL = "referral", "Should have been a referral"

    draw = part_of(DipSampleDraw, "items")
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="dip_sample")
    child = child_link()
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    comments = models.TextField(blank=True)
    reviewed_by = worker_link("reviewer")
    reviewed_at = models.DateTimeField("reviewed at", null=True, blank=True)

    class Meta:
        ordering = ["draw", "contact__received_at"]

    def __str__(self) -> str:
        return f"Dip sample of {self.contact}"

    def clean(self) -> None:
        check_same_child(self, "contact")
        if self.finding and self.finding != self.Finding.AGREE and not self.comments.strip():
            raise ValidationError(
                {"comments": "Enter comments explaining what should have happened."}
            )
