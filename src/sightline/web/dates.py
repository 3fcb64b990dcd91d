"""Dates as the GOV.UK style guide writes them in sentences: "26 November 2026"."""

from datetime import date


def long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"
