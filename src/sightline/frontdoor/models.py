"""Contacts to the front door and the decisions made on them."""

from django.db import models

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

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="contacts")
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
    decided_by = models.ForeignKey(
        "people.Worker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rationale = models.TextField(blank=True)
    cin_episode = models.ForeignKey(
        "cin.CINEpisode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="referral",
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["child", "received_at"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact received {self.received_at:%d/%m/%Y %H:%M}"

    def clean(self) -> None:
        check_dates(self, ("received_at", "decided_at"), not_future=("received_at", "decided_at"))
        check_same_child(self, "cin_episode")
        from django.core.exceptions import ValidationError

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
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    manager = models.ForeignKey("people.Worker", on_delete=models.PROTECT, related_name="+")
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
        from django.core.exceptions import ValidationError

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
