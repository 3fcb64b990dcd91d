"""Forms for the front door. Thin: the services hold the rules; every message names its field."""

from django import forms

from sightline.reference.codes import choices_for, code_list
from sightline.web.forms import (
    GovUKForm,
    RadiosField,
    TextAreaField,
    UKDateField,
    UKDateTimeField,
    YesNoField,
    date_form,
    required,
)

from .models import Contact, DecisionAuthorisation, DipSampleItem


def _sex_choices() -> list[tuple[str, str]]:
    return [(code, text.capitalize()) for code, text in code_list("CIN_sex").items()]


def _ethnicity_choices() -> list[tuple[str, str]]:
    return [("", "Select ethnicity"), *[(c, t) for c, t in code_list("CIN_ethnicity").items()]]


def _source_choices() -> list[tuple[str, str]]:
    return [("", "Select the source"), *choices_for("CIN_referral_source")()]


class NewChildForm(GovUKForm):
    """A child the council does not know yet. Saved only with the contact, all together."""

    first_name = forms.CharField(
        label="First name", max_length=80, error_messages=required("Enter the first name")
    )
    last_name = forms.CharField(
        label="Last name", max_length=80, error_messages=required("Enter the last name")
    )
    date_of_birth = UKDateField(label="Date of birth", required=False)
    expected_date_of_birth = UKDateField(
        label="Expected date of birth",
        required=False,
        not_future=False,
        help_text="For an unborn child. For example, 27 3 2026",
    )
    sex = RadiosField(label="Sex", choices=_sex_choices, if_missing="Select the sex")
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=_ethnicity_choices,
        error_messages=required("Select the ethnicity"),
    )

    def clean(self):
        data = super().clean()
        if (
            "date_of_birth" not in self.errors
            and "expected_date_of_birth" not in self.errors
            and not data.get("date_of_birth")
            and not data.get("expected_date_of_birth")
        ):
            self.add_error(
                "date_of_birth", "Enter the date of birth, or an expected date for an unborn child"
            )
        return data


class ContactDetailsForm(GovUKForm):
    received_at = UKDateTimeField(label="Date and time received")
    source = forms.ChoiceField(
        label="Source of the contact",
        choices=_source_choices,
        error_messages=required("Select the source of the contact"),
    )
    reported_by = forms.CharField(
        label="Reported by",
        max_length=160,
        help_text="Name and role, for example Ms Patel, head teacher",
        error_messages=required("Enter who reported it"),
    )
    summary = TextAreaField(label="What was reported", rows=6, if_missing="Enter what was reported")
    consent = RadiosField(
        label="Consent",
        choices=Contact.Consent.choices,
        if_missing="Select whether consent was given",
    )
    out_of_hours = YesNoField(
        label="Was the contact received out of hours?",
        if_missing="Select yes if the contact was received out of hours",
    )
    handover_note = TextAreaField(
        label="Handover to the day team",
        required=False,
        rows=4,
        help_text="Needed for an out-of-hours contact: what was done and what the day team must do",
    )

    def clean(self):
        data = super().clean()
        if data.get("out_of_hours") and not (data.get("handover_note") or "").strip():
            self.add_error(
                "handover_note", "Enter the handover to the day team for an out-of-hours contact"
            )
        return data


class DecisionForm(GovUKForm):
    decision = RadiosField(
        label="Decision", choices=Contact.Decision.choices, if_missing="Select the decision"
    )
    rationale = TextAreaField(
        label="Rationale",
        rows=6,
        help_text="Why this decision: the risks and strengths you weighed",
        if_missing="Enter the rationale for the decision",
    )


class AuthoriseForm(GovUKForm):
    outcome = RadiosField(
        label="Do you agree with the decision?",
        choices=[
            (DecisionAuthorisation.Outcome.AGREED, "Agree with the decision"),
            (DecisionAuthorisation.Outcome.OVERTURNED, "Overturn the decision"),
        ],
        if_missing="Select whether you agree or overturn the decision",
    )
    new_decision = RadiosField(
        label="Decision instead",
        required=False,
        choices=Contact.Decision.choices,
        help_text="Only if you overturn the decision",
    )
    reasons = TextAreaField(
        label="Reasons",
        required=False,
        help_text="Needed if you overturn the decision; any comments if you agree",
    )


DrawSampleForm = date_form(
    "week_start",
    label="Week beginning",
    help_text="A Monday in a week that has finished, for example 2 11 2026",
)


class DipReviewForm(GovUKForm):
    finding = RadiosField(
        label="Finding", choices=DipSampleItem.Finding.choices, if_missing="Select your finding"
    )
    comments = TextAreaField(
        label="Comments", required=False, help_text="Needed unless you agree with the decision"
    )


class DipShareForm(GovUKForm):
    share_percent = forms.IntegerField(
        label="Share of no further action decisions to sample each week (per cent)",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the share to sample",
            "invalid": "Share to sample must be a whole number from 1 to 100",
            "min_value": "Share to sample must be a whole number from 1 to 100",
            "max_value": "Share to sample must be a whole number from 1 to 100",
        },
    )
    reason = TextAreaField(
        label="Reason for the change", rows=3, if_missing="Enter why the share is changing"
    )
