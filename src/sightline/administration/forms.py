"""The audit trail's filter: by event type, worker, child and date."""

from django import forms
from django.core.exceptions import ValidationError

from sightline.access.events import EventType
from sightline.people.models import Child, Worker
from sightline.web.forms import GovUKForm, UKDateField


class AuditFilterForm(GovUKForm):
    event_type = forms.ChoiceField(
        label="What happened", required=False, choices=[("", "Any event")] + EventType.choices
    )
    worker = forms.ModelChoiceField(
        label="Who",
        required=False,
        empty_label="Anyone",
        queryset=Worker.objects.filter(user__isnull=False).order_by("last_name", "first_name"),
    )
    council_id = forms.CharField(
        label="Child's council ID",
        required=False,
        max_length=20,
        help_text="Every event on this child's record",
    )
    on_or_after = UKDateField(label="From", required=False)
    on_or_before = UKDateField(label="To", required=False)

    def clean_council_id(self) -> Child | None:
        council_id = self.cleaned_data["council_id"].strip()
        if not council_id:
            return None
        child = Child.objects.filter(council_id=council_id).first()
        if child is None:
            raise ValidationError(f"No child has the council ID {council_id}.")
        return child

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("on_or_after"), data.get("on_or_before")
        if start and end and end < start:
            self.add_error("on_or_before", "The 'to' date must be the same as or after 'from'.")
        return data
