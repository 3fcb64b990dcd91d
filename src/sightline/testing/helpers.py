"""Plain helpers for tests: posting GOV.UK forms, comparing and checking pages (refused forms,
records hidden from a worker), London times, the record a request created."""

import datetime as dt
import re
from html.parser import HTMLParser

from django.utils import timezone

from sightline.access.models import AuditEvent


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


def assert_looks_missing(client, url: str, missing_url: str) -> None:
    """`url` answers `client` exactly as an address with no record behind it does: the same 404,
    body and all (bar the per-page CSRF token), so nobody outside a child's circle can learn by
    trying addresses that the child or record exists."""
    shown, missing = client.get(url), client.get(missing_url)
    assert shown.status_code == missing.status_code == 404
    assert without_csrf(shown.content) == without_csrf(missing.content)


def london(*args: int) -> dt.datetime:
    """datetime(*args) as a wall-clock time in London (the project's time zone)."""
    return timezone.make_aware(dt.datetime(*args))


def error_page(response) -> str:
    """The HTML of a refused form: shown again (200, not a redirect) under a title that starts
    "Error:", as GOV.UK asks, so a screen reader says at once that something needs putting right."""
    html = response.content.decode()
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    assert "<title>Error: " in html
    return html


def created_and_audited(model):
    """The one `model` record there is, after checking that its creation is on the audit trail
    (every record a practitioner adds is)."""
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.CREATE, object_type=model._meta.label
    ).exists(), f"no audit event for a new {model._meta.label}"
    return model.objects.get()
