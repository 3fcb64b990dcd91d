"""Template filters for performance pages: numbers shown the way each indicator is measured."""

from django import template

from ..selectors import format_value

register = template.Library()


@register.filter
def as_indicator(value, indicator) -> str:
    """`{{ row.value|as_indicator:indicator }}`: "72.4%", "522.4", "32 working days"."""
    return format_value(indicator, value)


@register.filter
def whole(value) -> str:
    """A count with thousands separators; a dash when there is none."""
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
