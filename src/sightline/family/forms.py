"""Forms for a child's details and network. Thin: the rules (check digits, dates in order, a
reason for every change) live in the models and services, whose ValidationErrors are shown
against their fields.

A child's details are changed a few at a time (`SECTIONS`: names, identifiers, birth, ...),
each form asking why with the same `reason` question, so every change keeps its why.
"""

from django import forms
from django.utils.text import capfirst

from sightline.people.models import ChildName, Relationship
from sightline.reference.codes import choices_for, code_list
from sightline.web.forms import (
    GovUKForm,
    RadiosField,
    TextAreaField,
    UKDateField,
    YesNoField,
    required,
)

REASON_MISSING = "Enter why the details are changing"


def reason_field() -> TextAreaField:
    return TextAreaField(
        label="Why are the details changing?",
        help_text="For example, the birth certificate was seen, or a mistake is put right.",
        rows=3,
        if_missing=REASON_MISSING,
    )


def text(label: str, *, max_length: int, if_missing: str = "", **kwargs) -> forms.CharField:
    """A line of text; required when `if_missing` says what to enter."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(if_missing),
        error_messages=required(if_missing) if if_missing else {},
        **kwargs,
    )


def yes_if(question: str, answer: str) -> YesNoField:
    """A yes/no question whose message, left unanswered, is "Select yes if <answer>"."""
    return YesNoField(label=question, if_missing=f"Select yes if {answer}")


def _sex_choices() -> list[tuple[str, str]]:
    return [(code, meaning.capitalize()) for code, meaning in code_list("CIN_sex").items()]


def _with_none(name: str, none: str):
    return lambda: [("", none), *choices_for(name)()]


class _Details(GovUKForm):
    """A few of the child's details and why they are changing (the last question)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field()


class NamesForm(_Details):
    first_name = text("First name", max_length=80, if_missing="Enter the child's first name")
    last_name = text("Last name", max_length=80, if_missing="Enter the child's last name")
    preferred_name = text(
        "Preferred name", max_length=80, help_text="The name the child likes to be called."
    )


class IdentifiersForm(_Details):
    nhs_number = text("NHS number", max_length=10, help_text="10 digits, for example 9434765919")
    upn = text("UPN", max_length=13, help_text="Unique pupil number: 13 characters")
    former_upn = text("Former UPN", max_length=13)
    upn_unknown_reason = forms.ChoiceField(
        label="Reason UPN unknown",
        required=False,
        choices=_with_none("CIN_upn_unknown", "Not applicable: the UPN is known"),
    )
    uln = text("Unique learner number", max_length=10, help_text="10 digits")


UNBORN = "For an unborn child. For example, 27 3 2026"


class BirthForm(_Details):
    date_of_birth = UKDateField(label="Date of birth", required=False)
    expected_date_of_birth = UKDateField(
        label="Expected date of birth", required=False, not_future=False, help_text=UNBORN
    )


class IdentityForm(_Details):
    sex = RadiosField(label="Sex", choices=_sex_choices, if_missing="Select the child's sex")
    gender_identity = text(
        "Gender identity",
        max_length=80,
        help_text="Only where the child has said how they identify.",
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=choices_for("CIN_ethnicity"),
        error_messages=required("Select the child's ethnicity"),
    )
    religion = text("Religion", max_length=60)


class LanguageForm(_Details):
    first_language = text("First language", max_length=60)
    interpreter_needed = yes_if("Is an interpreter needed?", "an interpreter is needed")


class SchoolForm(_Details):
    school = text("School or setting", max_length=120, help_text="A school, college or nursery.")


class DisabilitiesForm(_Details):
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        choices=choices_for("CIN_disability"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, or NONE if the child has no disability.",
        error_messages=required("Select the child's disabilities, or NONE"),
    )


# Each part of the child's details changed on one page: (its title, its form).
SECTIONS: dict[str, tuple[str, type[_Details]]] = {
    "names": ("Change the child's names", NamesForm),
    "identifiers": ("Change the child's identifiers", IdentifiersForm),
    "birth": ("Change the date of birth", BirthForm),
    "identity": ("Change sex, gender identity, ethnicity and religion", IdentityForm),
    "language": ("Change first language and interpreter", LanguageForm),
    "disabilities": ("Change disabilities", DisabilitiesForm),
    "school": ("Change school or setting", SchoolForm),
}


class OtherNameForm(GovUKForm):
    kind = RadiosField(
        label="What kind of name is it?",
        choices=ChildName.Kind.choices,
        if_missing="Select whether it is a former name or an alias",
    )
    first_name = text("First name", max_length=80, if_missing="Enter the first name")
    last_name = text("Last name", max_length=80, if_missing="Enter the last name")
    until = UKDateField(
        label="Used until",
        required=False,
        help_text="For a former name: when the child stopped using it. For example, 27 3 2024",
    )
    reason = reason_field()


class _Postcode(GovUKForm):
    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())


class AddressForm(_Postcode):
    line_1 = text("Address line 1", max_length=120, if_missing="Enter address line 1")
    line_2 = text("Address line 2", max_length=120)
    town = text("Town or city", max_length=80, if_missing="Enter the town or city")
    postcode = text("Postcode", max_length=8, if_missing="Enter the postcode")
    start_date = UKDateField(label="Start date", help_text="When the child moved in.")
    end_date = UKDateField(
        label="End date",
        required=False,
        help_text="Only for an address the child has left. Leave blank for where they live now.",
    )
    reason = reason_field()


ADULT_KINDS = [
    (kind, label)
    for kind, label in Relationship.Kind.choices
    if kind not in (Relationship.Kind.SIBLING, Relationship.Kind.HALF_SIBLING)
]
SIBLING_KINDS = [
    (Relationship.Kind.SIBLING, "Brother or sister"),
    (Relationship.Kind.HALF_SIBLING, "Half-brother or half-sister"),
]


class AdultForm(_Postcode):
    first_name = text("First name", max_length=80, if_missing="Enter the adult's first name")
    last_name = text("Last name", max_length=80, if_missing="Enter the adult's last name")
    date_of_birth = UKDateField(label="Date of birth", required=False)
    sex = RadiosField(label="Sex", choices=_sex_choices, required=False)
    phone = text("Phone", max_length=30)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    address = text("Address", max_length=200)
    postcode = text("Postcode", max_length=8)
    kind = forms.ChoiceField(
        label="Relationship to the child",
        choices=[("", "Select the relationship"), *ADULT_KINDS],
        error_messages=required("Select the adult's relationship to the child"),
    )
    parental_responsibility = yes_if(
        "Do they have parental responsibility?", "they have parental responsibility"
    )
    lives_with_child = yes_if(
        "Do they live in the child's household?", "they live in the child's household"
    )


SIBLING_ID = "council ID of the brother or sister"


class SiblingForm(GovUKForm):
    council_id = text(capfirst(SIBLING_ID), max_length=20, if_missing=f"Enter the {SIBLING_ID}")
    council_id.help_text = "Find it with Find a child: for example, SL00001234."
    kind = RadiosField(label="How are they related?", choices=SIBLING_KINDS)
    kind.error_messages["required"] = "Select how they are related"
    lives_with_child = yes_if(
        "Do they live in the same household?", "they live in the same household"
    )


class HouseholdForm(GovUKForm):
    """A household the child lives in from a date, with people from their network."""

    start_date = UKDateField(label="Date the child started living there")
    members = forms.MultipleChoiceField(
        label="Who else lives there?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People recorded in the child's network. Add an adult first if they are not.",
    )

    def __init__(self, *args, people: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = people


class JoinHouseholdForm(GovUKForm):
    person = RadiosField(label="Who moved in?", if_missing="Select who moved in")
    start_date = UKDateField(label="Date they moved in")

    def __init__(self, *args, people: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people


class LeaveHouseholdForm(GovUKForm):
    end_date = UKDateField(label="Date they moved out")
