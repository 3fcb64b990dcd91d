"""Loading a CIN census file from another system (onboarding a council's history).

The rules, so a council knows what it will get:

- The whole file loads in ONE transaction. A file that is not XML, or not a CIN census (no
  `<Message>` with `<Children>`, or a header naming another collection), is refused with a
  message and nothing is loaded.
- Each child is loaded whole or not at all. Every record is checked with the models' own
  `full_clean()` (the same rules as the service's forms); if any record of a child fails, the
  child and all of its records are rolled back and every failure is reported, naming the
  child (LAchildID), the record (e.g. "CINdetails referral 2024-05-03, Assessment starting
  2024-05-10") and the census field. The records that hang from a faulty record are still
  checked whenever the database can hold the faulty one for the check, so the sender hears of
  every fault at once. A child with no CINdetails is rejected (DfE rule 8590).
- A LAchildID that appears more than once in the file is rejected every time it appears: the
  file does not say which copy is right (DfE rule 8510).
- A child already in Sightline (same council ID) is matched, not changed: Sightline's own record
  stays as it is. A CINdetails whose referral date the child already has is left alone, so
  loading the same file twice changes nothing.
- The census has no names: a new child is created as "Not known <LAchildID>" for a worker to
  name. Files from before 2024 carry GenderCurrent instead of Sex; it is read as 1 = M,
  2 = F, 0 and 9 = U.
- Strategy discussions are not in the census: a section 47 enquiry is created without one.
  An enquiry with a conference date gets the outcome "initial child protection conference"; its
  end date is not in the census and stays empty. Each conference date becomes an
  `InitialChildProtectionConference` (on the enquiry, or on the referral when the census gives
  it at CINdetails level); a child protection plan starting that day is linked to it.
- NumberOfPreviousCPP above the earlier plans Sightline holds for the child is kept on the plan
  as plans held elsewhere; below them, it is reported (the plans held are the fact).
- Not held by Sightline, so reported and not stored: InitialCPCtarget (worked out again from
  the start date on export) and AssessmentInternalReviewDate.

One audit event (CIN_CENSUS_IMPORTED) records the import and its counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from lxml import etree

from sightline.access.audit import EventType
from sightline.assessments.models import Assessment, AssessmentFactor
from sightline.cin.models import CINEpisode, CINPlan
from sightline.people.models import Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    InitialChildProtectionConference,
    Section47Enquiry,
)

from .. import loading
from ..loading import UNKNOWN_FIRST_NAME, kept_for_checking, load_child, record_import

# GenderCurrent (the census item before Sex, 2024): 1 male, 2 female, 0 not known, 9 not stated.
LEGACY_GENDER = {"1": "M", "2": "F", "0": "U", "9": "U"}
YES_NO = {"1": True, "true": True, "0": False, "false": False}

# Census element for each model field, so a rejection names the field the sender knows.
CENSUS_NAMES: dict[type[models.Model], dict[str, str]] = {
    Child: {
        "council_id": "LAchildID",
        "upn": "UPN",
        "former_upn": "FormerUPN",
        "upn_unknown_reason": "UPNunknown",
        "date_of_birth": "PersonBirthDate",
        "expected_date_of_birth": "ExpectedPersonBirthDate",
        "sex": "Sex",
        "date_of_death": "PersonDeathDate",
        "ethnicity": "Ethnicity",
    },
    ChildDisability: {"code": "Disability"},
    CINEpisode: {
        "referral_date": "CINreferralDate",
        "referral_source": "ReferralSource",
        "primary_need": "PrimaryNeedCode",
        "closure_date": "CINclosureDate",
        "closure_reason": "ReasonForClosure",
        "referral_nfa": "ReferralNFA",
    },
    Assessment: {
        "start_date": "AssessmentActualStartDate",
        "authorised_date": "AssessmentAuthorisationDate",
    },
    AssessmentFactor: {"code": "AssessmentFactors"},
    CINPlan: {"start_date": "CINPlanStartDate", "end_date": "CINPlanEndDate"},
    Section47Enquiry: {"start_date": "S47ActualStartDate", "icpc_not_required": "ICPCnotRequired"},
    InitialChildProtectionConference: {"date": "DateOfInitialCPC"},
    ChildProtectionPlan: {
        "start_date": "CPPstartDate",
        "end_date": "CPPendDate",
        "initial_category": "InitialCategoryOfAbuse",
        "latest_category": "LatestCategoryOfAbuse",
    },
    ChildProtectionReview: {"date": "CPPreviewDate"},
}


# The report's count for each thing a loaded child's loader counted (a saved record is counted
# under its model's name).
REPORTED_COUNTS = {
    "children_created": "children_created",
    "children_matched": "children_matched",
    "episodes_already_held": "episodes_already_held",
    "legacy_gender": "legacy_gender",
    "internal_review_dates": "internal_review_dates",
    "disabilities": "childdisability",
    "episodes": "cinepisode",
    "assessments": "assessment",
    "factors": "assessmentfactor",
    "cin_plans": "cinplan",
    "section47s": "section47enquiry",
    "icpcs": "initialchildprotectionconference",
    "cp_plans": "childprotectionplan",
    "reviews": "childprotectionreview",
}


# What the report tells the sender about values read another way or not stored: each note when
# its count is not nought.
SUMMARY_NOTES = {
    "legacy_gender": (
        "{n} loaded children had GenderCurrent (before 2024) instead of Sex: read as 1 = M, "
        "2 = F, 0 and 9 = U."
    ),
    "internal_review_dates": (
        "{n} AssessmentInternalReviewDate values were not stored (Sightline does not hold that "
        "date)."
    ),
}


@dataclass(frozen=True)
class Rejection:
    """One reason a child was not loaded."""

    la_child_id: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.la_child_id}: {self.record}: {self.field}: {self.message}"


@dataclass
class ImportReport(loading.ImportReport):
    rejected_heading = "Rejected (the whole child is left out; fix the file and load it again):"

    header: dict[str, str] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        c = self.counts
        return [
            f"Read {self.children_in_file} children from {self.path.name}: {self.outcome()}",
            f"  Created {c['episodes']} CIN episodes ({c['episodes_already_held']} already held), "
            f"{c['assessments']} assessments with {c['factors']} factors, {c['cin_plans']} CIN "
            f"plans, {c['section47s']} section 47 enquiries, {c['icpcs']} initial conferences, "
            f"{c['cp_plans']} child protection plans, {c['reviews']} reviews.",
        ]


def _shown(day: date | None, parent: etree._Element, tag: str) -> str:
    """How a record's date reads in a message: the date, else what the file held."""
    return str(day or _text(parent, tag) or "(no date)")


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def _read(path: Path) -> etree._Element:
    # No entity expansion, DTDs or network: the file comes from another system.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as error:
        raise _refuse(f"{path} cannot be read: {error}") from None
    except etree.XMLSyntaxError as error:
        raise _refuse(f"{path.name} is not a CIN census: it is not XML ({error}).") from None
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname  # census files have no namespace; tolerate one
    if root.tag != "Message" or root.find("Children") is None:
        raise _refuse(
            f"{path.name} is not a CIN census: it should be a <Message> holding <Children>, "
            f"but it is a <{root.tag}>."
        )
    collection = (root.findtext("Header/CollectionDetails/Collection") or "").strip()
    if collection and collection.upper() != "CIN":
        raise _refuse(f"{path.name} is not a CIN census: its header says {collection}.")
    if not root.findall("Children/Child"):
        raise _refuse(f"{path.name} has no <Child> records to load.")
    return root


def _text(parent: etree._Element | None, tag: str) -> str:
    if parent is None:
        return ""
    return (parent.findtext(tag) or "").strip()


class _ChildLoader:
    """Loads one <Child>: collects every problem, saves as it goes (inside a savepoint)."""

    def __init__(self, la_id: str, element: etree._Element, report: ImportReport) -> None:
        self.la_id = la_id
        self.el = element
        self.report = report
        self.problems: list[Rejection] = []
        self.counts: Counter = Counter()
        self.notes: list[str] = []
        # Each plan loaded, with the NumberOfPreviousCPP the file gave for it.
        self.plans: list[tuple[ChildProtectionPlan, str]] = []

    def refused(self, error: DatabaseError) -> Rejection:
        return Rejection(self.la_id, "Child", "(record)", f"Could not be saved: {error}")

    # -- values ---------------------------------------------------------------------------------

    @staticmethod
    def parse_date(raw: str, tag: str, bad: dict[str, str]) -> date | None:
        """A census date (xs:date, YYYY-MM-DD); a bad one is noted in `bad` under its tag."""
        if not raw:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            bad[tag] = f"{raw!r} is not a date in the form YYYY-MM-DD."
            return None

    def date(self, parent, tag: str, bad: dict[str, str]) -> date | None:
        return self.parse_date(_text(parent, tag), tag, bad)

    def started(
        self, el, tag: str, record: str, parent_label: str
    ) -> tuple[date | None, str, dict[str, str]]:
        """A record's start date; the label naming the record in a rejection ("<the record it
        hangs from>, <record> starting <date>"); and the record's own bad values, so far."""
        bad: dict[str, str] = {}
        start = self.date(el, tag, bad)
        return start, f"{parent_label}, {record} starting {_shown(start, el, tag)}", bad

    def each_once(
        self, elements: list[etree._Element], label: str, tag: str, rule: str
    ) -> Iterator[tuple[str, str]]:
        """Each code given in `elements` with its label ("<label> <code>"); a code given again
        is a problem (the DfE rule `rule`) and is not loaded twice."""
        seen: set[str] = set()
        for element in elements:
            code = (element.text or "").strip()
            labelled = f"{label} {code or '(blank)'}"
            if code in seen:
                duplicate = f"{code} is given more than once (DfE rule {rule})."
                self.problems.append(Rejection(self.la_id, labelled, tag, duplicate))
                continue
            seen.add(code)
            yield code, labelled

    def yes_no(self, parent, tag: str, bad: dict[str, str]) -> bool:
        raw = _text(parent, tag)
        if raw.lower() in YES_NO:
            return YES_NO[raw.lower()]
        bad[tag] = f"{raw!r} is not 1 (yes) or 0 (no)." if raw else f"{tag} is missing."
        return False

    # -- checking and saving --------------------------------------------------------------------

    def save(self, obj: models.Model, label: str, bad: dict[str, str] | None = None) -> bool:
        """full_clean() then save, recording every problem against its census field.

        True when the records that hang from `obj` can be checked (it is in the database).
        """
        bad = dict(bad or {})
        before = len(self.problems)
        names = CENSUS_NAMES.get(type(obj), {})
        try:
            obj.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                census = names.get(name, "" if name == NON_FIELD_ERRORS else name)
                if census in bad:
                    continue  # the parse message already says what is wrong with this field
                for message in messages:
                    where = census or "(record)"
                    self.problems.append(Rejection(self.la_id, label, where, message))
        for census, message in bad.items():
            self.problems.append(Rejection(self.la_id, label, census, message))
        if len(self.problems) == before:
            obj.save()
            self.counts[obj._meta.model_name] += 1
            return True
        # The database takes most faults (such as a wrong UPN check letter).
        return kept_for_checking(obj)

    # -- the child ------------------------------------------------------------------------------

    def load(self) -> None:
        existing = Child.objects.filter(council_id=self.la_id).first()
        if existing is not None:
            child = existing
            self.counts["children_matched"] += 1
        else:
            child = self.new_child()
            if child is None:
                return
            self.counts["children_created"] += 1
        if not self.el.findall("CINdetails"):
            message = "The child has no CINdetails: every child in the census has a referral."
            self.problems.append(Rejection(self.la_id, "Child", "CINdetails", message))
        held: set[date] = set()
        if existing is not None:
            held = set(child.cin_episodes.values_list("referral_date", flat=True))
        for details in self.el.findall("CINdetails"):
            self.episode(child, details, held)
        if not self.problems:
            self.check_previous_plans()

    def new_child(self) -> Child | None:
        ids = self.el.find("ChildIdentifiers")
        characteristics = self.el.find("ChildCharacteristics")
        bad: dict[str, str] = {}
        sex = _text(ids, "Sex")
        if not sex and _text(ids, "GenderCurrent"):
            legacy = _text(ids, "GenderCurrent")
            sex = LEGACY_GENDER.get(legacy, "")
            if not sex:
                bad["GenderCurrent"] = f"{legacy!r} is not a GenderCurrent code (0, 1, 2 or 9)."
            self.counts["legacy_gender"] += 1
        child = Child(
            council_id=self.la_id,
            first_name=UNKNOWN_FIRST_NAME,
            last_name=self.la_id,
            upn=_text(ids, "UPN").upper(),
            former_upn=_text(ids, "FormerUPN").upper(),
            upn_unknown_reason=_text(ids, "UPNunknown"),
            date_of_birth=self.date(ids, "PersonBirthDate", bad),
            expected_date_of_birth=self.date(ids, "ExpectedPersonBirthDate", bad),
            date_of_death=self.date(ids, "PersonDeathDate", bad),
            sex=sex,
            ethnicity=_text(characteristics, "Ethnicity"),
        )
        if not self.save(child, "Child", bad):
            return None
        has_characteristics = characteristics is not None
        codes = characteristics.findall("Disabilities/Disability") if has_characteristics else []
        for code, label in self.each_once(codes, "Disability", "Disability", "8794"):
            self.save(ChildDisability(child=child, code=code), label)
        return child

    def episode(self, child: Child, details: etree._Element, held: set[date]) -> None:
        bad: dict[str, str] = {}
        referral = self.date(details, "CINreferralDate", bad)
        label = f"CINdetails referral {_shown(referral, details, 'CINreferralDate')}"
        if referral is not None and referral in held:
            self.counts["episodes_already_held"] += 1
            return
        episode = CINEpisode(
            child=child,
            referral_date=referral,
            referral_source=_text(details, "ReferralSource"),
            primary_need=_text(details, "PrimaryNeedCode"),
            referral_nfa=self.yes_no(details, "ReferralNFA", bad),
            closure_date=self.date(details, "CINclosureDate", bad),
            closure_reason=_text(details, "ReasonForClosure"),
        )
        if not self.save(episode, label, bad):
            return
        plan_starts = set()
        for plan in details.findall("ChildProtectionPlans"):
            start = self.date(plan, "CPPstartDate", {})
            if start is not None:
                plan_starts.add(start)
        conferences: dict[date, InitialChildProtectionConference] = {}

        for a in details.findall("Assessments"):
            self.assessment(child, episode, a, label)
        for p in details.findall("CINPlanDates"):
            start, plan_label, bad = self.started(p, "CINPlanStartDate", "CIN plan", label)
            plan = CINPlan(
                child=child,
                cin_episode=episode,
                start_date=start,
                end_date=self.date(p, "CINPlanEndDate", bad),
            )
            self.save(plan, plan_label, bad)
        for s in details.findall("Section47"):
            self.section47(child, episode, s, label, plan_starts, conferences)

        bad = {}
        icpc_date = self.date(details, "DateOfInitialCPC", bad)
        if bad:
            self.problems += [Rejection(self.la_id, label, k, v) for k, v in bad.items()]
        elif icpc_date is not None and icpc_date in conferences:
            self.notes.append(
                f"{self.la_id}: {label}: the initial conference on {icpc_date} is given on the "
                "referral and on a section 47 enquiry; it was loaded once."
            )
        elif icpc_date is not None:
            self.conference(child, episode, None, icpc_date, label, plan_starts, conferences)
        for c in details.findall("ChildProtectionPlans"):
            self.cp_plan(child, episode, c, label, conferences)

    def assessment(self, child, episode, el, parent_label: str) -> None:
        start, label, bad = self.started(
            el, "AssessmentActualStartDate", "Assessment", parent_label
        )
        assessment = Assessment(
            child=child,
            cin_episode=episode,
            start_date=start,
            authorised_date=self.date(el, "AssessmentAuthorisationDate", bad),
        )
        if _text(el, "AssessmentInternalReviewDate"):
            self.counts["internal_review_dates"] += 1
        if not self.save(assessment, label, bad):
            return
        factors = el.findall("FactorsIdentifiedAtAssessment/AssessmentFactors")
        for code, factor_label in self.each_once(
            factors, f"{label}, factor", "AssessmentFactors", "8898"
        ):
            self.save(AssessmentFactor(assessment=assessment, code=code), factor_label)

    def section47(self, child, episode, el, parent_label, plan_starts, conferences) -> None:
        start, label, bad = self.started(el, "S47ActualStartDate", "Section47", parent_label)
        icpc_date = self.date(el, "DateOfInitialCPC", bad)
        s47 = Section47Enquiry(
            child=child,
            cin_episode=episode,
            start_date=start,
            icpc_not_required=self.yes_no(el, "ICPCnotRequired", bad),
            outcome=Section47Enquiry.Outcome.ICPC if icpc_date else "",
        )
        if self.save(s47, label, bad) and icpc_date is not None:
            self.conference(child, episode, s47, icpc_date, label, plan_starts, conferences)

    def conference(self, child, episode, s47, day, parent_label, plan_starts, conferences) -> None:
        """An initial conference on `day` (after a section 47 enquiry, or given on the referral
        with none); a plan starting that day was made by it."""
        conference = InitialChildProtectionConference(
            child=child, cin_episode=episode, section47=s47, date=day, plan_made=day in plan_starts
        )
        if self.save(conference, f"{parent_label}, initial conference {day}"):
            conferences.setdefault(day, conference)

    def cp_plan(self, child, episode, el, parent_label, conferences) -> None:
        start, label, bad = self.started(el, "CPPstartDate", "ChildProtectionPlans", parent_label)
        end = self.date(el, "CPPendDate", bad)
        plan = ChildProtectionPlan(
            child=child,
            cin_episode=episode,
            icpc=conferences.get(start) if start else None,
            start_date=start,
            end_date=end,
            initial_category=_text(el, "InitialCategoryOfAbuse"),
            latest_category=_text(el, "LatestCategoryOfAbuse"),
        )
        previous = _text(el, "NumberOfPreviousCPP")
        if not self.save(plan, label, bad):
            return
        self.plans.append((plan, previous))
        for review in el.findall("Reviews/CPPreviewDate"):
            bad = {}
            raw = (review.text or "").strip()
            day = self.parse_date(raw, "CPPreviewDate", bad)
            self.save(
                ChildProtectionReview(
                    child=child,
                    cp_plan=plan,
                    date=day,
                    plan_continues=not (end is not None and day is not None and day >= end),
                ),
                f"{label}, review {day or raw or '(no date)'}",
                bad,
            )

    def check_previous_plans(self) -> None:
        """NumberOfPreviousCPP beyond the earlier plans Sightline holds for the child is kept
        on the plan as plans held elsewhere (so the next census returns the same number); a
        number below what Sightline holds is reported, since the plans held are the fact."""
        for plan, previous in self.plans:
            label = f"ChildProtectionPlans starting {plan.start_date}"
            if not previous:
                continue
            if not previous.isdigit():
                message = f"{previous!r} is not a number of plans."
                self.problems.append(Rejection(self.la_id, label, "NumberOfPreviousCPP", message))
                continue
            held = plan.take_previous_plans(int(previous))
            if int(previous) < held:
                self.notes.append(
                    f"{self.la_id}: the child protection plan starting {plan.start_date} has "
                    f"NumberOfPreviousCPP {previous}; Sightline holds {held} earlier plans for "
                    f"the child and will return {held}."
                )
            elif plan.previous_plans_elsewhere:
                self.save(plan, label)


def import_cin_census(path: Path, user=None) -> ImportReport:
    """Load a CIN census file; see the module docstring for the rules. Raises ValidationError
    (on "file") when the file is not XML or not a CIN census, having loaded nothing."""
    path = Path(path)
    root = _read(path)
    report = ImportReport(path=path)
    header = root.find("Header")
    for tag in ("CollectionDetails/Year", "CollectionDetails/ReferenceDate", "Source/LEA"):
        if _text(header, tag):
            report.header[tag.split("/")[-1]] = _text(header, tag)

    children = root.findall("Children/Child")
    report.children_in_file = len(children)
    ids = [_text(c.find("ChildIdentifiers"), "LAchildID") for c in children]
    seen = Counter(ids)

    with transaction.atomic():
        for position, (element, la_id) in enumerate(zip(children, ids, strict=True), start=1):
            if not la_id:
                who = f"(child {position} in the file)"
                report.reject(who, Rejection(who, "Child", "LAchildID", "LAchildID is missing."))
                continue
            if seen[la_id] > 1:
                twice = f"LAchildID {la_id} appears {seen[la_id]} times in the file."
                report.reject(la_id, Rejection(la_id, "Child", "LAchildID", twice))
                continue
            loader = _ChildLoader(la_id, element, report)
            if not load_child(report, la_id, loader):
                continue
            report.counts.update(
                {name: loader.counts[counted] for name, counted in REPORTED_COUNTS.items()}
            )
            report.notes += loader.notes

        report.add_summary_notes("The census", "LAchildID", SUMMARY_NOTES)
        record_import(
            report, user, EventType.CIN_CENSUS_IMPORTED, "CIN census", "file", header=report.header
        )
    return report
