"""Forms for the children in need pages. Thin: the rules live in the models and services, and
any ValidationError those raise is shown against its field."""

from django import forms

from sightline.web.forms import GovUKForm, UKDateField, YesNoField


class StartPlanForm(GovUKForm):
    start_date = UKDateField(label="Plan start date")


class EndPlanForm(GovUKForm):
    end_date = UKDateField(label="Plan end date")


class PlanReviewForm(GovUKForm):
    date = UKDateField(label="Review date")
    summary = forms.CharField(
        label="What the review decided",
        help_text="Progress against the plan, what changes and who does what next.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the review decided"},
    )


class VisitForm(GovUKForm):
    visit_date = UKDateField(label="Visit date")
    seen = YesNoField(
        label="Was the child seen?",
        error_messages={"required": "Select yes if the child was seen"},
    )
    seen_alone = YesNoField(
        label="Was the child seen alone?",
        error_messages={"required": "Select yes if the child was seen alone"},
    )


class PackageForm(GovUKForm):
    start_date = UKDateField(label="Package start date")
    support = forms.CharField(
        label="Description of the support",
        help_text="For example, short breaks, care at home or a direct payment, and how often.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a description of the support"},
    )
    needs_reassessment_due = UKDateField(
        label="Needs reassessment due date",
        not_future=False,
        help_text="When the child's needs are next due to be reassessed. For example, 27 3 2027",
    )
    end_date = UKDateField(
        label="Package end date",
        not_future=False,
        required=False,
        help_text="Leave blank if no end is planned. For example, 27 3 2027",
    )


class SupportReviewForm(GovUKForm):
    date = UKDateField(label="Date the support was reviewed")
    notes = forms.CharField(
        label="What changed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReassessmentForm(GovUKForm):
    date = UKDateField(label="Date the needs were reassessed")
    next_due = UKDateField(
        label="Next reassessment due date",
        not_future=False,
        help_text="For example, 27 3 2027",
    )
