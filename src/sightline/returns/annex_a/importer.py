"""Loading a council's Annex A workbook into Sightline (onboarding).

Annex A is a summary, not a case record, so it can create only what it carries. The rules, so
a council knows what it will get:

- The whole workbook loads in ONE transaction. A file that is not an .xlsx workbook, has no
  Annex A sheet, or has two sheets for one list is refused and nothing is loaded (see
  `workbook.py` for how sheets, headers and cells are recognised).
- Rows are grouped by Child Unique ID. A child's rows on every list load together or not at
  all: if any of them has a problem (a value that cannot be read, a blank where Sightline needs
  a value, a record the model's own `full_clean()` refuses, a record with no referral to belong
  to, or details such as the date of birth that disagree between lists), none of the child's
  rows is loaded, and every problem is reported with the sheet, row number, child ID and
  column. A row with no child ID is rejected on its own.
- A child already in Sightline (same council ID) is matched, not changed; a record the child
  already has (a referral on the same date, a plan with the same start, ...) is left alone, so
  loading the same workbook twice changes nothing.
- Annex A has no names: a new child is "Not known <child ID>" until a worker names them.
  Disability "Yes" is recorded as the DfE code DDA (other), "No" as NONE.

What each list creates:
- List 1: a contact on the date (time not known: midnight) from the source. Annex A holds no
  decision, what was reported or consent: the contact has no decision (it waits for one on
  the front door's lists), "Not recorded in Annex A" for who reported it and what, and consent
  "not sought" (there is no "not known" choice), each flagged in the report.
- Lists 3 and 6: one referral (CIN episode) per child and referral date: list 3 gives the
  source and "no further action"; list 6 (CIN Start Date) the primary need, closure date and
  reason. A referral only on list 6 has source 10 (unknown); a referral with no further
  action that is not on list 6 is closed on its referral date with reason RC8.
- List 4: an assessment (start, authorisation) on the child's referral open on its start date.
- List 5: a section 47 enquiry starting on the strategy discussion date given (no strategy
  discussion record is made), "ICPC not required", and its initial conference with whether a
  plan was made (else: whether list 7 has a plan starting that day).
- List 7: a child protection plan on the child's referral (linked to the conference that day),
  its latest review conference, and its last statutory visit (the child seen; seen alone as
  the list says). Previous plans beyond those Sightline holds for the child are kept on the
  plan as plans held elsewhere.
- List 8: a period of care rebuilt as episodes: from the date started to be looked after (S),
  a new episode where the current legal status started (L), where the latest placement
  started (P), or both (B) (a blank start date is taken as the period's start); each episode
  carries the current legal status, category of need and placement, since Annex A gives only
  the current ones; the last ends on the date ceased with its reason. The placement postcode
  must be a UK postcode (Annex A does not allow it blank). Also the latest review, the last
  visit (the child seen, not alone: Annex A does not say), the last health assessment (initial
  if within 28 days of coming into care, else a review) and the last dental check.
- List 9: a keeping-in-touch record on the latest date of contact (in touch, activity and
  accommodation, type and suitability being one SSDA903 code), and a pathway plan starting
  on the latest review date.
- List 10: the adoption dates and the reason the child should no longer be placed.

Not loaded: list 2 (early help: Annex A gives the assessment but not the early help episode
Sightline hangs it from), list 11 (Sightline holds no prospective adopters), and the columns in
`NOT_STORED` (worked out by Sightline on export, or not held). The report counts them.

One audit event (ANNEX_A_IMPORTED) records the import and its counts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction

from sightline.access.audit import EventType
from sightline.assessments.models import Assessment
from sightline.care.models import AdoptionProcess, CareEpisode, CareReview, CareVisit, HealthCheck
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact
from sightline.leaving_care.models import CareLeaverContact, PathwayPlan
from sightline.people.models import Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    InitialChildProtectionConference,
    Section47Enquiry,
)

from .. import loading
from ..loading import UNKNOWN_FIRST_NAME, kept_for_checking, load_child, record_import
from .schema import annex_a_lists, annex_list
from .values import coding, read_suitability, read_yes_no
from .workbook import SheetRow, read_workbook

LONDON = ZoneInfo("Europe/London")
NOT_RECORDED = "Not recorded in Annex A"
UNKNOWN_SOURCE = "10"
NFA_CLOSURE = "RC8"
DISABLED_OTHER = "DDA"
INITIAL_HEALTH_DAYS = 28
EXCEL_EPOCH = date(1899, 12, 30)
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")

ALLOCATION = "an allocation needs a worker and a start date; Annex A gives names only"
WORKED_OUT = "worked out from the records on export"
NOT_STORED: dict[int, dict[str, str]] = {
    3: {
        "Number of Referrals in Last 12 Months": WORKED_OUT,
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    4: {
        "Child Seen During Continuous Assessment": "Annex A gives no date the child was seen",
        "Was the child assessed as requiring LA children's social care support?": (
            "Annex A's yes or no does not say which outcome the assessment had"
        ),
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    5: {
        "Number of Section 47 Enquiries in the last 12 months": WORKED_OUT,
        "Number of ICPCs in the last 12 months": WORKED_OUT,
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    6: {
        "Date Child Was Last Seen": "Annex A does not say which visit it was",
        "Case Status": WORKED_OUT,
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    7: {
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)": WORKED_OUT + " (legal statuses L1 and L2)",
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    8: {
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (
            "Annex A gives no dates for the child's UASC status"
        ),
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)": WORKED_OUT,
        "What is the permanence plan for this child?": "Sightline has no field for it",
        "Date of Last IRO Visit / Contact to the Child": "Sightline holds no IRO visits",
        "Number of Placements in the Last 12 months": WORKED_OUT,
        "Placement Location": "Sightline has no field for it",
        "LA of Placement": "Sightline has no field for it",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
        "months": "Annex A gives a count, not the episodes",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 "
        "months": "Annex A gives a count, not the episodes",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?": (
            "Annex A gives no missing episode to attach it to"
        ),
        "Did the child accept a Return Interview after their last missing episode (Y/N)?": (
            "Annex A gives no missing episode to attach it to"
        ),
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
    },
    9: {
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": (
            "Annex A gives no dates for the young person's UASC status"
        ),
        "Allocated Team": ALLOCATION,
        "Allocated Worker": ALLOCATION,
        "Allocated Personal Advisor": ALLOCATION,
        "Eligibility Category": WORKED_OUT + " (from age and care status)",
    },
    10: {
        "Family identifier": "Sightline has no field for it",
        "Date the Child Entered Care": "comes from the periods of care (list 8)",
        "Date the child was placed for fostering in FFA or concurrent planning placement": (
            "comes from the placements (list 8)"
        ),
    },
}
NOT_LOADED_LISTS = {
    2: "early help: Annex A gives the assessment but not the early help episode it belongs to",
    11: "prospective adopters: Sightline does not hold them",
}


# What the report tells the council about records Annex A could not give in full: each note
# when its count is not nought.
SUMMARY_NOTES = {
    "contacts": (
        "{n} contacts have no decision, reporter, summary or consent in Annex A: they wait for "
        "a decision on the front door's lists, and consent is recorded as not sought; check "
        "each against the council's previous system."
    ),
    "referral_source_unknown": (
        "{n} referrals are on List 6 but not List 3: their referral source is recorded as 10 "
        "(unknown)."
    ),
    "disability_yes": (
        '{n} new children have a disability ("Yes"): recorded as the DfE code DDA (other) '
        "until a worker records which on the child's Details and family page "
        "(/children/<council ID>/details/change/disabilities/)."
    ),
}


@dataclass(frozen=True)
class Rejection:
    """One reason a child's rows were not loaded."""

    sheet: str
    row: int | None
    child_id: str
    column: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.sheet} row {self.row}" if self.row else self.sheet
        return f"{where}, child {self.child_id}, {self.column}: {self.problem}"


@dataclass
class ImportReport(loading.ImportReport):
    rejected_heading = "Rejected (the child's rows are all left out; fix them and load again):"

    rows_read: Counter = field(default_factory=Counter)  # list number -> rows
    not_stored: Counter = field(default_factory=Counter)  # (list, column, why) -> values

    def summary_lines(self) -> list[str]:
        c = self.counts
        lists = annex_a_lists()
        read = ", ".join(
            f"{lists[n].sheet_name} {self.rows_read[n]}" for n in sorted(self.rows_read)
        )
        return [
            f"Read {self.path.name}: rows {read or 'none'}.",
            f"{self.children_in_file} children: {self.outcome()}",
            f"  Created {c['contacts']} contacts, {c['referrals']} referrals, "
            f"{c['assessments']} assessments, {c['section47s']} section 47 enquiries, "
            f"{c['conferences']} initial conferences, {c['cp_plans']} child protection plans "
            f"({c['cp_reviews']} reviews, {c['cp_visits']} visits), {c['care_episodes']} "
            f"episodes of care in {c['care_periods']} periods ({c['care_reviews']} reviews, "
            f"{c['care_visits']} visits, {c['health_checks']} health and dental checks), "
            f"{c['care_leaver_contacts']} care leaver contacts, {c['pathway_plans']} pathway "
            f"plans, {c['adoptions']} adoptions; {c['already_held']} records already held.",
        ]

    def not_stored_lines(self) -> list[str]:
        if not self.not_stored:
            return []
        lists = annex_a_lists()
        return ["Read but not stored (Annex A cannot give Sightline these):"] + [
            f"  {lists[number].sheet_name} {column!r}: {count} values ({why})."
            for (number, column, why), count in sorted(self.not_stored.items())
        ]


def _child_id(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def parse_date(value: object) -> tuple[date | None, str | None]:
    """(the date a cell holds, problem): Excel dates, serial numbers and written dates."""
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(value)), None
        return None, f"{_cell_text(value)!r} is not a date"
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    try:
        return date.fromisoformat(text[:10]), None
    except ValueError:
        return None, f"{text!r} is not a date (dd/mm/yyyy)"


class _Row:
    """One sheet row, read column by column; every problem is kept against the column."""

    def __init__(self, row: SheetRow, child_id: str, problems: list[Rejection]) -> None:
        self.row = row
        self.child_id = child_id
        self.problems = problems
        self.annex = annex_list(row.list_number)

    @property
    def sheet(self) -> str:
        return self.row.sheet

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Rejection(self.sheet, self.row.row, self.child_id, column, message))

    def raw(self, column: str) -> object:
        return self.row.cells.get(column)

    def blank(self, column: str) -> bool:
        return self.raw(column) is None

    def _needed(self, column: str, required: bool) -> bool:
        if self.blank(column):
            if required:
                self.problem(column, "blank: Sightline needs it to load this row")
            return False
        return True

    def date(self, column: str, required: bool = False) -> date | None:
        if not self._needed(column, required):
            return None
        value, problem = parse_date(self.raw(column))
        if problem:
            self.problem(column, problem)
        return value

    def code(self, column: str, name: str, required: bool = False) -> str | None:
        if not self._needed(column, required):
            return None
        reading = coding(name).read(self.raw(column))
        if reading.problem:
            self.problem(column, reading.problem)
        return reading.code

    def yes_no(self, column: str, required: bool = False) -> bool | None:
        if not self._needed(column, required):
            return None
        value, problem = read_yes_no(self.annex.column(column), self.raw(column))
        if problem:
            self.problem(column, problem)
        return value

    def count(self, column: str) -> int | None:
        """A whole number, 0 or more (Excel may hold it as 2.0 or as text)."""
        if self.blank(column):
            return None
        value = self.raw(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(column, f"{_cell_text(value)!r} is not a whole number, 0 or more")
            return None
        return value

    def text(self, column: str) -> str:
        value = self.raw(column)
        return "" if value is None else _cell_text(value).strip()

    def where(self, column: str) -> tuple[str, int, str]:
        return (self.sheet, self.row.row, column)


@dataclass
class _Referral:
    referral_date: date
    closure_date: date | None
    episode: CINEpisode | None  # None when it could not be saved


class _ChildLoader:
    """Loads one child's rows inside a savepoint: collects every problem, saves as it goes."""

    def __init__(self, child_id: str, rows: list[SheetRow], report: ImportReport) -> None:
        self.child_id = child_id
        self.first_row = rows[0]  # in the workbook's order: where a refusal is reported
        self.rows = sorted(rows, key=lambda r: (r.list_number, r.row))
        self.report = report
        self.problems: list[Rejection] = []
        self.counts: Counter = Counter()
        self.notes: list[str] = []
        self.referrals: list[_Referral] = []
        self.conferences: dict[date, InitialChildProtectionConference] = {}
        self.existing: Child | None = None

    def refused(self, error: DatabaseError) -> Rejection:
        first = self.first_row
        return Rejection(
            first.sheet, first.row, self.child_id, "(record)", f"could not be saved: {error}"
        )

    def rows_for(self, number: int) -> list[_Row]:
        return [_Row(r, self.child_id, self.problems) for r in self.rows if r.list_number == number]

    # -- checking and saving ---------------------------------------------------------------------

    def save(
        self,
        obj: models.Model,
        fields: dict[str, tuple[str, int, str]],
        default: tuple[str, int, str],
        count: str | None,
    ) -> bool:
        """full_clean() then save; each model problem reported against the column it came from.

        True when the records that hang from `obj` can be checked (it is in the database).
        """
        before = len(self.problems)
        # A cell already reported (unreadable, or blank where needed) says what is wrong: the
        # model's own message about the same field would only repeat it.
        reported = {(p.sheet, p.row, p.column) for p in self.problems}
        try:
            obj.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                sheet, row, column = fields.get(name, default)
                if name not in fields and name != NON_FIELD_ERRORS:
                    column = f"{column} ({obj._meta.get_field(name).verbose_name})"
                if (sheet, row, column) in reported:
                    continue
                for message in messages:
                    self.problems.append(Rejection(sheet, row, self.child_id, column, message))
                reported.add((sheet, row, column))
        own = {*fields.values(), default}
        faulty = len(self.problems) > before or bool(reported & own)
        if not faulty:
            obj.save()
            if count:
                self.counts[count] += 1
            return True
        return kept_for_checking(obj)

    def save_one(
        self, obj: models.Model, row: _Row, column: str, count: str | None, field: str = "date"
    ) -> bool:
        """save() for a record with one value from the workbook (mostly a date), in `column`:
        every problem with the record is reported against that column."""
        where = row.where(column)
        return self.save(obj, {field: where}, where, count)

    # -- the child -------------------------------------------------------------------------------

    def load(self) -> None:
        # Only a child already in Sightline can already hold a record: the "already held"
        # checks below are skipped for a new child (a county-sized workbook is mostly new).
        self.existing = Child.objects.filter(council_id=self.child_id).first()
        child = self.existing or self.new_child()
        if child is None:
            return
        self.counts["children_matched" if self.existing else "children_created"] += 1
        if self.existing is not None:
            for episode in child.cin_episodes.all():
                self.referrals.append(
                    _Referral(episode.referral_date, episode.closure_date, episode)
                )
            for conference in InitialChildProtectionConference.objects.filter(child=child):
                self.conferences.setdefault(conference.date, conference)
        self.load_referrals(child)
        self.load_contacts(child)
        self.load_assessments(child)
        self.load_section47s(child)
        self.load_cp_plans(child)
        self.load_care(child)
        self.load_care_leaver(child)
        self.load_adoption(child)

    def _agreed(self, column: str, read) -> tuple[object, tuple[str, int, str] | None]:
        """The value every row gives for a child detail; a disagreement is a problem."""
        found: tuple[object, _Row] | None = None
        for number in sorted({r.list_number for r in self.rows}):
            annex = annex_list(number)
            if column not in annex.headers:
                continue
            for row in self.rows_for(number):
                if row.blank(column):
                    continue
                value = read(row, column)
                if value is None:
                    continue
                if found is None:
                    found = (value, row)
                elif value != found[0]:
                    first = found[1]
                    shown = _shown(found[0])
                    row.problem(
                        column,
                        f"{row.text(column)!r} disagrees with {first.sheet} row {first.row.row} "
                        f"({shown})",
                    )
        return (found[0], found[1].where(column)) if found else (None, None)

    def new_child(self) -> Child | None:
        first = _Row(self.rows[0], self.child_id, self.problems)
        sex, sex_at = self._agreed("Gender", lambda r, c: r.code(c, "gender"))
        ethnicity, eth_at = self._agreed("Ethnicity", lambda r, c: r.code(c, "ethnicity"))
        born, born_at = self._agreed("Date of Birth", lambda r, c: r.date(c))
        disability, dis_at = self._agreed(
            "Does the Child have a Disability", lambda r, c: r.yes_no(c)
        )
        if sex is None:
            first.problem("Gender", "blank: a new child needs their gender")
        if ethnicity is None:
            first.problem("Ethnicity", "blank: a new child needs their ethnicity")
        if born is None:
            first.problem("Date of Birth", "blank: a new child needs a date of birth")
        child = Child(
            council_id=self.child_id,
            first_name=UNKNOWN_FIRST_NAME,
            last_name=self.child_id,
            date_of_birth=born,
            sex=sex or "",
            ethnicity=ethnicity or "",
        )
        default = first.where("Child Unique ID")
        fields = {
            "council_id": default,
            "sex": sex_at or first.where("Gender"),
            "ethnicity": eth_at or first.where("Ethnicity"),
            "date_of_birth": born_at or first.where("Date of Birth"),
        }
        if not self.save(child, fields, default, "children"):
            return None
        if disability is not None and dis_at is not None:
            code = DISABLED_OTHER if disability else "NONE"
            self.save(ChildDisability(child=child, code=code), {"code": dis_at}, dis_at, "none")
            if disability:
                self.counts["disability_yes"] += 1
        return child

    # -- referrals (lists 3 and 6) --------------------------------------------------------------

    def load_referrals(self, child: Child) -> None:
        held = {r.referral_date for r in self.referrals}
        found: dict[date, dict[int, _Row]] = defaultdict(dict)
        parsed: dict[tuple[int, int], dict] = {}
        for row in self.rows_for(3):
            day = row.date("Date of referral", required=True)
            parsed[(3, row.row.row)] = {
                "source": row.code("Referral Source", "referral_source", required=True),
                "nfa": row.yes_no("Referral NFA?", required=True),
            }
            self.once_a_day(found, row, day, "has a second referral on")
        for row in self.rows_for(6):
            day = row.date("CIN Start Date", required=True)
            closed = row.date("CIN Closure Date")
            parsed[(6, row.row.row)] = {
                "need": row.code("Primary Need Code", "primary_need", required=True),
                "closed": closed,
                "reason": row.code("Reason for Closure", "closure_reason"),
            }
            self.once_a_day(found, row, day, "is on List 6 twice for")
        for day in sorted(found):
            rows = found[day]
            if day in held:
                self.counts["already_held"] += 1
                continue
            referral, children_in_need = rows.get(3), rows.get(6)
            r3 = parsed[(3, referral.row.row)] if referral else {}
            r6 = parsed[(6, children_in_need.row.row)] if children_in_need else {}
            first = referral or children_in_need
            key = "Date of referral" if referral else "CIN Start Date"
            fields = {"referral_date": first.where(key)}
            if referral:
                fields["referral_source"] = referral.where("Referral Source")
                fields["referral_nfa"] = referral.where("Referral NFA?")
            if children_in_need:
                fields["primary_need"] = children_in_need.where("Primary Need Code")
                fields["closure_date"] = children_in_need.where("CIN Closure Date")
                fields["closure_reason"] = children_in_need.where("Reason for Closure")
            else:
                fields["closure_date"] = fields["closure_reason"] = fields["referral_date"]
            if not referral:
                self.counts["referral_source_unknown"] += 1
            closed, reason = r6.get("closed"), r6.get("reason") or ""
            if r3.get("nfa") and not children_in_need:
                # A referral with no further action closed the day it came in (the CIN census
                # way); list 6 does not carry it, so its closure is not given.
                closed, reason = day, NFA_CLOSURE
                self.counts["nfa_closed"] += 1
            episode = CINEpisode(
                child=child,
                referral_date=day,
                referral_source=r3.get("source") or (UNKNOWN_SOURCE if not referral else ""),
                referral_nfa=bool(r3.get("nfa")),
                primary_need=r6.get("need") or "",
                closure_date=closed,
                closure_reason=reason,
            )
            saved = self.save(episode, fields, fields["referral_date"], "referrals")
            self.referrals.append(_Referral(day, episode.closure_date, episode if saved else None))

    def once_a_day(
        self, found: dict[date, dict[int, _Row]], row: _Row, day: date | None, twice: str
    ) -> None:
        """Keep a list's first row for a referral date; a second is noted and loaded once."""
        if day is None:
            return
        number = row.row.list_number
        if number in found[day]:
            self.notes.append(
                f"{row.sheet} row {row.row.row}: child {self.child_id} {twice} "
                f"{day:%d/%m/%Y}; loaded once."
            )
            return
        found[day][number] = row

    def referral_for(self, row: _Row, column: str, day: date) -> CINEpisode | None:
        """The child's referral open on `day` (the latest to start); a problem when none."""
        open_then = [
            r
            for r in self.referrals
            if r.referral_date <= day and (r.closure_date is None or r.closure_date >= day)
        ]
        if not open_then:
            row.problem(
                column,
                f"no referral for the child open on {day:%d/%m/%Y}: List 3 or List 6 must give "
                "the referral (CIN start date) this belongs to",
            )
            return None
        chosen = max(open_then, key=lambda r: r.referral_date)
        return chosen.episode

    def already_held(self, model: type[models.Model], *where: models.Q, **match) -> bool:
        """True, and counted, when the child already holds this record: it is left alone, so
        loading the same workbook twice changes nothing. Only a child already in Sightline can
        hold one (a county-sized workbook is mostly new children: no query for them)."""
        if self.existing is None or not model.objects.filter(*where, **match).exists():
            return False
        self.counts["already_held"] += 1
        return True

    def new_on_referral(
        self, model: type[models.Model], row: _Row, column: str, start: date | None
    ) -> CINEpisode | None:
        """The referral a new record (an assessment, enquiry or plan) starting on `start`
        belongs to: None when it has no start, no referral open then (a problem), or the child
        already holds it."""
        if start is None:
            return None
        episode = self.referral_for(row, column, start)
        if episode is None or self.already_held(model, cin_episode=episode, start_date=start):
            return None
        return episode

    # -- contacts (list 1) ------------------------------------------------------------------------

    def load_contacts(self, child: Child) -> None:
        held: Counter = Counter()
        if self.existing is not None:
            for received, source in Contact.objects.filter(child=child).values_list(
                "received_at", "source"
            ):
                held[(received.astimezone(LONDON).date(), source)] += 1
        for row in self.rows_for(1):
            day = row.date("Date of Contact", required=True)
            source = row.code("Contact Source", "contact_source", required=True)
            if day is None or source is None:
                continue
            if held[(day, source)] > 0:
                held[(day, source)] -= 1
                self.counts["already_held"] += 1
                continue
            contact = Contact(
                child=child,
                received_at=datetime.combine(day, time(0), tzinfo=LONDON),
                source=source,
                reported_by=NOT_RECORDED,
                summary=f"{NOT_RECORDED}: loaded from Annex A (List 1) without what was reported.",
                consent=Contact.Consent.NOT_SOUGHT,
            )
            fields = {
                "received_at": row.where("Date of Contact"),
                "source": row.where("Contact Source"),
            }
            self.save(contact, fields, row.where("Date of Contact"), "contacts")

    # -- assessments (list 4) ----------------------------------------------------------------------

    def load_assessments(self, child: Child) -> None:
        column = "Continuous Assessment Start Date"
        for row in self.rows_for(4):
            start = row.date(column, required=True)
            authorised = row.date("Continuous Assessment Date of Authorisation")
            episode = self.new_on_referral(Assessment, row, column, start)
            if episode is None:
                continue
            assessment = Assessment(
                child=child, cin_episode=episode, start_date=start, authorised_date=authorised
            )
            fields = {
                "start_date": row.where(column),
                "authorised_date": row.where("Continuous Assessment Date of Authorisation"),
            }
            self.save(assessment, fields, row.where(column), "assessments")

    # -- section 47 enquiries (list 5) -----------------------------------------------------------

    def load_section47s(self, child: Child) -> None:
        column = "Strategy discussion initiating Section 47 Enquiry Start Date"
        plan_starts = set()
        for row in self.rows_for(7):
            value, _ = parse_date(row.raw("Child Protection Plan Start Date"))
            if value:
                plan_starts.add(value)
        for row in self.rows_for(5):
            start = row.date(column, required=True)
            not_required = row.yes_no(
                "Was an Initial Child Protection Conference deemed unnecessary?"
            )
            conference_day = row.date("Date of Initial Child Protection Conference")
            plan_made = row.yes_no(
                "Did the Initial Child Protection Conference Result in a Child Protection Plan"
            )
            episode = self.new_on_referral(Section47Enquiry, row, column, start)
            if episode is None:
                continue
            s47 = Section47Enquiry(
                child=child,
                cin_episode=episode,
                start_date=start,
                icpc_not_required=bool(not_required),
                outcome=Section47Enquiry.Outcome.ICPC if conference_day else "",
            )
            fields = {
                "start_date": row.where(column),
                "icpc_not_required": row.where(
                    "Was an Initial Child Protection Conference deemed unnecessary?"
                ),
            }
            if not self.save(s47, fields, row.where(column), "section47s") or not conference_day:
                continue
            conference = InitialChildProtectionConference(
                child=child,
                cin_episode=episode,
                section47=s47,
                date=conference_day,
                plan_made=plan_made if plan_made is not None else conference_day in plan_starts,
            )
            column = "Date of Initial Child Protection Conference"
            if self.save_one(conference, row, column, "conferences"):
                self.conferences.setdefault(conference_day, conference)

    # -- child protection plans (list 7) ------------------------------------------------------

    def load_cp_plans(self, child: Child) -> None:
        column = "Child Protection Plan Start Date"
        previous_column = "Number of Previous Child Protection Plans"
        loaded: list[tuple[ChildProtectionPlan, int | None, _Row]] = []
        for row in self.rows_for(7):
            start = row.date(column, required=True)
            previous = row.count(previous_column)
            initial = row.code("Initial Category of Abuse", "initial_category", required=True)
            latest = row.code("Latest Category of Abuse", "latest_category", required=True)
            visited = row.date("Date of the Last Statutory Visit")
            alone = row.yes_no("Was the Child Seen Alone?")
            reviewed = row.date("Date of latest review conference")
            end = row.date("Child Protection Plan End Date")
            episode = self.new_on_referral(ChildProtectionPlan, row, column, start)
            if episode is None:
                continue
            plan = ChildProtectionPlan(
                child=child,
                cin_episode=episode,
                icpc=self.conferences.get(start),
                start_date=start,
                end_date=end,
                initial_category=initial or "",
                latest_category=latest or "",
            )
            fields = {
                "start_date": row.where(column),
                "end_date": row.where("Child Protection Plan End Date"),
                "initial_category": row.where("Initial Category of Abuse"),
                "latest_category": row.where("Latest Category of Abuse"),
            }
            if not self.save(plan, fields, row.where(column), "cp_plans"):
                continue
            loaded.append((plan, previous, row))
            if reviewed:
                review = ChildProtectionReview(
                    child=child,
                    cp_plan=plan,
                    date=reviewed,
                    plan_continues=not (end is not None and reviewed >= end),
                )
                self.save_one(review, row, "Date of latest review conference", "cp_reviews")
            if visited:
                where = row.where("Date of the Last Statutory Visit")
                visit = ChildProtectionVisit(
                    child=child,
                    cp_plan=plan,
                    visit_date=visited,
                    seen=True,
                    seen_alone=alone is True,
                )
                fields = {"visit_date": where, "seen_alone": row.where("Was the Child Seen Alone?")}
                self.save(visit, fields, where, "cp_visits")
        self.keep_previous_plans(loaded, previous_column)

    def keep_previous_plans(self, loaded, column: str) -> None:
        """Previous plans the workbook counts beyond those Sightline now holds for the child
        (list 7 shows only the last six months) are kept as plans held elsewhere; a count
        lower than Sightline holds is noted, since the plans held are the fact."""
        for plan, previous, row in loaded:
            if previous is None:
                continue
            held = plan.take_previous_plans(previous)
            if previous < held:
                self.notes.append(
                    f"{self.child_id}: the plan starting {plan.start_date:%d/%m/%Y} says "
                    f"{previous} previous plans; Sightline holds {held} and will report {held}."
                )
            elif plan.previous_plans_elsewhere:
                self.save_one(plan, row, column, None, "previous_plans_elsewhere")  # counted once

    # -- children in care (list 8) --------------------------------------------------------------

    def load_care(self, child: Child) -> None:
        started_column = "Date Started to be Looked After"
        for row in self.rows_for(8):
            started = row.date(started_column, required=True)
            need = row.code("Child's Category of Need", "category_of_need", required=True)
            status_from = row.date("Start date of current legal status")
            status = row.code("Child's Legal Status", "legal_status", required=True)
            reviewed = row.date("Date of Latest Statutory Review")
            visited = row.date("Date of Last Social Work Visit")
            health = row.date("Date of Last Health Assessment")
            dental = row.date("Date of Last Dental Check")
            ceased = row.date("Date Ceased to be Looked After")
            reason = row.code("Reason Ceased to be Looked After", "reason_ceased")
            placed_from = row.date("Start Date of Most Recent Placement")
            placement = row.code("Placement Type", "placement_type", required=True)
            provider = row.code("Placement Provider", "placement_provider", required=True)
            postcode = self.postcode(row)
            urn = row.text("URN of Placement")
            if urn and len(urn) > 8:
                row.problem("URN of Placement", f"{urn!r} is longer than an Ofsted URN (8)")
            if started is None:
                continue
            # Without its own start, the legal status or placement is taken to have started
            # with the period of care.
            status_from = status_from or started
            placed_from = placed_from or started
            if self.already_held(CareEpisode, child=child, start_date=started):
                continue
            for later, label in (
                (status_from, "Start date of current legal status"),
                (placed_from, "Start Date of Most Recent Placement"),
            ):
                if later < started:
                    row.problem(
                        label, f"before the date started to be looked after ({started:%d/%m/%Y})"
                    )
                elif ceased and later > ceased:
                    row.problem(
                        label, f"after the date ceased to be looked after ({ceased:%d/%m/%Y})"
                    )
            if not (started <= status_from and started <= placed_from):
                continue
            # Episode boundaries: S at the start; L where the legal status changed, P where the
            # placement did, B when both changed on one day.
            changes: dict[date, set[str]] = defaultdict(set)
            changes[status_from].add("L")
            changes[placed_from].add("P")
            boundaries = [(started, "S")]
            for day in sorted(changes):
                if day == started:
                    continue
                kinds = changes[day]
                boundaries.append((day, "B" if kinds == {"L", "P"} else next(iter(kinds))))
            self.counts["care_periods"] += 1
            for n, (day, reason_new) in enumerate(boundaries):
                last = n == len(boundaries) - 1
                episode = CareEpisode(
                    child=child,
                    start_date=day,
                    reason_new_episode=reason_new,
                    legal_status=status or "",
                    category_of_need=need or "",
                    placement_type=placement or "",
                    placement_provider=provider or "",
                    placement_postcode=postcode,
                    urn=urn,
                    end_date=ceased if last else boundaries[n + 1][0],
                    reason_ceased=(reason or "") if last else "X1",
                )
                start_column = {
                    "S": started_column,
                    "L": "Start date of current legal status",
                    "B": "Start date of current legal status",
                    "P": "Start Date of Most Recent Placement",
                }[reason_new]
                fields = {
                    "start_date": row.where(start_column),
                    "legal_status": row.where("Child's Legal Status"),
                    "category_of_need": row.where("Child's Category of Need"),
                    "placement_type": row.where("Placement Type"),
                    "placement_provider": row.where("Placement Provider"),
                    "placement_postcode": row.where("Placement postcode"),
                    "urn": row.where("URN of Placement"),
                    "end_date": row.where("Date Ceased to be Looked After"),
                    "reason_ceased": row.where("Reason Ceased to be Looked After"),
                }
                self.save(episode, fields, row.where(start_column), "care_episodes")
            if reviewed:
                review = CareReview(child=child, date=reviewed)
                self.save_one(review, row, "Date of Latest Statutory Review", "care_reviews")
            if visited:
                visit = CareVisit(child=child, visit_date=visited, seen=True, seen_alone=False)
                column = "Date of Last Social Work Visit"
                self.save_one(visit, row, column, "care_visits", "visit_date")
            if health:
                kind = (
                    HealthCheck.Kind.INITIAL
                    if started <= health <= started + timedelta(days=INITIAL_HEALTH_DAYS)
                    else HealthCheck.Kind.REVIEW
                )
                check = HealthCheck(child=child, kind=kind, date=health)
                self.save_one(check, row, "Date of Last Health Assessment", "health_checks")
            if dental:
                check = HealthCheck(child=child, kind=HealthCheck.Kind.DENTAL, date=dental)
                self.save_one(check, row, "Date of Last Dental Check", "health_checks")

    def postcode(self, row: _Row) -> str:
        column = "Placement postcode"
        if row.blank(column):
            if not row.annex.column(column).can_be_blank:
                row.problem(column, "blank: Annex A needs the placement postcode")
            return ""
        text = " ".join(row.text(column).upper().split())
        if not _POSTCODE.match(text):
            row.problem(column, f"{row.text(column)!r} is not a UK postcode")
            return ""
        if " " not in text:
            text = f"{text[:-3]} {text[-3:]}"
        return text

    # -- care leavers (list 9) ---------------------------------------------------------------------

    def load_care_leaver(self, child: Child) -> None:
        for row in self.rows_for(9):
            in_touch = row.code("LA in Touch", "in_touch")
            contacted = row.date("Latest Date of Contact")
            reviewed = row.date("Latest Pathway Plan Review Date")
            kind = row.code("Type of Accommodation", "accommodation_type")
            suitable, problem = read_suitability(
                row.annex.column("Suitability of Accommodation"),
                row.raw("Suitability of Accommodation"),
            )
            if problem:
                row.problem("Suitability of Accommodation", problem)
            activity = row.code("Activity Status", "activity")
            accommodation = f"{kind}{suitable}" if kind and suitable else ""
            if kind and not suitable:
                self.notes.append(
                    f"{row.sheet} row {row.row.row}: child {self.child_id}: the type of "
                    "accommodation was not stored (SSDA903 holds it with its suitability, "
                    "which is not given)."
                )
            if contacted:
                if not self.already_held(CareLeaverContact, child=child, contact_date=contacted):
                    contact = CareLeaverContact(
                        child=child,
                        contact_date=contacted,
                        in_touch=in_touch or "",
                        activity=activity or "",
                        accommodation=accommodation,
                    )
                    fields = {
                        "contact_date": row.where("Latest Date of Contact"),
                        "in_touch": row.where("LA in Touch"),
                        "activity": row.where("Activity Status"),
                        "accommodation": row.where("Type of Accommodation"),
                    }
                    self.save(contact, fields, fields["contact_date"], "care_leaver_contacts")
            elif in_touch or kind or activity:
                self.notes.append(
                    f"{row.sheet} row {row.row.row}: child {self.child_id}: in touch, "
                    "accommodation and activity were not stored (no Latest Date of Contact to "
                    "record them on)."
                )
            if reviewed:
                # Held already when a plan the child has was in force on the review date.
                in_force = models.Q(end_date__isnull=True) | models.Q(end_date__gte=reviewed)
                if not self.already_held(
                    PathwayPlan, in_force, child=child, start_date__lte=reviewed
                ):
                    plan = PathwayPlan(child=child, start_date=reviewed)
                    column = "Latest Pathway Plan Review Date"
                    self.save_one(plan, row, column, "pathway_plans", "start_date")

    # -- adoption (list 10) ------------------------------------------------------------------------

    def load_adoption(self, child: Child) -> None:
        decided_column = "Date of Decision that Child Should be Placed for Adoption"
        columns = {
            "placement_order_date": "Date of Placement Order",
            "matched_date": "Date of Matching Child and Prospective Adopters",
            "placed_date": "Date Placed for Adoption",
            "adoption_order_date": "Date of Adoption Order",
            "placed_ceased_date": (
                "Date of Decision that Child Should No Longer be Placed for Adoption"
            ),
        }
        for row in self.rows_for(10):
            decided = row.date(decided_column, required=True)
            dates = {name: row.date(column) for name, column in columns.items()}
            reason = row.code(
                "Reason Why Child No Longer Placed for Adoption", "reason_placed_ceased"
            )
            if decided is None:
                continue
            if self.already_held(AdoptionProcess, child=child, should_be_placed_date=decided):
                continue
            adoption = AdoptionProcess(
                child=child,
                should_be_placed_date=decided,
                reason_placed_ceased=reason or "",
                **dates,
            )
            fields = {name: row.where(column) for name, column in columns.items()}
            fields["should_be_placed_date"] = row.where(decided_column)
            fields["reason_placed_ceased"] = row.where(
                "Reason Why Child No Longer Placed for Adoption"
            )
            self.save(adoption, fields, row.where(decided_column), "adoptions")


def _tally_not_stored(report: ImportReport, rows: list[SheetRow]) -> None:
    for row in rows:
        for column, why in NOT_STORED.get(row.list_number, {}).items():
            if row.cells.get(column) is not None:
                report.not_stored[(row.list_number, column, why)] += 1


def import_annex_a(path: Path, user=None) -> ImportReport:
    """Load an Annex A workbook; see the module docstring for the rules. Raises
    ValidationError (on "file") when the file is refused, having loaded nothing."""
    path = Path(path)
    reading = read_workbook(path)
    report = ImportReport(path=path)
    report.notes += reading.notes
    for sheet, count in sorted(reading.excel_errors.items()):
        report.notes.append(
            f"Sheet {sheet!r}: {count} cells held an Excel error (#N/A ...), read as blank."
        )
    by_child: dict[str, list[SheetRow]] = defaultdict(list)
    for row in reading.rows:
        report.rows_read[row.list_number] += 1
        if row.list_number in NOT_LOADED_LISTS:
            continue
        child_id = _child_id(row.cells.get("Child Unique ID"))
        by_child[child_id].append(row)
    for number, why in NOT_LOADED_LISTS.items():
        if report.rows_read[number]:
            report.notes.append(
                f"{annex_list(number).sheet_name}: {report.rows_read[number]} rows read, not "
                f"loaded ({why})."
            )

    with transaction.atomic():
        for row in by_child.pop("", []):
            report.reject(
                f"(blank, {row.sheet} row {row.row})",
                Rejection(
                    row.sheet, row.row, "(blank)", "Child Unique ID", "blank: no child to load"
                ),
            )
        report.children_in_file = len(by_child) + len(report.rejected_children)
        loaded_rows: list[SheetRow] = []
        for child_id in sorted(by_child):
            loader = _ChildLoader(child_id, by_child[child_id], report)
            if not load_child(report, child_id, loader):
                continue
            report.counts.update(loader.counts)
            report.notes += loader.notes
            loaded_rows += by_child[child_id]
        _tally_not_stored(report, loaded_rows)
        report.add_summary_notes("Annex A", "child ID", SUMMARY_NOTES)
        record_import(
            report,
            user,
            EventType.ANNEX_A_IMPORTED,
            "Annex A",
            "workbook",
            rows_read={annex_list(n).sheet_name: c for n, c in sorted(report.rows_read.items())},
            rejections=len(report.rejections),
        )
    return report
