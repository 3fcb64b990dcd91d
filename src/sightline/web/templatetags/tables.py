"""GOV.UK table pieces for templates, so a page lists a table's headings, not their markup.

{% load tables %}
{% table_head "Child" "Received" numeric="Days waiting" hidden="Action" %}
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

HEADER = '<th scope="col" class="govuk-table__header{}">{}</th>'


@register.simple_tag
def table_head(*headings: str, numeric: str = "", hidden: str = "") -> SafeString:
    """A GOV.UK table's head row: the `headings` in order; then the `numeric` ones, separated by
    "|", right-aligned above their numbers; then a `hidden` heading only screen readers announce,
    for a last column of links or buttons. (A table whose numbers sit between other columns, or
    whose columns depend on the page, writes its head out in full.)"""
    cells = [("", heading) for heading in headings]
    cells += [
        (" govuk-table__header--numeric", heading) for heading in numeric.split("|") if heading
    ]
    if hidden:
        cells.append(("", format_html('<span class="govuk-visually-hidden">{}</span>', hidden)))
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">\n{}\n</tr></thead>',
        format_html_join("\n", HEADER, cells),
    )
