"""Shared checks for dated records: the same rules apply to forms, services and imports."""

from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
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


def _follow(record, path: str):
    """The value at a dotted path from a record ("cin_plan.start_date"), or None where a link
    on the way is empty."""
    value = record
    for name in path.split("."):
        try:
            value = getattr(value, name)
        except ObjectDoesNotExist:  # a required link not yet set
            return None
        if value is None:
            return None
    return value


def _compare(record, field: str, path: str) -> tuple[str, date | None, date | None]:
    label = capfirst(record._meta.get_field(field).verbose_name)
    return label, _as_date(getattr(record, field)), _as_date(_follow(record, path))


def check_not_before(record, field: str, path: str, what: str) -> None:
    """A date on a record may not come before a date on a record it links to: `path` leads
    to that date ("cin_episode.referral_date") and `what` names it ("the referral date")."""
    label, value, earliest = _compare(record, field, path)
    if value and earliest and value < earliest:
        raise ValidationError({field: f"{label} must be on or after {what}."})


def check_not_after(record, field: str, path: str, what: str) -> None:
    """The other end of `check_not_before`: not after a date on a linked record (a plan's end)."""
    label, value, latest = _compare(record, field, path)
    if value and latest and value > latest:
        raise ValidationError({field: f"{label} must be on or before {what}."})


def check_together(record, **messages: str) -> None:
    """Fields given together or not at all (an end date and the reason it ended): where some
    are given, the first missing one is refused with its message."""
    given = [name for name in messages if getattr(record, name) not in (None, "")]
    missing = [name for name in messages if name not in given]
    if given and missing:
        raise ValidationError({missing[0]: messages[missing[0]]})


def check_entered(record, **messages: str) -> None:
    """Text that must be entered, not left blank or only spaces: each blank one is refused
    with its message."""
    problems = {
        name: message
        for name, message in messages.items()
        if not (getattr(record, name) or "").strip()
    }
    if problems:
        raise ValidationError(problems)


def check_seen_alone(record) -> None:
    """A visit's child seen alone must have been seen."""
    if record.seen_alone and not record.seen:
        raise ValidationError({"seen_alone": "A child seen alone must also be recorded as seen."})
