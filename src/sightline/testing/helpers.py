"""Plain helpers for tests: posting GOV.UK forms, comparing and checking pages, London times."""

import datetime as dt
import re
from html.parser import HTMLParser

from django.utils import timezone


def date_fields(name: str, value: dt.date) -> dict[str, str]:
    """The day, month and year inputs of a UKDateField, as a browser posts them."""
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def without_csrf(content: bytes) -> bytes:
    """The page without its CSRF tokens, which are masked afresh on every response, so two
    responses can be compared byte for byte."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []  # ids of visible form controls
        self.labelled: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag in ("input", "textarea", "select") and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id") or f"<{tag} name={attrs.get('name')}>")
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])


def unlabelled_controls(html: str) -> list[str]:
    """Form controls on the page with no <label for=...> (what get_by_label relies on)."""
    parser = _Inputs()
    parser.feed(html)
    return [c for c in parser.controls if c not in parser.labelled]


def london(*args: int) -> dt.datetime:
    """datetime(*args) as a wall-clock time in London (the project's time zone)."""
    return timezone.make_aware(dt.datetime(*args))
