"""UK date display for dates and date-times alike (a timescale may be either)."""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def uk_moment(value: date | datetime | None) -> str:
    """25/12/2026 for a date; 25/12/2026 14:05 for a date-time (London time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
