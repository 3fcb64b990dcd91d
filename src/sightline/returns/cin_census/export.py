"""Writing the CIN census XML for one year from the case records.

Children are written in council ID order and every list inside a child in date order, so the
same records always give the same bytes; only the header's DateTime can change, and it defaults
to the end of the reference day so that two exports of unchanged data are identical.
The file is written child by child (memory stays flat for a county-sized return), to a
temporary file that replaces `out` only when complete.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from lxml import etree

import sightline
from sightline.access.audit import EventType
from sightline.access.scope import children_visible_to
from sightline.assessments.models import Assessment
from sightline.cin.models import CINEpisode
from sightline.people.models import Child
from sightline.protection.models import ChildProtectionPlan, Section47Enquiry
from sightline.timescales.calendar import calendar

from ..events import record
from ..records import open_during
from .period import CensusPeriod
from .schema import schema_problems
from .selection import ChildRow, EpisodeRow, Selector

LONDON = ZoneInfo("Europe/London")
SOFTWARE_CODE = "Sightline"
# Children fetched (with all their records) per round trip to the database.
BATCH = 500


@dataclass
class ExportSummary:
    path: Path
    period: CensusPeriod
    counts: Counter = field(default_factory=Counter)
    # Records open in the year that the DfE rules do not let the census return: fix the record.
    notes: list[str] = field(default_factory=list)
    # Where the written file breaks the DfE schema (empty when valid, None when not checked).
    schema_problems: list[str] | None = None

    @property
    def children(self) -> int:
        return self.counts["children"]

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"Wrote the CIN census {self.period.label} to {self.path}",
            f"  {c['children']} children, {c['episodes']} CIN episodes, "
            f"{c['assessments']} assessments, {c['cin_plans']} CIN plans, "
            f"{c['section47s']} section 47 enquiries, {c['cp_plans']} child protection plans, "
            f"{c['reviews']} reviews",
        ]
        if self.notes:
            out.append(f"{len(self.notes)} records open in the year could not be returned:")
            out += [f"  {note}" for note in self.notes]
        if self.schema_problems:
            out.append("The file does not match the DfE schema:")
            out += [f"  {problem}" for problem in self.schema_problems]
        elif self.schema_problems is not None:
            out.append("The file matches the DfE schema (CIN_schema_2026.xsd).")
        return out


def _d(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _add(parent: etree._Element, tag: str, text: str | None) -> None:
    """A child element holding `text`; nothing at all for a missing value (the DfE way)."""
    if text is not None and text != "":
        etree.SubElement(parent, tag).text = text


def _element(parent: etree._Element, tag: str, **texts: str | None) -> etree._Element:
    """A `tag` element holding an element for each census item in `texts`, in the order given:
    the schema's."""
    el = etree.SubElement(parent, tag)
    for item, text in texts.items():
        _add(el, item, text)
    return el


def _repeated(parent: etree._Element, group: str, item: str, texts: list[str]) -> None:
    """A group of repeated items (disabilities, factors, reviews); no group when there are none."""
    if texts:
        el = etree.SubElement(parent, group)
        for text in texts:
            _add(el, item, text)


def _yes_no(value: bool) -> str:
    return "1" if value else "0"


def header_element(
    period: CensusPeriod, la_code: str, generated_at: datetime, serial_no: int
) -> etree._Element:
    header = etree.Element("Header")
    _element(
        header,
        "CollectionDetails",
        Collection="CIN",
        Year=str(period.year),
        ReferenceDate=_d(period.end),
    )
    _element(
        header,
        "Source",
        SourceLevel="L",
        LEA=la_code,
        SoftwareCode=SOFTWARE_CODE,
        Release=sightline.__version__,
        SerialNo=f"{serial_no:03d}",
        DateTime=generated_at.isoformat(timespec="seconds"),
    )
    return header


def _episode_element(parent: etree._Element, row: EpisodeRow) -> None:
    el = _element(
        parent,
        "CINdetails",
        CINreferralDate=_d(row.referral_date),
        ReferralSource=row.referral_source,
        PrimaryNeedCode=row.primary_need,
        CINclosureDate=_d(row.closure_date),
        ReasonForClosure=row.closure_reason,
        DateOfInitialCPC=_d(row.icpc),
    )
    for a in row.assessments:
        a_el = _element(
            el,
            "Assessments",
            AssessmentActualStartDate=_d(a.start),
            AssessmentAuthorisationDate=_d(a.authorised),
        )
        _repeated(a_el, "FactorsIdentifiedAtAssessment", "AssessmentFactors", a.factors)
    for plan in row.cin_plans:
        _element(el, "CINPlanDates", CINPlanStartDate=_d(plan.start), CINPlanEndDate=_d(plan.end))
    for s47 in row.section47s:
        _element(
            el,
            "Section47",
            S47ActualStartDate=_d(s47.start),
            InitialCPCtarget=_d(s47.target),
            DateOfInitialCPC=_d(s47.icpc),
            ICPCnotRequired=_yes_no(s47.icpc_not_required),
        )
    _add(el, "ReferralNFA", _yes_no(row.referral_nfa))
    for plan in row.cp_plans:
        c_el = _element(
            el,
            "ChildProtectionPlans",
            CPPstartDate=_d(plan.start),
            CPPendDate=_d(plan.end),
            InitialCategoryOfAbuse=plan.initial_category,
            LatestCategoryOfAbuse=plan.latest_category,
            NumberOfPreviousCPP=str(plan.previous_plans),
        )
        _repeated(c_el, "Reviews", "CPPreviewDate", [_d(day) for day in plan.reviews])


def child_element(row: ChildRow) -> etree._Element:
    child = etree.Element("Child")
    _element(
        child,
        "ChildIdentifiers",
        LAchildID=row.la_child_id,
        UPN=row.upn,
        FormerUPN=row.former_upn,
        UPNunknown=row.upn_unknown,
        PersonBirthDate=_d(row.birth_date),
        ExpectedPersonBirthDate=_d(row.expected_birth_date),
        Sex=row.sex,
        PersonDeathDate=_d(row.death_date),
    )
    characteristics = _element(child, "ChildCharacteristics", Ethnicity=row.ethnicity)
    _repeated(characteristics, "Disabilities", "Disability", row.disabilities)
    for episode in row.episodes:
        _episode_element(child, episode)
    return child


def _count(counts: Counter, row: ChildRow) -> None:
    counts["children"] += 1
    for e in row.episodes:
        counts["episodes"] += 1
        counts["assessments"] += len(e.assessments)
        counts["cin_plans"] += len(e.cin_plans)
        counts["section47s"] += len(e.section47s)
        counts["cp_plans"] += len(e.cp_plans)
        counts["reviews"] += sum(len(p.reviews) for p in e.cp_plans)


def episodes_open_in(period: CensusPeriod):
    """CIN episodes open at some point in the census year."""
    return open_during(
        CINEpisode.objects, period.start, period.end, "referral_date", "closure_date"
    )


def census_children(period: CensusPeriod, user=None):
    """The children the census returns, in council ID order: every child with an episode open
    in the year. `user=None` is the system (the whole council); a user sees their own scope."""
    children = Child.objects.all() if user is None else children_visible_to(user)
    open_episodes = episodes_open_in(period).filter(child=OuterRef("pk"))
    return children.filter(Exists(open_episodes)).order_by("council_id")


def _listed(relation: str, queryset=None) -> Prefetch:
    """`relation` prefetched into the plain list `census_<relation>`: building a queryset per
    record to hold prefetched rows cost more than the queries on a county's census."""
    return Prefetch(relation, queryset=queryset, to_attr=f"census_{relation}")


def _with_records(child_ids: list[int], period: CensusPeriod):
    """The children with every record the census reads, in a few queries per batch."""
    episodes = episodes_open_in(period).prefetch_related(
        _listed("assessments", Assessment.objects.prefetch_related(_listed("factors"))),
        _listed("cin_plans"),
        _listed("s47_enquiries", Section47Enquiry.objects.prefetch_related(_listed("icpcs"))),
        _listed("icpcs"),
        _listed("cp_plans", ChildProtectionPlan.objects.prefetch_related(_listed("reviews"))),
    )
    return Child.objects.filter(pk__in=child_ids).prefetch_related(
        _listed("disabilities"),
        _listed("cin_episodes", episodes),
        Prefetch(
            "cp_plans",
            queryset=ChildProtectionPlan.objects.only("id", "child_id", "start_date"),
            to_attr="every_cp_plan",
        ),
    )


def census_rows(period: CensusPeriod, user=None, notes: list[str] | None = None):
    """Yield one `ChildRow` per child in the census, in council ID order."""
    cal = calendar()
    selector = Selector(period, cal.add_working_days)
    # Sorted here, not by the database: PostgreSQL's collation and SQLite's differ, and the
    # same records must give the same file on both.
    rows = sorted(census_children(period, user).values_list("council_id", "pk"))
    ids = [pk for _, pk in rows]
    for i in range(0, len(ids), BATCH):
        batch = sorted(_with_records(ids[i : i + BATCH], period), key=lambda c: c.council_id)
        for child in batch:
            starts = [p.start_date for p in child.every_cp_plan]
            yield selector.child_row(child, child.census_cin_episodes, starts)
            if notes is not None:
                notes.extend(selector.notes)
            selector.notes.clear()


def _checked_la_code(la_code: str) -> str:
    if not re.fullmatch(r"\d{3}", la_code or ""):
        raise ValidationError({"la_code": "The LA code must be the council's 3-digit DfE number."})
    return la_code


def export_cin_census(
    year: int,
    out: Path,
    la_code: str = "938",
    *,
    user=None,
    generated_at: datetime | None = None,
    serial_no: int = 1,
    validate: bool = True,
) -> ExportSummary:
    """Write the CIN census for the year ending 31 March `year` to `out`.

    `generated_at` is the header DateTime (default: the end of the reference day, so unchanged
    data gives an identical file). With `validate`, the written file is checked against the DfE
    schema and any problem is listed in the summary. One audit event records the export.
    """
    period = CensusPeriod(year)
    la_code = _checked_la_code(la_code)
    if generated_at is None:
        generated_at = datetime.combine(period.end, time(23, 59, 59), tzinfo=LONDON)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(path=out, period=period)
    header = header_element(period, la_code, generated_at, serial_no)
    etree.indent(header, space="  ", level=1)

    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  ')
            f.write(etree.tostring(header, encoding="utf-8"))
            f.write(b"\n  <Children>\n")
            for row in census_rows(period, user, summary.notes):
                element = child_element(row)
                etree.indent(element, space="  ", level=2)
                f.write(b"    " + etree.tostring(element, encoding="utf-8") + b"\n")
                _count(summary.counts, row)
            f.write(b"  </Children>\n</Message>\n")
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

    if validate:
        summary.schema_problems = schema_problems(out)
    record(
        user,
        EventType.CIN_CENSUS_EXPORTED,
        "CIN census",
        "export",
        f"Exported the CIN census {period.label} ({summary.children} children)",
        year=year,
        la_code=la_code,
        file=out.name,
        counts=dict(sorted(summary.counts.items())),
        records_not_returned=len(summary.notes),
    )
    return summary
