"""Forms for the front door. Thin: the services hold the rules; every message names its field."""

from django import forms

from sightline.people.identifiers import nhs_number_problem, upn_problem
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
    # Each of these is also used to look for a child the council already knows.
    nhs_number = forms.CharField(
        label="NHS number", max_length=12, required=False, help_text="10 digits, if known"
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        max_length=13,
        required=False,
        help_text="13 characters, if known",
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=8,
        required=False,
        help_text="Where the child lives, if known. Used to look for a child we already know: "
        "record the full address on the child's details",
    )

    def _identifier(self, name: str, label: str, problem) -> str:
        value = "".join(self.cleaned_data.get(name, "").split()).upper()
        if value and (found := problem(value)):
            raise forms.ValidationError(f"{label} {found}")
        return value

    def clean_nhs_number(self) -> str:
        return self._identifier("nhs_number", "NHS number", nhs_number_problem)

    def clean_upn(self) -> str:
        return self._identifier("upn", "UPN", upn_problem)

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


class NoneOfTheseForm(GovUKForm):
    """Adding a new child when known children may match: only once the worker says none is."""

    confirm = forms.MultipleChoiceField(
        label="If the child is not listed",
        choices=[("none", "None of these is the child")],
        widget=forms.CheckboxSelectMultiple,
        error_messages=required(
            "Confirm that none of these is the child, or choose the child from the list"
        ),
    )


class MergeChildrenForm(GovUKForm):
    """The two records of one child: the duplicate, and the record that is kept."""

    duplicate = forms.CharField(
        label="Council ID of the duplicate record",
        max_length=20,
        help_text="This record's contacts, referrals and everything else move to the record "
        "kept, and it then shows as merged. For example, CH000123",
        error_messages=required("Enter the council ID of the duplicate record"),
    )
    survivor = forms.CharField(
        label="Council ID of the record to keep",
        max_length=20,
        error_messages=required("Enter the council ID of the record to keep"),
    )
    reason = TextAreaField(
        label="Why these are the same child",
        rows=3,
        if_missing="Enter why these records are the same child",
    )
