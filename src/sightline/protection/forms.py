"""Forms for child protection pages: GOV.UK inputs whose labels say what a practitioner records.

Forms only read and shape input; the rules live on the models and in the services, and reach
the page through `apply_validation_error`. Every label is unique on its page so that a screen
reader user, and a browser test, can find each input by its label.
"""

from django import forms

from sightline.casenotes.forms import Narrative, announced_question
from sightline.reference.codes import choices_for
from sightline.web.forms import (
    GovUKForm,
    GovUKRadios,
    RadiosField,
    TextAreaField,
    UKDateField,
    YesNoField,
    date_form,
    required,
)

from .models import (
    ChildProtectionPlan,
    FamilyGroupConference,
    OutcomeProgress,
    PlanOutcome,
    PreProceedings,
    Section47Enquiry,
    StrategyDiscussion,
)


class AskedWhenField(forms.ChoiceField):
    """Radios asked only in some cases (the hint says which; the service enforces it). Shown
    without "(optional)", because when they apply they are not optional."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", GovUKRadios)
        super().__init__(required=True, **kwargs)

    def validate(self, value) -> None:
        if value in self.empty_values:
            return
        super().validate(value)


class DateAskedWhen(UKDateField):
    """A date asked only in some cases, shown without "(optional)" (see AskedWhenField)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(required=True, **kwargs)

    def clean(self, value):
        if not value or not any(v not in self.empty_values for v in value):
            return None
        return super().clean(value)


def category_choices() -> list[tuple[str, str]]:
    return choices_for("CIN_category_of_abuse")()


class StrategyDiscussionForm(GovUKForm):
    date = UKDateField(label="Date of the strategy discussion")
    agencies = forms.MultipleChoiceField(
        label="Agencies present",
        choices=[*StrategyDiscussion.AGENCIES, ("other", "Other agency")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages=required("Select the agencies present"),
    )
    other_agencies = forms.CharField(
        label="Other agencies present",
        required=False,
        max_length=300,
        help_text="If you selected Other agency, say which.",
    )
    outcome = RadiosField(
        label="Decision",
        choices=StrategyDiscussion.Outcome.choices,
        if_missing="Select the decision",
    )
    rationale = TextAreaField(
        label="Rationale for the decision", if_missing="Enter the rationale for the decision"
    )


Section47StartForm = date_form("start_date", label="Section 47 start date")


class Section47EndForm(GovUKForm):
    end_date = UKDateField(label="Section 47 end date")
    outcome = RadiosField(
        label="Outcome of the enquiry",
        choices=Section47Enquiry.Outcome.choices,
        if_missing="Select the outcome of the enquiry",
    )


class InitialConferenceForm(GovUKForm):
    date = UKDateField(label="Date of the initial conference")
    chair = forms.CharField(
        label="Conference chair",
        max_length=120,
        error_messages=required("Enter the name of the conference chair"),
    )
    plan_made = YesNoField(
        label="Conference decision",
        yes="Child protection plan made",
        no="No child protection plan",
        if_missing="Select the conference decision",
    )
    category = AskedWhenField(
        label="Initial category of abuse",
        choices=category_choices,
        help_text="Needed when a plan is made.",
    )
    previous_plans_elsewhere = forms.IntegerField(
        label="Earlier child protection plans not held in Sightline",
        required=False,
        min_value=0,
        max_value=50,
        help_text="When a plan is made: plans the child had before this one that are not "
        "recorded here, for example in another council. Leave blank if there were none.",
        widget=forms.TextInput(
            {"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}
        ),
        error_messages={
            "invalid": "Enter the number of earlier plans as a whole number, like 2",
            "min_value": "The number of earlier plans must be 0 or more",
            "max_value": "The number of earlier plans must be 50 or fewer",
        },
    )


class OutcomeForm(GovUKForm):
    what_must_change = TextAreaField(
        label="What must change",
        rows=3,
        help_text="Written for the child: what will be different in their life.",
        if_missing="Enter what must change",
    )
    how_measured = TextAreaField(
        label="How it will be measured",
        rows=3,
        help_text="What anyone could check, for example school attendance above 95%.",
        if_missing="Enter how it will be measured",
    )
    by_when = UKDateField(label="By when", called="date the outcome is due", not_future=False)
    responsible = forms.CharField(
        label="Who is responsible",
        max_length=160,
        error_messages=required("Enter who is responsible"),
    )


CoreGroupForm = date_form("date", label="Date of the core group meeting")


class ReviewForm(GovUKForm):
    """The review conference, with a progress rating (and comment) for every outcome."""

    date = UKDateField(label="Date of the review conference")
    plan_continues = YesNoField(
        label="Conference decision",
        yes="The plan continues",
        no="The plan ends",
        if_missing="Select whether the plan continues",
    )
    end_reason = AskedWhenField(
        label="Why the plan ends",
        choices=ChildProtectionPlan.EndReason.choices,
        help_text="Needed when the plan ends.",
    )
    latest_category = RadiosField(
        label="Latest category of abuse",
        choices=category_choices,
        if_missing="Select the latest category of abuse",
    )

    def __init__(self, *args, outcomes: list[PlanOutcome], **kwargs) -> None:
        self.outcomes = outcomes
        super().__init__(*args, **kwargs)
        for number, outcome in enumerate(outcomes, start=1):
            self.fields[f"rating_{outcome.pk}"] = RadiosField(
                label=f"Progress on outcome {number}",
                choices=OutcomeProgress.Rating.choices,
                if_missing=f"Select the progress on outcome {number}",
                help_text=outcome.what_must_change,
            )
            self.fields[f"comment_{outcome.pk}"] = TextAreaField(
                label=f"Comment on outcome {number}", required=False, rows=2
            )
            # Re-apply the GOV.UK classes to the fields added after GovUKMixin ran.
            self.fields[f"comment_{outcome.pk}"].widget.attrs["class"] = "govuk-textarea"

    def outcome_fields(self) -> list[dict]:
        return [
            {
                "number": number,
                "outcome": outcome,
                "rating": self[f"rating_{outcome.pk}"],
                "comment": self[f"comment_{outcome.pk}"],
            }
            for number, outcome in enumerate(self.outcomes, start=1)
        ]


def ratings(outcomes: list[PlanOutcome], data: dict) -> dict[int, tuple[str, str]]:
    """A ReviewForm's answers as the service takes them: each outcome's id to its (rating,
    comment)."""
    return {
        o.pk: (data.get(f"rating_{o.pk}") or "", data.get(f"comment_{o.pk}") or "")
        for o in outcomes
    }


class VisitForm(Narrative):
    """A visit is evidence of practice, not a date: after whether the child was seen come
    what was observed, the child's words, the analysis and the actions (`Narrative`)."""

    visit_date = UKDateField(label="Date of the visit")
    seen = YesNoField(
        label="Was the child seen?",
        yes="Yes, the child was seen",
        no="No, the child was not seen",
        if_missing="Select whether the child was seen",
    )
    seen_alone = YesNoField(
        label="Was the child seen alone?",
        yes="Yes, seen alone",
        no="No, not seen alone",
        if_missing="Select whether the child was seen alone",
    )
    announced = announced_question()


class FamilyGroupConferenceForm(GovUKForm):
    offered_date = UKDateField(label="Date the family group conference was offered")
    response = RadiosField(
        label="The family's answer",
        choices=[("", "Not answered yet"), *FamilyGroupConference.Response.choices],
        required=False,
    )
    response_date = UKDateField(label="Date the family answered", required=False)
    held_date = UKDateField(label="Date the family group conference was held", required=False)


class ExtendedFamilyForm(GovUKForm):
    extended_family_considered = YesNoField(
        label="Has extended family been considered?",
        yes="Yes, extended family considered",
        no="No, not yet considered",
        if_missing="Select whether extended family has been considered",
    )
    extended_family_considered_date = DateAskedWhen(
        label="Date extended family was considered",
        help_text="Needed if extended family has been considered. For example, 27 3 2026",
    )
    extended_family_notes = TextAreaField(
        label="Notes on extended family",
        required=False,
        rows=4,
        help_text="Who was considered and what was decided, or why not yet (needed if not yet).",
    )


class PreProceedingsForm(GovUKForm):
    legal_planning_meeting_date = UKDateField(label="Date of the legal planning meeting")
    # Not "PLO letter" in the label: the date input's messages lower-case it ("plo letter").
    plo_letter_date = UKDateField(
        label="Date of the letter before proceedings",
        required=False,
        help_text="The PLO letter. For example, 27 3 2026",
    )
    outcome = RadiosField(
        label="Outcome of pre-proceedings",
        choices=[("", "Not decided yet"), *PreProceedings.Outcome.choices],
        required=False,
    )
    outcome_date = DateAskedWhen(
        label="Date of the outcome",
        help_text="Needed when there is an outcome. For example, 27 3 2026",
    )


class EndPlanForm(GovUKForm):
    end_date = UKDateField(label="Date the plan ended")
    end_reason = RadiosField(
        label="Why the plan ended",
        choices=ChildProtectionPlan.EndReason.choices,
        if_missing="Select why the plan ended",
    )
