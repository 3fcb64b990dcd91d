"""Forms for the children in need pages. Thin: the rules live in the models and services, and
any ValidationError those raise is shown against its field."""

from sightline.casenotes.forms import Narrative, announced_question
from sightline.web.forms import GovUKForm, TextAreaField, UKDateField, YesNoField, date_form

StartPlanForm = date_form("start_date", label="Plan start date")
EndPlanForm = date_form("end_date", label="Plan end date")


class PlanReviewForm(GovUKForm):
    date = UKDateField(label="Review date")
    summary = TextAreaField(
        label="What the review decided",
        help_text="Progress against the plan, what changes and who does what next.",
        rows=6,
        if_missing="Enter what the review decided",
    )


class VisitForm(Narrative):
    """A visit is evidence of practice, not a date: after whether the child was seen come
    what was observed, the child's words, the analysis and the actions (`Narrative`)."""

    visit_date = UKDateField(label="Visit date")
    seen = YesNoField(
        label="Was the child seen?",
        if_missing="Select yes if the child was seen",
    )
    seen_alone = YesNoField(
        label="Was the child seen alone?",
        if_missing="Select yes if the child was seen alone",
    )
    announced = announced_question()


class PackageForm(GovUKForm):
    start_date = UKDateField(label="Package start date")
    support = TextAreaField(
        label="Description of the support",
        help_text="For example, short breaks, care at home or a direct payment, and how often.",
        if_missing="Enter a description of the support",
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
    notes = TextAreaField(label="What changed", required=False)


class ReassessmentForm(GovUKForm):
    date = UKDateField(label="Date the needs were reassessed")
    next_due = UKDateField(
        label="Next reassessment due date",
        not_future=False,
        help_text="For example, 27 3 2027",
    )
