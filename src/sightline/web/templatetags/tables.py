"""The GOV.UK table as one template tag, so a page says what its table holds, not its markup.

{% load tables %}
{% table rows caption="Teams" head="Team|Service" numeric="Workers" empty="No teams." %}
  {% for row in rows %}<tr class="govuk-table__row">...</tr>{% endfor %}
{% endtable %}

draws the caption, the head and the body around the rows; or, when `rows` is given and empty,
only the `empty` message, as a paragraph (nothing if there is none). Without `rows` the table is
always drawn (one whose rows say "nothing recorded" themselves, with `{% empty %}`).

- `head` names the columns in order, separated by "|"; then `numeric` the right-aligned columns
  that follow them, above their numbers; then `hidden` a last column only screen readers
  announce, for links or buttons. An empty heading is left out, so
  `hidden=may_change|yesno:"Action,"` draws that column only for someone who may change things.
- `caption_classes` sizes the caption ("govuk-table__caption--m") or hides it where a heading
  above already says it ("govuk-visually-hidden"); `classes` adds to the table's own classes.
- A caption built from values is written first inside the tag, as
  `{% caption %}{{ rows|length }} teams{% endcaption %}`. A head whose numbers sit between other
  columns, or whose columns depend on the page, is written out next, as its row of
  `<th scope="col">` cells in `{% head %}...{% endhead %}`.
"""

from django import template
from django.template import TemplateSyntaxError
from django.template.base import FilterExpression, NodeList, Parser, TextNode, Token, token_kwargs
from django.template.context import Context
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()

OPTIONS = {"caption", "caption_classes", "classes", "head", "numeric", "hidden", "empty"}
# The parts that may be written out inside the tag, in the page's order, each with its end tag
# and the options it stands in for.
PARTS = {
    "caption": ("endcaption", {"caption"}),
    "head": ("endhead", {"head", "numeric", "hidden"}),
}
HEADER = '<th scope="col" class="govuk-table__header{}">{}</th>'


def head_row(headings: list[str], numeric: list[str], hidden: str) -> SafeString:
    """The head's row of headings, numeric headings and a hidden one; "" if there are none."""
    cells = [("", heading) for heading in headings if heading]
    cells += [(" govuk-table__header--numeric", heading) for heading in numeric if heading]
    if hidden:
        cells.append(("", format_html('<span class="govuk-visually-hidden">{}</span>', hidden)))
    if not cells:
        return SafeString()
    return format_html(
        '<tr class="govuk-table__row">\n{}\n</tr>', format_html_join("\n", HEADER, cells)
    )


def safe(nodes: NodeList, context: Context) -> SafeString:
    """What the template itself renders: escaped as it rendered, so safe as it is."""
    return mark_safe(nodes.render(context))  # noqa: S308


def headings(names: str) -> list[str]:
    """The headings in "A|B": as the template wrote them (safe) if it wrote them itself."""
    split = names.split("|")
    return [mark_safe(name) for name in split] if isinstance(names, SafeData) else split  # noqa: S308


def joined(*classes: str) -> str:
    return " ".join(name for name in classes if name)


class TableNode(template.Node):
    def __init__(
        self,
        rows: FilterExpression | None,
        options: dict[str, FilterExpression],
        parts: dict[str, NodeList],
        body: NodeList,
    ) -> None:
        self.rows, self.options, self.parts, self.body = rows, options, parts, body

    def option(self, name: str, context: Context) -> str:
        value = self.options[name].resolve(context) if name in self.options else None
        return "" if value is None else str(value)

    def render(self, context: Context) -> str:
        if self.rows is not None and not self.rows.resolve(context):
            empty = self.option("empty", context)
            return format_html('<p class="govuk-body">{}</p>', empty) if empty else ""
        written = {name: safe(part, context) for name, part in self.parts.items()}
        caption = written.get("caption", self.option("caption", context))
        head = written.get("head") or head_row(
            headings(self.option("head", context)),
            headings(self.option("numeric", context)),
            self.option("hidden", context),
        )
        caption_classes = joined("govuk-table__caption", self.option("caption_classes", context))
        return format_html(
            '<table class="{}">\n{}{}<tbody class="govuk-table__body">{}</tbody>\n</table>',
            joined("govuk-table", self.option("classes", context)),
            format_html('<caption class="{}">{}</caption>\n', caption_classes, caption)
            if caption
            else "",
            format_html('<thead class="govuk-table__head">{}</thead>\n', head) if head else "",
            safe(self.body, context),
        )


def only_space(nodes: NodeList) -> bool:
    return all(isinstance(node, TextNode) and not node.s.strip() for node in nodes)


@register.tag("table")
def table(parser: Parser, token: Token) -> TableNode:
    """{% table [rows] key=value ... %} [{% caption %}...{% endcaption %}]
    [{% head %}...{% endhead %}] the rows {% endtable %}: see the module's docstring."""
    bits = token.split_contents()[1:]
    rows = parser.compile_filter(bits.pop(0)) if bits and "=" not in bits[0] else None
    options = token_kwargs(bits, parser, support_legacy=False)
    if bits or options.keys() - OPTIONS:
        raise TemplateSyntaxError(
            f"{{% table %}} takes the rows, then key=value for any of {', '.join(sorted(OPTIONS))}:"
            f" {{% {token.contents} %}}"
        )
    parts: dict[str, NodeList] = {}
    while True:
        nodes = parser.parse(("endtable", *PARTS))
        name = parser.next_token().contents
        if name == "endtable":
            return TableNode(rows, options, parts, nodes)
        end, stands_for = PARTS[name]
        this_or_later = set(list(PARTS)[list(PARTS).index(name) :])
        if options.keys() & stands_for or parts.keys() & this_or_later or not only_space(nodes):
            raise TemplateSyntaxError(
                f"{{% {name} %}} is written once, before the rows (a caption before a head), "
                f"and instead of {', '.join(sorted(stands_for))}=...: {{% {token.contents} %}}"
            )
        parts[name] = parser.parse((end,))
        parser.delete_first_token()
