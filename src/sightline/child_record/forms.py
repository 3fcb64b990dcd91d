"""The chronology's filter: which type of entry (the area it comes from) and which dates.

A GET form, so a filtered chronology is a link a worker can bookmark or share, and the CSV
export takes the same filter.
"""

from django import forms

from sightline.web.forms import GovUKForm, UKDateField


class ChronologyFilterForm(GovUKForm):
    area = forms.ChoiceField(label="Type", required=False)
    since = UKDateField(label="From", required=False, help_text="For example, 27 3 2025")
    until = UKDateField(label="To", required=False, help_text="For example, 27 3 2026")

    def __init__(self, data=None, *, areas: list[str]) -> None:
        super().__init__(data)
        self.fields["area"].choices = [("", "All types")] + [(a, a) for a in areas]

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The 'to' date must be the same as or after the 'from' date")
        return data

    def filters(self) -> dict:
        """The filter as `selectors.filtered` takes it: nothing for a form with errors."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
