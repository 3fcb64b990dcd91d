"""The shared GOV.UK form pieces: dates typed the UK way and errors that name the field."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from sightline.web.forms import (
    GovUKForm,
    UKDateField,
    UKDateTimeField,
    YesNoField,
    apply_validation_error,
)


class ExampleForm(GovUKForm):
    meeting_date = UKDateField(label="Strategy discussion date")
    received = UKDateTimeField(label="Date and time received", required=False)
    seen = YesNoField(label="Was the child seen?")
    rationale = forms.CharField(widget=forms.Textarea)
    outcome = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def form(**data):
    base = {
        "meeting_date_day": "5",
        "meeting_date_month": "5",
        "meeting_date_year": "2023",
        "seen": "yes",
        "rationale": "Because.",
        "outcome": "a",
    }
    return ExampleForm(data={**base, **data})


@freeze_time("2023-06-01 12:00")
def test_a_uk_date_is_read_from_day_month_and_year():
    f = form()
    assert f.is_valid(), f.errors
    assert f.cleaned_data["meeting_date"] == dt.date(2023, 5, 5)
    assert f.cleaned_data["seen"] is True


@freeze_time("2023-06-01 12:00")
@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2023", "The strategy discussion date must be a real date"),
        ("", "2", "2023", "The strategy discussion date must include a day"),
        ("1", "7", "2023", "The strategy discussion date must be today or in the past"),
    ],
)
def test_bad_dates_are_refused_with_a_message_naming_the_field(day, month, year, message):
    f = form(meeting_date_day=day, meeting_date_month=month, meeting_date_year=year)
    assert not f.is_valid()
    assert f.errors["meeting_date"] == [message]


@freeze_time("2023-06-01 12:00")
def test_date_and_time_become_an_aware_london_time():
    f = form(received_day="1", received_month="6", received_year="2023", received_time="09:15")
    assert f.is_valid(), f.errors
    received = f.cleaned_data["received"]
    assert received.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert (received.hour, received.minute) == (9, 15)


@freeze_time("2023-06-01 12:00")
def test_rendered_fields_carry_govuk_classes_and_error_states():
    f = form(rationale="")
    assert not f.is_valid()
    html = str(f["rationale"])
    assert "govuk-textarea" in html and "govuk-textarea--error" in html
    assert "govuk-radios__input" in str(f["outcome"])
    assert "govuk-radios--inline" in str(f["seen"])


@freeze_time("2023-06-01 12:00")
def test_a_missing_required_date_asks_for_it_by_name():
    f = form(meeting_date_day="", meeting_date_month="", meeting_date_year="")
    assert f.errors["meeting_date"] == ["Enter the strategy discussion date"]


def test_model_errors_land_on_the_named_fields():
    f = form()
    f.is_valid()
    apply_validation_error(f, ValidationError({"rationale": "Enter the rationale."}))
    assert f.errors["rationale"] == ["Enter the rationale."]


@freeze_time("2023-06-01 12:00")
def test_a_date_in_error_marks_each_box_and_the_error_summary_links_to_the_day_box():
    from django.template.loader import render_to_string

    bad = form(meeting_date_month="13", received_day="40", received_month="1")
    assert not bad.is_valid()
    html = render_to_string("web/_error_summary.html", {"form": bad}) + "".join(
        render_to_string("web/_field.html", {"field": bad[name]})
        for name in ("meeting_date", "received")
    )
    assert 'href="#id_meeting_date_0"' in html
    assert 'href="#id_received_0"' in html
    assert 'id="id_meeting_date_0"' in html and 'id="id_received_0"' in html
    assert html.count("govuk-input--error") == 3 + 4  # day, month, year (and time)

    good = form()
    assert good.is_valid()
    assert "govuk-input--error" not in render_to_string(
        "web/_field.html", {"field": good["meeting_date"]}
    )


def test_a_date_whose_label_is_not_a_noun_is_named_by_what_it_is_called():
    class OutcomeForm(GovUKForm):
        by_when = UKDateField(label="By when", called="date the outcome is due", not_future=False)

    assert OutcomeForm(data={}).errors["by_when"] == ["Enter the date the outcome is due"]
    bad = OutcomeForm(data={"by_when_day": "31", "by_when_month": "2", "by_when_year": "2027"})
    assert bad.errors["by_when"] == ["The date the outcome is due must be a real date"]
