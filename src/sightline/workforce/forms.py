"""Forms for allocating a worker to a child, ending an allocation and transferring a child.
Thin: the services decide who may be allocated and when, and any ValidationError they raise
(an ended worker, an end before the start) is shown against its field."""

from collections.abc import Iterable

from django import forms

from sightline.people.models import Worker
from sightline.web.forms import (
    GovUKForm,
    GovUKRadios,
    TextAreaField,
    UKDateField,
    date_form,
    required,
)

from .selectors import Candidate

EndAllocationForm = date_form("end_date", label="End date")


class _ChoosesAWorker(GovUKForm):
    """The worker question lists the candidates the page shows with their caseloads; any worker
    is accepted here, so the service can say why one may not be allocated (they have left)."""

    worker = forms.ModelChoiceField(
        label="Worker",
        queryset=Worker.objects.all(),
        widget=GovUKRadios,
        error_messages={"required": "Choose a worker", "invalid_choice": "Choose a worker"},
    )

    def __init__(self, *args, candidates: Iterable[Candidate] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [
            (
                c.worker.pk,
                f"{c.worker.full_name}, {c.worker.team.name} "
                f"({c.children} {'child' if c.children == 1 else 'children'})",
            )
            for c in candidates
        ]


class AllocateForm(_ChoosesAWorker):
    start_date = UKDateField(label="Start date")
    # A line, not a box: the reason is a sentence (the handover note of a transfer says more).
    # No maxlength, which would cut off what is typed unseen: the model refuses over 200.
    reason = forms.CharField(
        label="Reason for the allocation",
        help_text="For example, the referral needs a child and family assessment.",
        error_messages=required("Enter the reason for the allocation"),
    )


class TransferForm(_ChoosesAWorker):
    start_date = UKDateField(
        label="Date of the transfer",
        help_text="The current allocation ends the day before. For example, 27 3 2026",
    )
    handover_note = TextAreaField(
        label="Handover note",
        rows=8,
        help_text="What the new worker needs to know: the plan, the risks, who is involved, "
        "what is due next.",
        if_missing="Enter a handover note for the new worker",
    )
