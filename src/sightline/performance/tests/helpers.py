"""Shared helpers for the performance tests."""

from datetime import date

from sightline.performance.engine import children_behind, compute
from sightline.performance.periods import Period

FY2024 = Period.financial_year(2024)  # 1 April 2024 to 31 March 2025
END_FY2024 = date(2025, 3, 31)


def result(indicator_id: str, period: Period = FY2024, as_at: date | None = END_FY2024, **kw):
    """One indicator's result, straight from the records (no snapshot)."""
    return compute([indicator_id], period, as_at, **kw)[0]


def figures(indicator_id: str, period: Period = FY2024, as_at: date | None = END_FY2024):
    """(value, numerator, denominator)."""
    r = result(indicator_id, period, as_at)
    return r.value, r.numerator, r.denominator


def behind(indicator_id: str, part: str, user, **kw):
    """The children behind one part ("numerator" or "denominator") of an indicator's FY2024
    figure, narrowed to those `user` may see."""
    return children_behind(indicator_id, FY2024, part, user, as_at=END_FY2024, **kw)
