"""Forms for early help. Thin: the services hold the rules; every message names its field."""

from django import forms

from sightline.frontdoor.models import Contact
from sightline.web.forms import (
    GovUKForm,
    RadiosField,
    TextAreaField,
    UKDateField,
    UKDateTimeField,
    date_form,
    required,
)

from .models import EarlyHelpEpisode

Origin = EarlyHelpEpisode.Origin
EndReason = EarlyHelpEpisode.EndReason


class StartEarlyHelpForm(GovUKForm):
    origin = RadiosField(
        label="Where did the request for early help come from?",
        choices=[
            (Origin.CASE_CLOSURE, Origin.CASE_CLOSURE.label),
            (Origin.REQUEST, Origin.REQUEST.label),
        ],
        if_missing="Select where the request for early help came from",
    )
    cin_episode = forms.ChoiceField(
        label="Social care case it stepped down from",
        required=False,
        help_text="Only when the case closed and stepped down to early help",
    )
    start_date = UKDateField(label="Early help start date")
    lead_organisation = forms.CharField(
        label="Lead organisation",
        max_length=160,
        required=False,
        help_text="For example, Lowmere Primary School",
    )
    lead_practitioner = forms.CharField(label="Lead practitioner", max_length=160, required=False)

    def __init__(self, *args, episodes=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.episodes = {str(e.pk): e for e in episodes}
        self.fields["cin_episode"].choices = [("", "Select the case")] + [
            (
                str(e.pk),
                f"Referral {e.referral_date:%d/%m/%Y}"
                + (f", closed {e.closure_date:%d/%m/%Y}" if e.closure_date else ", open"),
            )
            for e in episodes
        ]

    def clean(self):
        data = super().clean()
        data["cin_episode"] = self.episodes.get(data.get("cin_episode") or "")
        if data.get("origin") == Origin.CASE_CLOSURE and data["cin_episode"] is None:
            self.add_error("cin_episode", "Select the social care case it stepped down from")
        return data


class AssessmentForm(GovUKForm):
    start_date = UKDateField(label="Assessment start date")
    organisation = forms.CharField(
        label="Organisation completing the assessment",
        max_length=160,
        error_messages=required("Enter the organisation completing the assessment"),
    )


class CompleteAssessmentForm(GovUKForm):
    completed_date = UKDateField(label="Assessment completion date")
    child_views = TextAreaField(
        label="The child's views",
        help_text="In the child's own words where you can",
        if_missing="Enter the child's views",
    )
    next_steps = TextAreaField(label="Next steps", if_missing="Enter the next steps")


PlanForm = date_form("start_date", label="Plan start date")


class PlanReviewForm(GovUKForm):
    date = UKDateField(label="Review date")
    summary = TextAreaField(label="What the review found", if_missing="Enter what the review found")


PlanEndForm = date_form("end_date", label="Plan end date")


class EndEarlyHelpForm(GovUKForm):
    end_date = UKDateField(label="Early help end date")
    end_reason = RadiosField(
        label="Reason early help ended",
        choices=[
            c
            for c in EndReason.choices
            if c[0] not in (EndReason.STEPPED_UP, EndReason.DECISION_OVERTURNED)
        ],
        if_missing="Select the reason early help ended",
    )


class StepUpForm(GovUKForm):
    received_at = UKDateTimeField(label="Date and time of the step-up")
    reported_by = forms.CharField(
        label="Made by",
        max_length=160,
        help_text="Name and role of the early help practitioner",
        error_messages=required("Enter who is making the step-up"),
    )
    summary = TextAreaField(
        label="What has changed, and why children's social care is needed",
        rows=6,
        if_missing="Enter what has changed and why children's social care is needed",
    )
    consent = RadiosField(
        label="Consent",
        choices=Contact.Consent.choices,
        if_missing="Select whether consent was given",
    )
