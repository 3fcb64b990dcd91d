"""Allegations against adults who work with children. Restricted: only the LADO team (or an
explicit grant) may see them, and no child-scoped role reaches them through a child."""

from django.core.exceptions import ValidationError
from django.db import models

from sightline.people.records import worker_link
from sightline.people.validation import check_dates


class Allegation(models.Model):
    class Sector(models.TextChoices):
        EDUCATION = "education", "Education"
        EARLY_YEARS = "early_years", "Early years"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        FOSTER_CARE = "foster_care", "Foster care"
        POLICE = "police", "Police"
        FAITH = "faith", "Faith organisation"
        SPORT = "sport", "Sport and leisure"
        VOLUNTARY = "voluntary", "Voluntary organisation"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        SUBSTANTIATED = "substantiated", "Substantiated"
        FALSE = "false", "False"
        MALICIOUS = "malicious", "Malicious"
        UNFOUNDED = "unfounded", "Unfounded"
        UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"

    reference = models.CharField(max_length=20, unique=True)
    received_date = models.DateField()
    subject_name = models.CharField("person the allegation is about", max_length=160)
    employer = models.CharField(max_length=160)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    summary = models.TextField()
    initial_consideration_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    closed_date = models.DateField(null=True, blank=True)
    lado_officer = worker_link()
    children = models.ManyToManyField("people.Child", blank=True, related_name="+")

    class Meta:
        ordering = ["-received_date"]

    def __str__(self) -> str:
        return f"Allegation {self.reference}"

    def clean(self) -> None:
        check_dates(
            self,
            ("received_date", "initial_consideration_date"),
            ("received_date", "closed_date"),
            not_future=("received_date", "initial_consideration_date", "closed_date"),
        )
        if self.closed_date and not self.outcome:
            raise ValidationError({"outcome": "Enter the outcome before closing the allegation."})


class LadoAccessGrant(models.Model):
    """An explicit, time-limited grant for someone outside the LADO team to see allegations."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="lado_grants")
    granted_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"LADO access for {self.user} until {self.ends_on:%d/%m/%Y}"
