"""GOV.UK Design System form building blocks shared by every page that records something.

- `GovUKForm` gives widgets their GOV.UK classes and error states.
- `UKDateField` is the GOV.UK date input (day, month, year) with messages that name the field.
- `YesNoField` asks a yes/no question as radios; `RadiosField` a choice of several.
- `TextAreaField` asks for a few lines of text (a rationale, a summary, notes).
- `date_form()` makes the form of a page that asks only for a date.
- `if_missing=` on these (and `required(message)` on Django's own fields) is the error message
  for a question left unanswered, which GOV.UK wants to say what to do ("Enter the agency").
- `UKDateTimeField` adds a 24-hour time, for events such as a contact received at 16:30.
- `SignInForm` is the sign-in page's form: Django's AuthenticationForm with GOV.UK inputs and
  words, so the page renders it with the same field and error summary templates as every form.
- `apply_validation_error()` puts a model's ValidationError (the same rules imports meet) back
  on the form, field by field, so nothing is saved and the user sees what to fix.

Render a field with `{% include "web/_field.html" with field=form.name %}` and the summary with
`{% include "web/_error_summary.html" %}`; start the page title with "Error: " on errors.
"""

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils import timezone

CLASSES = {
    forms.TextInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.NumberInput: "govuk-input govuk-input--width-5",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}


class GovUKRadios(forms.RadioSelect):
    template_name = "web/widgets/radios.html"
    option_template_name = "web/widgets/radio_option.html"


class GovUKCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "web/widgets/checkboxes.html"
    option_template_name = "web/widgets/checkbox_option.html"


def required(message: str) -> dict[str, str]:
    """The `error_messages` of a field whose message, when it is left empty, is `message`."""
    return {"required": message}


def _asked(kwargs: dict, if_missing: str) -> dict:
    if if_missing:
        kwargs["error_messages"] = {**kwargs.get("error_messages", {}), **required(if_missing)}
    return kwargs


class YesNoField(forms.TypedChoiceField):
    """A yes/no question as radios (GOV.UK prefers these to a lone checkbox).

    Plain "Yes" and "No" sit side by side. Answers that say what they mean ("Yes, the child was
    seen") are stacked, and keep two such questions on one page from sharing an answer label.
    """

    def __init__(self, *, yes: str = "Yes", no: str = "No", if_missing: str = "", **kwargs) -> None:
        inline = (yes, no) == ("Yes", "No")
        kwargs.setdefault("widget", GovUKRadios(attrs={"inline": True}) if inline else GovUKRadios)
        super().__init__(
            choices=[("yes", yes), ("no", no)],
            coerce=lambda value: value == "yes",
            empty_value=None,
            **_asked(kwargs, if_missing),
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


class RadiosField(forms.ChoiceField):
    """One answer from a few, as GOV.UK radios."""

    def __init__(self, *, if_missing: str = "", **kwargs) -> None:
        kwargs.setdefault("widget", GovUKRadios)
        super().__init__(**_asked(kwargs, if_missing))


class TextAreaField(forms.CharField):
    """A few lines of text, `rows` high."""

    def __init__(self, *, rows: int = 5, if_missing: str = "", **kwargs) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**_asked(kwargs, if_missing))


def _in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: 'Date of birth' -> 'date of birth', but acronyms
    keep their capitals ('PLO letter date', 'ICPC date')."""
    first, _, rest = str(label).partition(" ")
    if len(first) > 1 and first.isupper():
        return str(label)
    return first[:1].lower() + first[1:] + (f" {rest}" if rest else "")


class _GovUKDateParts:
    """What the GOV.UK date input needs from a MultiWidget: a label and error-summary link that
    go to the first box (Django's MultiWidget gives none), and every box marked when the field
    has an error (Django marks the field with aria-invalid)."""

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["invalid"] = str((attrs or {}).get("aria-invalid")) == "true"
        return context


def _day_month_year() -> dict[str, forms.TextInput]:
    """The three boxes of a GOV.UK date input, each as wide as what is typed in it."""
    part = "govuk-input govuk-date-input__input govuk-input--width-"
    return {
        name: forms.TextInput({"inputmode": "numeric", "class": f"{part}{width}"})
        for name, width in (("day", 2), ("month", 2), ("year", 4))
    }


class UKDateWidget(_GovUKDateParts, forms.MultiWidget):
    """Three inputs (day, month, year), as the GOV.UK date input pattern."""

    template_name = "web/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None) -> None:
        super().__init__(_day_month_year(), attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class UKDateField(forms.MultiValueField):
    """`called`: what error messages call the date, for a label that does not read as one
    mid-sentence ("By when" -> "date the outcome is due"); by default the label."""

    widget = UKDateWidget

    def __init__(self, *, not_future: bool = True, called: str = "", **kwargs) -> None:
        self.not_future = not_future
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("help_text", "For example, 27 3 2026")
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.called = called or _in_sentence(self.label or "date")
        self.error_messages["required"] = f"Enter the {self.called}"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = self.called
        names = ("day", "month", "year")
        missing = [name for name, value in zip(names, data_list, strict=True) if not value]
        if missing:
            raise ValidationError(f"The {label} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(str(v).strip()) for v in data_list)
            if year < 1900:
                raise ValueError
            value = dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"The {label} must be a real date") from None
        if self.not_future and value > timezone.localdate():
            raise ValidationError(f"The {label} must be today or in the past")
        return value


class UKDateTimeField(forms.MultiValueField):
    """A date (day, month, year) and a 24-hour time, combined into an aware London datetime."""

    widget = None  # set in __init__

    def __init__(self, *, not_future: bool = True, **kwargs) -> None:
        self.not_future = not_future
        fields = (UKDateField(not_future=False, required=False), forms.CharField(required=False))
        widget = UKDateTimeWidget()
        kwargs.setdefault("help_text", "For example, 27 3 2026 and 16:30")
        super().__init__(fields, widget=widget, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter the {_in_sentence(self.label or 'date and time')}"

    def clean(self, value):
        label = _in_sentence(self.label or "date and time")
        date_part = UKDateField(not_future=False, required=False, label=self.label)
        day = date_part.clean(value[:3] if value else None)
        time_text = (value[3] if value and len(value) > 3 else "") or ""
        if day is None and not time_text:
            if self.required:
                raise ValidationError(f"Enter the {label}")
            return None
        if day is None:
            raise ValidationError(f"The {label} must include a date")
        try:
            hour, minute = (int(p) for p in time_text.strip().replace(".", ":").split(":"))
            moment = dt.datetime.combine(day, dt.time(hour, minute))
        except ValueError:
            raise ValidationError(
                f"The {label} must include a time in 24-hour format, like 16:30"
            ) from None
        aware = timezone.make_aware(moment)
        if self.not_future and aware > timezone.now():
            raise ValidationError(f"The {label} must be now or in the past")
        return aware

    def compress(self, data_list):  # clean() is overridden; kept for MultiValueField's contract
        return data_list


class UKDateTimeWidget(_GovUKDateParts, forms.MultiWidget):
    template_name = "web/widgets/datetime_input.html"
    use_fieldset = True

    def __init__(self, attrs=None) -> None:
        time = forms.TextInput({"class": "govuk-input govuk-input--width-5"})
        super().__init__({**_day_month_year(), "time": time}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value)
            return [local.day, local.month, local.year, local.strftime("%H:%M")]
        return [None, None, None, None]


class GovUKMixin:
    """Adds GOV.UK classes to widgets and marks fields with errors."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if type(widget) is forms.RadioSelect:
                field.widget = GovUKRadios(choices=widget.choices)
            elif type(widget) is forms.CheckboxSelectMultiple:
                field.widget = GovUKCheckboxes(choices=widget.choices)
            elif type(widget) is forms.CheckboxInput:
                raise TypeError(
                    f"Use YesNoField for {field.label!r}: a lone checkbox is not GOV.UK"
                )
            css = next((c for w, c in CLASSES.items() if type(field.widget) is w), None)
            if css:
                field.widget.attrs["class"] = " ".join(
                    filter(None, [field.widget.attrs.get("class"), css])
                )

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "")
            for base, error in ERROR_CLASSES.items():
                if base in classes.split() and error not in classes:
                    widget.attrs["class"] = f"{classes} {error}"


class GovUKForm(GovUKMixin, forms.Form):
    pass


# What a person signs in with is typed as it is: not capitalised or checked for spelling.
_SIGN_IN_INPUT = {
    "class": "govuk-!-width-two-thirds",
    "autocapitalize": "none",
    "spellcheck": "false",
}
_WRONG_LOGIN = "Enter a correct username and password"


class SignInForm(GovUKMixin, AuthenticationForm):
    """Django's sign-in form in GOV.UK dress. A wrong username or password (or an inactive
    account: the page never says which, so it cannot tell anyone an account exists) is shown by
    the username, where the error summary links to."""

    username = UsernameField(
        widget=forms.TextInput(_SIGN_IN_INPUT), error_messages=required("Enter your username")
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput({**_SIGN_IN_INPUT, "autocomplete": "current-password"}),
        error_messages=required("Enter your password"),
    )
    error_messages = {"invalid_login": _WRONG_LOGIN, "inactive": _WRONG_LOGIN}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # GOV.UK asks for no maxlength: it cuts off what is typed without saying so.
        self.fields["username"].widget.attrs.pop("maxlength")

    def clean(self):
        try:
            return super().clean()
        except ValidationError as wrong:
            self.add_error("username", wrong)
            return self.cleaned_data


def date_form(name: str, **options) -> type[GovUKForm]:
    """A form that asks one date (a plan starts or ends, a meeting was held), in the field
    `name`; `options` are UKDateField's (the label at least)."""
    class_name = "".join(part.capitalize() for part in name.split("_")) + "Form"
    return type(GovUKForm)(class_name, (GovUKForm,), {name: UKDateField(**options)})


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a model or service ValidationError on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
