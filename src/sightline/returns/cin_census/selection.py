"""Which records belong in a census year, and what the census says about each.

The DfE census guide and the DfE validator (`csc-validator-be-cin`, ruleset cin2025_26) set
the rules; each rule below names the validator rule that enforces it. Everything is reported
as it stood at the reference date (31 March): anything that happened later is left out, so a
plan that ended in May is open in the census and an assessment authorised in April is not yet
complete.

- Child: included when any CIN episode was open at some point in the year (referral on or
  before 31 March, and no closure or closure on or after 1 April). A child born after 31 March
  was unborn at the reference date: expected date of birth and sex U (8750, 8520).
- Episode (CINdetails): open at some point in the year; a closure after 31 March is left out
  (8620 wants closure dates in the year).
- Assessment: authorised in the year (8696), or not authorised by 31 March and started in the
  year (8736). Factors only on an authorised assessment (8614). An assessment authorised before
  the year is over; one started before the year and still not authorised at 31 March cannot be
  returned (8736) and is listed in the export summary for someone to put right.
- CIN plan: started on or before 31 March (4010) and not ended before 1 April (4013).
- Section 47 enquiry: started in the year, or started earlier with its initial conference in
  the year (the DfE counts enquiries started, and conferences held, in the year). 8740 refuses
  an enquiry that started before the year with no conference and no "ICPC not required"; an
  earlier enquiry that ended without a conference is not returned again (the census holds no
  end date for it, so a re-imported census could not tell when it ended). The conference date
  is the one linked to the enquiry (8715: in the year); ICPCnotRequired is 1 when the enquiry
  ended without a conference by 31 March (its own flag, or an outcome of a CIN plan or no
  further action), never alongside a conference date (8868).
  InitialCPCtarget is 15 working days after the start (Working Together 2023).
- DateOfInitialCPC on the episode: a conference held in the year that is not linked to a
  section 47 enquiry (a transfer-in conference); never the same conference twice (2884).
- Child protection plan: started on or before 31 March (8720) and not ended before 1 April
  (8930). NumberOfPreviousCPP counts the child's earlier plans Sightline holds and those the
  plan records as held elsewhere (another council, or before the records began). Reviews: every
  review conference of the plan held on or before 31 March, so the DfE can check each review
  was on time, including the first review of a plan that started before the year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sightline.protection.models import Section47Enquiry
from sightline.reference.codes import code_list

from .period import CensusPeriod

# Working Together 2023: the initial conference within 15 working days of the strategy
# discussion; the census measures it from the section 47 start.
ICPC_TARGET_WORKING_DAYS = 15
_ENDED_WITHOUT_CONFERENCE = {Section47Enquiry.Outcome.CIN, Section47Enquiry.Outcome.NFA}


@dataclass
class AssessmentRow:
    start: date
    authorised: date | None
    factors: list[str] = field(default_factory=list)


@dataclass
class CINPlanRow:
    start: date
    end: date | None


@dataclass
class Section47Row:
    start: date
    target: date
    icpc: date | None
    icpc_not_required: bool


@dataclass
class CPPlanRow:
    start: date
    end: date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: list[date] = field(default_factory=list)


@dataclass
class EpisodeRow:
    referral_date: date
    referral_source: str
    primary_need: str
    closure_date: date | None
    closure_reason: str
    icpc: date | None
    referral_nfa: bool
    assessments: list[AssessmentRow] = field(default_factory=list)
    cin_plans: list[CINPlanRow] = field(default_factory=list)
    section47s: list[Section47Row] = field(default_factory=list)
    cp_plans: list[CPPlanRow] = field(default_factory=list)


@dataclass
class ChildRow:
    la_child_id: str
    upn: str
    former_upn: str
    upn_unknown: str
    birth_date: date | None
    expected_birth_date: date | None
    sex: str
    death_date: date | None
    ethnicity: str
    disabilities: list[str]
    episodes: list[EpisodeRow] = field(default_factory=list)


def _by_code_list(name: str, codes: Iterable[str]) -> list[str]:
    """Codes in the DfE list's own order (unknown codes last), so output never depends on pks."""
    order = {code: i for i, code in enumerate(code_list(name))}
    return sorted(set(codes), key=lambda c: (order.get(c, len(order)), c))


def _ordered(records, *names: str) -> list:
    """Records sorted by the given date fields then pk: stable across export and re-import."""
    return sorted(records, key=lambda r: (*(getattr(r, n) for n in names), r.pk))


class Selector:
    """Turns one child's records into census rows for one period.

    The records come prefetched into `census_*` lists by `export._with_records`.

    `add_working_days(day, n)` is the council's working-day calendar. `notes` collects records
    open in the year that the census rules could not return, for the export summary.
    """

    def __init__(self, period: CensusPeriod, add_working_days: Callable[[date, int], date]):
        self.period = period
        self.add_working_days = add_working_days
        self.notes: list[str] = []

    # -- which records --------------------------------------------------------------------------

    def assessment_row(self, child, assessment) -> AssessmentRow | None:
        p = self.period
        if assessment.start_date > p.end:
            return None
        authorised = p.as_at_end(assessment.authorised_date)
        if authorised is not None:
            if authorised < p.start:
                return None  # completed before the year
            codes = (f.code for f in assessment.census_factors)
            factors = _by_code_list("CIN_assessment_factor", codes)
            return AssessmentRow(assessment.start_date, authorised, factors)
        if assessment.start_date < p.start:
            self.notes.append(
                f"{child.council_id}: the assessment started {assessment.start_date:%d/%m/%Y} "
                f"was not authorised by {p.end:%d/%m/%Y}, so it cannot be returned (DfE rule 8736)."
            )
            return None
        return AssessmentRow(assessment.start_date, None)

    def cin_plan_row(self, plan) -> CINPlanRow | None:
        p = self.period
        if plan.start_date > p.end or (plan.end_date is not None and plan.end_date < p.start):
            return None
        return CINPlanRow(plan.start_date, p.as_at_end(plan.end_date))

    def section47_row(self, child, s47) -> Section47Row | None:
        p = self.period
        if s47.start_date > p.end:
            return None
        held = sorted(c.date for c in s47.census_icpcs if c.date <= p.end)
        icpc = held[0] if held else None
        ended = p.as_at_end(s47.end_date)
        ended_without = ended is not None and s47.outcome in _ENDED_WITHOUT_CONFERENCE
        not_required = icpc is None and (s47.icpc_not_required or ended_without)
        if s47.start_date < p.start:
            if icpc is None and not not_required and ended is None:
                self.notes.append(
                    f"{child.council_id}: the section 47 enquiry started "
                    f"{s47.start_date:%d/%m/%Y} still had no initial conference and no recorded "
                    f"end on {p.end:%d/%m/%Y}; it is not returned (DfE rule 8740)."
                )
            if icpc is None or icpc < p.start:
                return None  # an earlier enquiry is returned only for its conference in the year
        target = self.add_working_days(s47.start_date, ICPC_TARGET_WORKING_DAYS)
        return Section47Row(s47.start_date, target, icpc, not_required)

    def cp_plan_row(self, plan, earlier_starts: list[date]) -> CPPlanRow | None:
        p = self.period
        if plan.start_date > p.end or (plan.end_date is not None and plan.end_date < p.start):
            return None
        reviews = [r.date for r in _ordered(plan.census_reviews, "date") if r.date <= p.end]
        return CPPlanRow(
            start=plan.start_date,
            end=p.as_at_end(plan.end_date),
            initial_category=plan.initial_category,
            latest_category=plan.latest_category,
            previous_plans=sum(1 for d in earlier_starts if d < plan.start_date)
            + plan.previous_plans_elsewhere,
            reviews=reviews,
        )

    # -- the child ------------------------------------------------------------------------------

    def episode_row(self, child, episode, plan_starts: list[date]) -> EpisodeRow:
        p = self.period
        closure = p.as_at_end(episode.closure_date)
        s47_rows = []
        for s47 in _ordered(episode.census_s47_enquiries, "start_date"):
            row = self.section47_row(child, s47)
            if row is not None:
                s47_rows.append(row)
        s47_dates = {row.icpc for row in s47_rows if row.icpc is not None}
        transfer_in = sorted(
            c.date
            for c in episode.census_icpcs
            if c.section47_id is None and p.contains(c.date) and c.date not in s47_dates
        )
        return EpisodeRow(
            referral_date=episode.referral_date,
            referral_source=episode.referral_source,
            primary_need=episode.primary_need,
            closure_date=closure,
            closure_reason=episode.closure_reason if closure else "",
            icpc=transfer_in[0] if transfer_in else None,
            referral_nfa=episode.referral_nfa,
            assessments=[
                row
                for a in _ordered(episode.census_assessments, "start_date")
                if (row := self.assessment_row(child, a)) is not None
            ],
            cin_plans=[
                row
                for plan in _ordered(episode.census_cin_plans, "start_date")
                if (row := self.cin_plan_row(plan)) is not None
            ],
            section47s=s47_rows,
            cp_plans=[
                row
                for plan in _ordered(episode.census_cp_plans, "start_date")
                if (row := self.cp_plan_row(plan, plan_starts)) is not None
            ],
        )

    def child_row(self, child, episodes, plan_starts: list[date]) -> ChildRow:
        """`episodes`: the child's episodes open in the year; `plan_starts`: the start date of
        every child protection plan the child has had (for NumberOfPreviousCPP)."""
        p = self.period
        born = child.date_of_birth if child.date_of_birth and child.date_of_birth <= p.end else None
        unborn = born is None
        expected = (child.expected_date_of_birth or child.date_of_birth) if unborn else None
        return ChildRow(
            la_child_id=child.council_id,
            upn=child.upn,
            former_upn=child.former_upn,
            upn_unknown=child.upn_unknown_reason if not child.upn else "",
            birth_date=born,
            expected_birth_date=expected,
            # The DfE records an unborn child's sex as U (rule 8750).
            sex="U" if unborn else child.sex,
            death_date=p.as_at_end(child.date_of_death),
            ethnicity=child.ethnicity,
            # No disability recorded is returned as NONE: the census has no "not recorded",
            # and rule 8540 needs a code for every child referred for further action.
            disabilities=_by_code_list(
                "CIN_disability", (d.code for d in child.census_disabilities)
            )
            or ["NONE"],
            episodes=[
                self.episode_row(child, e, plan_starts) for e in _ordered(episodes, "referral_date")
            ],
        )
