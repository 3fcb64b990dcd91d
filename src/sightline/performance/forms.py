"""Forms for performance: choosing a period, setting a target, entering the child population."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms

from sightline.web.forms import GovUKForm, UKDateField

from .periods import Period, financial_year_of, period_code


def period_choices(today: date) -> list[tuple[str, str]]:
    """The periods a leader is likely to want, newest first."""
    choices = [
        ("fytd", Period.financial_year_to_date(today).label),
        ("r12", Period.rolling_12_months(today).label),
    ]
    this_year = financial_year_of(today)
    for year in range(this_year - 1, this_year - 4, -1):
        choices.append(
            (period_code(Period.financial_year(year)), Period.financial_year(year).label)
        )
    quarter = Period.quarter(this_year, (today.month - 4) % 12 // 3 + 1)
    for _ in range(8):
        choices.append((period_code(quarter), quarter.label))
        before = quarter.start - relativedelta(months=3)
        quarter = Period.quarter(financial_year_of(before), (before.month - 4) % 12 // 3 + 1)
    month = date(today.year, today.month, 1)
    for _ in range(13):
        choices.append(
            (
                period_code(Period.month(month.year, month.month)),
                Period.month(month.year, month.month).label,
            )
        )
        month -= relativedelta(months=1)
    return choices


class PeriodForm(GovUKForm):
    period = forms.ChoiceField(label="Period")
    as_at = UKDateField(
        label="As at",
        required=False,
        help_text="Optional. Children on a plan, in care and so on are counted on this date "
        "(the end of the period if left blank). For example, 31 3 2026",
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(today)
        self.fields["period"].error_messages["invalid_choice"] = "Select a period from the list"


class TargetForm(GovUKForm):
    target = forms.DecimalField(
        label="Local target",
        required=False,
        max_digits=9,
        decimal_places=1,
        help_text="Leave blank to remove the target.",
        error_messages={
            "invalid": "Local target must be a number, like 85 or 85.5",
            "max_digits": "Local target must be a number, like 85 or 85.5",
            "max_decimal_places": "Local target can have one decimal place at most",
        },
    )
    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the target is changing"},
    )


class PopulationForm(GovUKForm):
    year = forms.IntegerField(
        label="Mid-year estimate year",
        min_value=1990,
        max_value=2100,
        help_text="The year of the ONS mid-year estimate, for example 2025.",
        error_messages={
            "required": "Enter the mid-year estimate year",
            "invalid": "Mid-year estimate year must be a year, like 2025",
            "min_value": "Mid-year estimate year must be between 1990 and 2100",
            "max_value": "Mid-year estimate year must be between 1990 and 2100",
        },
    )
    count = forms.IntegerField(
        label="Children aged 0 to 17",
        min_value=1,
        error_messages={
            "required": "Enter the number of children aged 0 to 17",
            "invalid": "Children aged 0 to 17 must be a whole number, like 185000",
            "min_value": "Children aged 0 to 17 must be 1 or more",
        },
    )
