"""The period each Annex A list covers, counted back from the inspection date ("as at").

Ofsted's ILACS guidance asks for child-level lists covering the months before the inspection:
six months for the front door and the help-and-protection lists, and a year for adoption (the
adoption lists are small and move slowly, so a longer look back is needed to see a child's
journey). Care leavers are the young people the council supports on the day. The rule for
each list is declared once, here, in `PERIODS`; the export reads it and the tests check a
record just inside and just outside every window. (The guidance's own template was not in the
reference material this was built from: each rule is the Ofsted wording as the project reads
it, and changing one is a one-line change here.)

A window of N months ends with the as-at date and starts N months before the day after it:
as at 31 March 2026, six months is 1 October 2025 to 31 March 2026; as at 30 September 2025,
1 April to 30 September 2025; as at 15 June, 16 December to 15 June (both ends included).

- List 1, contacts: every contact received in the 6 months.
- List 2, early help: every early help assessment open at any point in the 6 months (started
  on or before the as-at date and not completed before the window began).
- List 3, referrals: every referral received in the 6 months.
- List 4, assessments: every assessment open at any point in the 6 months (open until it is
  authorised or its referral closes).
- List 5, section 47 enquiries: every enquiry whose strategy discussion (or, with none linked,
  its start) fell in the 6 months.
- List 6, children in need: every CIN episode open at any point in the 6 months (a referral
  closed with no further action is on list 3 only).
- List 7, child protection: every child protection plan open at any point in the 6 months.
- List 8, children in care: every period of care open at any point in the 6 months (periods
  made only of short breaks, legal status V3 or V4, are left out).
- List 9, care leavers: every young person with a pathway plan open on the as-at date.
- List 10, adoption: every child with a decision that they should be placed for adoption whose
  adoption was still in progress at any point in the 12 months (decided on or before the
  as-at date, not adopted or stopped before the window began).
- List 11, adopters: prospective adopters in the 12 months (Sightline holds none: headers only).

Counts such as "number of referrals in the last 12 months" look back 12 months from the date
of the record on the row (see `export.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# How far back the "in the last 12 months" counts and flags look.
TWELVE_MONTHS = 12
SIX_MONTHS = 6


@dataclass(frozen=True)
class ListPeriod:
    months: int | None  # None: on the as-at date only
    rule: str


PERIODS: dict[int, ListPeriod] = {
    1: ListPeriod(SIX_MONTHS, "contacts received in the period"),
    2: ListPeriod(SIX_MONTHS, "early help assessments open at any point in the period"),
    3: ListPeriod(SIX_MONTHS, "referrals received in the period"),
    4: ListPeriod(SIX_MONTHS, "assessments open at any point in the period"),
    5: ListPeriod(SIX_MONTHS, "section 47 enquiries started in the period"),
    6: ListPeriod(SIX_MONTHS, "CIN episodes open at any point in the period"),
    7: ListPeriod(SIX_MONTHS, "child protection plans open at any point in the period"),
    8: ListPeriod(SIX_MONTHS, "periods of care open at any point in the period"),
    9: ListPeriod(None, "young people with a pathway plan open on the as-at date"),
    10: ListPeriod(TWELVE_MONTHS, "adoption journeys open at any point in the period"),
    11: ListPeriod(TWELVE_MONTHS, "prospective adopters in the period (none held)"),
}


@dataclass(frozen=True)
class Window:
    """Both ends included."""

    start: date
    end: date

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """A record running from `start` to `end` (None: still open) touches the window."""
        return start is not None and start <= self.end and (end is None or end >= self.start)

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"


def months_before(as_at: date, months: int) -> Window:
    """The `months` months up to and including `as_at`."""
    return Window(as_at + timedelta(days=1) - relativedelta(months=months), as_at)


def window_for(list_number: int, as_at: date) -> Window:
    months = PERIODS[list_number].months
    return Window(as_at, as_at) if months is None else months_before(as_at, months)


def twelve_months_before(day: date) -> Window:
    """The 12 months up to and including `day` (for the "in the last 12 months" counts)."""
    return months_before(day, TWELVE_MONTHS)
