"""The `{% table %}` tag draws a GOV.UK table around a page's rows: caption, head and body, or
only what to say when there is nothing to list."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    html = Template("{% load tables %}" + source).render(Context(context))
    return re.sub(r">\s+<", "><", html).strip()


ROWS = (
    '{% for name in rows %}<tr class="govuk-table__row">'
    '<td class="govuk-table__cell">{{ name }}</td></tr>{% endfor %}'
)


def test_a_table_has_its_caption_head_and_rows():
    html = render(
        '{% table rows caption="Teams" caption_classes="govuk-table__caption--m" '
        'head="Team|Service" numeric="Workers" hidden="Action" empty="No teams." %}'
        + ROWS
        + "{% endtable %}",
        rows=["Hillside", "Riverside"],
    )
    assert html == (
        '<table class="govuk-table">'
        '<caption class="govuk-table__caption govuk-table__caption--m">Teams</caption>'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Team</th>'
        '<th scope="col" class="govuk-table__header">Service</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Workers</th>'
        '<th scope="col" class="govuk-table__header">'
        '<span class="govuk-visually-hidden">Action</span></th>'
        "</tr></thead>"
        '<tbody class="govuk-table__body">'
        '<tr class="govuk-table__row"><td class="govuk-table__cell">Hillside</td></tr>'
        '<tr class="govuk-table__row"><td class="govuk-table__cell">Riverside</td></tr>'
        "</tbody></table>"
    )


def test_with_nothing_to_list_it_says_so_instead_of_drawing_an_empty_table():
    source = '{% table rows caption="Teams" head="Team" empty="No teams." %}' + ROWS
    assert render(source + "{% endtable %}", rows=[]) == '<p class="govuk-body">No teams.</p>'
    # With nothing to say, nothing at all.
    assert render('{% table rows caption="Teams" head="Team" %}{% endtable %}', rows=[]) == ""


def test_a_table_without_rows_to_test_is_always_drawn():
    html = render('{% table caption="Now" %}<tr class="govuk-table__row"></tr>{% endtable %}')
    assert html.startswith('<table class="govuk-table"><caption class="govuk-table__caption">')
    assert "<thead" not in html  # no headings, no head


def test_a_caption_and_head_can_be_written_out_from_the_page_values():
    html = render(
        '{% table rows classes="govuk-table--small-text-until-tablet" %}'
        "{% caption %}{{ rows|length }} team{{ rows|length|pluralize }}{% endcaption %}"
        '{% head %}<tr class="govuk-table__row"><th scope="col">{{ label }}</th></tr>{% endhead %}'
        + ROWS
        + "{% endtable %}",
        rows=["Hillside", "Riverside"],
        label="Team & service",
    )
    assert html.startswith(
        '<table class="govuk-table govuk-table--small-text-until-tablet">'
        '<caption class="govuk-table__caption">2 teams</caption>'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col">Team &amp; service</th></tr></thead>'
    )


def test_values_from_the_page_are_escaped_and_an_empty_heading_left_out():
    html = render(
        '{% table caption=caption head="Team" hidden=may_change|yesno:"Action," %}{% endtable %}',
        caption="<b>Teams</b>",
        may_change=False,
    )
    assert "&lt;b&gt;Teams&lt;/b&gt;" in html
    assert "Action" not in html


@pytest.mark.parametrize(
    "inside",
    [
        pytest.param('rows title="Teams" %}', id="an option it does not know"),
        pytest.param('rows caption="Teams" %}{% caption %}T{% endcaption %}', id="two captions"),
        pytest.param('rows head="Team" %}{% head %}<tr></tr>{% endhead %}', id="two heads"),
        pytest.param("rows %}<tr></tr>{% caption %}T{% endcaption %}", id="a caption after rows"),
        pytest.param(
            "rows %}{% head %}<tr></tr>{% endhead %}{% caption %}T{% endcaption %}",
            id="a caption after the head",
        ),
    ],
)
def test_a_table_written_wrongly_is_an_error_when_the_template_loads(inside):
    with pytest.raises(TemplateSyntaxError):
        render("{% table " + inside + "{% endtable %}", rows=["Hillside"])
