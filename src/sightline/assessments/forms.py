"""Forms for the assessment pages. Thin: they read and tidy what was typed; the rules live in
the models and services, and any ValidationError those raise is shown against its field."""

from django import forms

from sightline.people.models import Worker
from sightline.reference.codes import choices_for
from sightline.web.forms import (
    GovUKCheckboxes,
    GovUKForm,
    RadiosField,
    TextAreaField,
    UKDateField,
    YesNoField,
    date_form,
)

from .models import Assessment
from .selectors import allocatable_workers, factor_choices


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Worker) -> str:
        return f"{obj.full_name} ({obj.team.name})"


class _AllocationForm(GovUKForm):
    worker = WorkerChoiceField(
        queryset=Worker.objects.none(),
        label="Social worker",
        empty_label="Choose a social worker",
        help_text="The child will be allocated to this social worker.",
        error_messages={
            "required": "Choose the social worker to allocate",
            "invalid_choice": "Choose a social worker in your service",
        },
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = allocatable_workers(user)


class StartAssessmentForm(_AllocationForm):
    start_date = UKDateField(label="Assessment start date")
    field_order = ["start_date", "worker"]


class AllocateForm(_AllocationForm):
    pass


class ChildSeenForm(GovUKForm):
    date = UKDateField(label="Date the child was seen")
    seen_alone = YesNoField(
        label="Was the child seen alone?",
        if_missing="Select yes if the child was seen alone",
    )


class ChildViewsForm(GovUKForm):
    child_views = TextAreaField(
        label="The child's views",
        help_text="What the child said, in their own words where you can.",
        rows=8,
        if_missing="Enter the child's views",
    )
    child_views_date = UKDateField(label="Date the views were recorded")


class AnalysisForm(GovUKForm):
    lived_experience = TextAreaField(
        label="The child's lived experience",
        help_text="What a day in the child's life is like: at home, at school, with friends.",
        rows=6,
        required=False,
    )
    parents_views = TextAreaField(
        label="The parents' views",
        help_text="What the parents or carers say about the concerns and what would help.",
        rows=6,
        required=False,
    )
    analysis = TextAreaField(
        label="Your analysis",
        help_text=(
            "What the information gathered means for the child: the strengths, the risks, "
            "what needs to change, and why you reached the outcome you did."
        ),
        rows=10,
        if_missing="Enter your analysis",
    )


class LateralCheckForm(GovUKForm):
    agency = forms.CharField(
        label="Agency",
        max_length=120,
        help_text="For example, police, school, GP or health visitor.",
        error_messages={"required": "Enter the agency"},
    )
    date = UKDateField(label="Date of the check")
    learned = TextAreaField(label="What was learned", if_missing="Enter what was learned")


class GroupedCheckboxes(GovUKCheckboxes):
    """GOV.UK checkboxes with a heading over each group of options."""

    template_name = "assessments/widgets/grouped_checkboxes.html"


class FactorsForm(GovUKForm):
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of the assessment",
        help_text="Select all that apply. Select 21 only if no factors were identified.",
        widget=GroupedCheckboxes,
        error_messages={
            "required": "Select the factors identified, or 21 if no factors were identified",
            "invalid_choice": (
                "Factors must come from the CIN assessment factor list: %(value)s is not"
            ),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factors"].choices = factor_choices()


class MidpointCheckForm(GovUKForm):
    date = UKDateField(label="Date of the check")
    on_track = YesNoField(
        label="Is the assessment on track to finish in time?",
        if_missing="Select yes if the assessment is on track",
    )
    direction = TextAreaField(
        label="Manager's direction",
        help_text="What must happen next, by whom and by when.",
        rows=6,
        if_missing="Enter the manager's direction",
    )


class OutcomeForm(GovUKForm):
    outcome = RadiosField(
        label="Outcome of the assessment",
        choices=Assessment.Outcome.choices,
        help_text="It takes effect when a manager authorises the assessment.",
        if_missing="Select the outcome of the assessment",
    )
    outcome_reasons = TextAreaField(
        label="Reasons for the outcome", rows=6, if_missing="Enter the reasons for the outcome"
    )
    primary_need = forms.ChoiceField(
        label="The child's primary need",
        required=False,
        help_text="Needed for a child in need plan, a strategy discussion or care.",
        error_messages={"invalid_choice": "Select a primary need from the list"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["primary_need"].choices = [
            ("", "Choose a primary need"),
            *choices_for("CIN_primary_need")(),
        ]


AuthoriseForm = date_form("authorised_date", label="Authorisation date")
