"""Shared checks for dated records: the same rules apply to forms, services and imports."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def check_dates(record, *pairs: tuple[str, str], not_future: tuple[str, ...] = ()) -> None:
    """Refuse end-before-start pairs and dates in the future, naming each field.

    `pairs` are (earlier_field, later_field); a missing value on either side is not checked.
    """
    problems: dict[str, str] = {}
    today = timezone.localdate()
    for name in not_future:
        value = _as_date(getattr(record, name))
        if value and value > today:
            label = record._meta.get_field(name).verbose_name
            problems[name] = f"{capfirst(label)} must be today or in the past."
    for earlier, later in pairs:
        first, second = _as_date(getattr(record, earlier)), _as_date(getattr(record, later))
        if first and second and second < first and later not in problems:
            first_label = record._meta.get_field(earlier).verbose_name
            later_label = record._meta.get_field(later).verbose_name
            problems[later] = f"{capfirst(later_label)} must be on or after the {first_label}."
    if problems:
        raise ValidationError(problems)


def check_same_child(record, *relations: str) -> None:
    """A record linked to another record must be about the same child."""
    for name in relations:
        related = getattr(record, name, None)
        if related is not None and related.child_id != record.child_id:
            label = record._meta.get_field(name).verbose_name
            raise ValidationError({name: f"The {label} is about a different child."})
