"""Reporting periods: a month, a quarter, a financial year, the rolling 12 months, any range.

A period is a closed range of dates, `start` to `end` inclusive. Flow indicators (assessments
completed, referrals received) count events dated in the period; stock indicators (children
looked after, children on a plan) count on one day, the as-at date, which defaults to the
period's end (or today, for a period not yet over).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from sightline.web.dates import long_date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def financial_year_of(d: date) -> int:
    """The financial year (1 April Y to 31 March Y+1) containing `d`, as Y."""
    return d.year if d.month >= 4 else d.year - 1


def latest_complete_financial_year(d: date) -> int:
    """The latest financial year that has ended by the end of `d` (so on 31 March, the one
    ending that day), as Y. The CIN census for it is census year Y + 1."""
    return d.year - 1 if d >= date(d.year, 3, 31) else d.year - 2


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = "range"  # month, quarter, financial_year, financial_year_to_date, rolling_12_months

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period must end on or after its start")

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = date(year, month, 1)
        return cls(start, start + relativedelta(months=1, days=-1), "month")

    @classmethod
    def quarter(cls, financial_year: int, number: int) -> Period:
        """Quarter 1 is April to June of `financial_year`; quarter 4 is January to March."""
        if number not in (1, 2, 3, 4):
            raise ValueError("a quarter is numbered 1 to 4")
        start = date(financial_year, 4, 1) + relativedelta(months=3 * (number - 1))
        return cls(start, start + relativedelta(months=3, days=-1), "quarter")

    @classmethod
    def financial_year(cls, year: int) -> Period:
        return cls(date(year, 4, 1), date(year + 1, 3, 31), "financial_year")

    @classmethod
    def financial_year_to_date(cls, today: date) -> Period:
        return cls(date(financial_year_of(today), 4, 1), today, "financial_year_to_date")

    @classmethod
    def rolling_12_months(cls, end: date) -> Period:
        return cls(end - relativedelta(years=1) + timedelta(days=1), end, "rolling_12_months")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        return cls(start, end, "range")

    # -- facts --------------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_a_year(self) -> bool:
        """A whole year, for which a "per 10,000 a year" rate needs no scaling."""
        return self.start + relativedelta(years=1) - timedelta(days=1) == self.end

    @property
    def year_fraction(self) -> float:
        """How much of a year the period is, to put flow rates on a yearly footing."""
        return 1.0 if self.is_a_year else self.days / 365

    def default_as_at(self, today: date) -> date:
        return min(self.end, today)

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == "quarter":
            fy = financial_year_of(self.start)
            number = (self.start.month - 4) % 12 // 3 + 1
            return f"Quarter {number} of {fy}-{str(fy + 1)[-2:]} ({_span(self.start, self.end)})"
        if self.kind == "financial_year":
            return f"Financial year {self.start.year}-{str(self.start.year + 1)[-2:]}"
        if self.kind == "financial_year_to_date":
            fy = self.start.year
            return f"Financial year {fy}-{str(fy + 1)[-2:]} to {long_date(self.end)}"
        if self.kind == "rolling_12_months":
            return f"12 months to {long_date(self.end)}"
        return _span(self.start, self.end)


def last_12_months(as_at: date) -> list[Period]:
    """The 12 calendar months up to and including the one containing `as_at` (that one cut at
    `as_at`), oldest first: the trend shown beside each indicator."""
    months = []
    for back in range(11, -1, -1):
        first = date(as_at.year, as_at.month, 1) - relativedelta(months=back)
        month = Period.month(first.year, first.month)
        if month.end > as_at:
            month = Period(month.start, as_at, "month")
        months.append(month)
    return months


def _span(start: date, end: date) -> str:
    return f"{long_date(start)} to {long_date(end)}"


def parse_period(text: str, today: date) -> Period:
    """A period from the dashboard's choice: "fytd", "fy-2025", "q-2025-1", "m-2025-04",
    "r12" (12 months to today), or "range-2025-04-01-2025-06-30". Raises ValueError."""
    parts = (text or "fytd").split("-")
    kind = parts[0]
    if kind == "fytd" and len(parts) == 1:
        return Period.financial_year_to_date(today)
    if kind == "r12" and len(parts) == 1:
        return Period.rolling_12_months(today)
    numbers = [int(p) for p in parts[1:]]
    if kind == "fy" and len(numbers) == 1:
        return Period.financial_year(numbers[0])
    if kind == "q" and len(numbers) == 2:
        return Period.quarter(numbers[0], numbers[1])
    if kind == "m" and len(numbers) == 2:
        return Period.month(numbers[0], numbers[1])
    if kind == "range" and len(numbers) == 6:
        return Period.between(date(*numbers[:3]), date(*numbers[3:]))
    raise ValueError(f"not a period: {text!r}")


def period_code(period: Period) -> str:
    """The inverse of `parse_period` for the kinds it knows."""
    if period.kind == "financial_year_to_date":
        return "fytd"
    if period.kind == "rolling_12_months":
        return "r12"
    if period.kind == "financial_year":
        return f"fy-{period.start.year}"
    if period.kind == "quarter":
        fy = financial_year_of(period.start)
        return f"q-{fy}-{(period.start.month - 4) % 12 // 3 + 1}"
    if period.kind == "month":
        return f"m-{period.start.year}-{period.start.month:02d}"
    s, e = period.start, period.end
    return f"range-{s.year}-{s.month:02d}-{s.day:02d}-{e.year}-{e.month:02d}-{e.day:02d}"
