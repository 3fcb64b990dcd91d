"""Server-side charts: a Vega-Lite spec drawn to SVG by vl-convert, with no JavaScript.

The SVG is made an accessible image (role="img" with a <title> and <desc> that say what it
shows); the page puts the same numbers in a table beside it, so nothing is only in the chart.
"""

from __future__ import annotations

import re
from html import escape

import vl_convert

from .periods import Period

BLUE = "#1d70b8"  # GOV.UK blue
GREY = "#505a5f"  # GOV.UK secondary text
GREEN = "#00703c"  # GOV.UK green


def _month_label(month: Period) -> str:
    return f"{month.start:%b %Y}"


def trend_spec(
    title: str,
    unit_title: str,
    points: list[tuple[Period, float | None]],
    england: float | None = None,
    target: float | None = None,
) -> dict:
    data = [{"month": _month_label(m), "value": v} for m, v in points]
    order = [row["month"] for row in data]
    layers: list[dict] = [
        {
            "mark": {"type": "line", "point": {"filled": True, "size": 50}, "color": BLUE},
            "encoding": {
                "x": {
                    "field": "month",
                    "type": "ordinal",
                    "sort": order,
                    "title": "Month",
                    "axis": {"labelAngle": -45},
                },
                "y": {"field": "value", "type": "quantitative", "title": unit_title},
            },
        }
    ]
    for value, colour, dash in ((england, GREY, [6, 4]), (target, GREEN, [2, 2])):
        if value is not None:
            layers.append(
                {
                    "data": {"values": [{"level": value}]},
                    "mark": {"type": "rule", "color": colour, "strokeDash": dash, "size": 2},
                    "encoding": {"y": {"field": "level", "type": "quantitative"}},
                }
            )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 560,
        "height": 220,
        "data": {"values": data},
        "layer": layers,
        "config": {"font": "Arial", "axis": {"labelFontSize": 12, "titleFontSize": 13}},
    }


def describe(
    name: str,
    points: list[tuple[Period, str]],
    england_text: str = "",
    target_text: str = "",
) -> str:
    values = "; ".join(f"{m.start:%B %Y}: {text}" for m, text in points)
    extra = []
    if england_text:
        extra.append(f"England's figure, {england_text}, is drawn as a grey dashed line")
    if target_text:
        extra.append(f"the local target, {target_text}, as a green dotted line")
    tail = (". " + " and ".join(extra) + ".") if extra else "."
    return f"{name}, month by month. {values}{tail}"


def accessible_svg(spec: dict, title: str, description: str, ident: str) -> str:
    """The chart as inline SVG with role="img", a <title> and a <desc>."""
    svg = vl_convert.vegalite_to_svg(spec)
    # The whole chart is one image, described by its title, desc and the table beside it, so
    # Vega's per-mark ARIA roles (graphics-symbol, with no names) are removed, not left unnamed.
    svg = re.sub(
        r'\s(?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*"|aria-label="[^"]*")', "", svg
    )
    # Drop the fixed size so the chart scales to its container (the viewBox keeps its shape).
    svg = re.sub(r'^<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)
    opening = f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false"'
    svg = svg.replace("<svg", opening, 1)
    svg = svg.replace('class="marks"', 'class="marks performance-chart__svg"', 1)
    end_of_tag = svg.index(">") + 1
    labels = (
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    return svg[:end_of_tag] + labels + svg[end_of_tag:]
