"""Writing Ofsted's Annex A workbook (ILACS) as at an inspection date, from the case records.

Annex A is a projection of the same records as everything else: contacts, early help
assessments, referrals (CIN episodes), assessments, section 47 enquiries, CIN episodes, child
protection plans, periods of care, care leavers and adoption, each list over the period
`periods.PERIODS` declares. Sheet names ("List 1" to "List 11") and column headers are the
schema's canonical ones, in its order; dates are real Excel dates shown dd/mm/yyyy; coded
values are written as `values.py` explains.

How each column is worked out, where it is not simply a field:
- Age of Child (Years): age on the as-at date. Disability: "a) Yes" when the child has a
  recorded disability, "b) No" when the record says none (NONE), "c) Unknown" when there is
  no disability record at all.
- Allocated Team / Worker: the social worker allocated on the as-at date (the latest to start,
  if two), else the last one whose allocation ended in the 12 months before it; blank if none.
  List 9's Allocated Personal Advisor is the personal adviser allocated the same way, else the
  pathway plan's adviser.
- "Number of ... in the last 12 months" (lists 3 and 5): the child's other records dated in the
  12 months up to the row's own date (the row's record itself is not counted).
- List 4: an assessment is open from its start until it is authorised or its referral closes,
  whichever comes first. "Child Seen During Continuous Assessment" is Yes when a date the
  child was seen is recorded, else Unknown (Sightline has no record that a child was not
  seen). "Requiring support" is the assessment's outcome; without one, No when the referral
  closed RC8 or RC9 after it, Yes when a CIN or child protection plan followed it, else blank.
- List 5: the first column is the date of the strategy discussion that started the enquiry
  (the enquiry's start date when none is linked); the conference is the enquiry's first.
- List 6: Case Status on the as-at date (or "closed" when the episode closed by then), the
  most serious first: looked after, child protection plan, child in need plan, open
  assessment, else child in need plan. "Date Child Was Last Seen" is the latest date the child
  was seen (CIN, child protection and care visits, assessment sightings) during the episode,
  looking back at most 12 months before the period (then, for an open episode, any time).
- List 7: the plan's last visit and latest review conference; the number of previous plans counts
  the earlier plans held and those the plan records as held elsewhere; Emergency Protection Order or
  police protection: a legal status L1 or L2 in the six months to the as-at date.
- List 8: one row per period of care (consecutive episodes). The current legal status started
  with the latest episode whose reason for new episode is S, L, T or B; the most recent
  placement with the latest whose reason is S, P, T, B or U. Number of placements in the last
  12 months counts placements (runs of episodes from such a start) open in the 12 months to
  the as-at date. "Second or subsequent period within 12 months": an earlier period ended in
  the 12 months before this one began. Missing and absent episodes count those that started
  in the 12 months to the as-at date while the child was in this period of care; the return
  interview columns are about the last missing (not absent) episode among them. URN
  "XXXXXXX" (no URN) is written blank. Not held by Sightline, so blank: the permanence plan,
  the date of the last IRO visit, placement location (in or out of area) and its council.
- List 9: Eligibility Category from age and care status on the as-at date (in care and 16 or
  17: eligible; left care, under 18: relevant; 18 or over: former relevant; "qualifying" is
  not worked out). Latest pathway plan review: the plan's latest review, else its start.
  In touch, date of contact and activity: the latest keeping-in-touch record; accommodation:
  where the young person lives on the as-at date, else what that record says.
- List 10: "Date the Child Entered Care" is the start of the period of care in which the
  decision was made (else the latest before it); the fostering for adoption date is the start
  of the first U2 or U5 placement in that period.
- List 11: Sightline holds no prospective adopters; the sheet carries its headers.
Anything dated after the as-at date is left out (an export as at a past date shows the records
as they stood then, as far as the record's own dates tell).

The same records always give the same bytes: rows are sorted by child ID, then the row's key
date, then the rest of the row; the workbook's created and modified times are the as-at date;
and the zip entries carry a fixed time. One audit event (ANNEX_A_EXPORTED) records the export.
"""

from __future__ import annotations

import bisect
import os
import tempfile
import time as time_module
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from sightline.access.audit import EventType
from sightline.access.scope import children_visible_to
from sightline.assessments.models import Assessment, AssessmentChildSeen
from sightline.care.models import (
    SHORT_BREAKS,
    AdoptionProcess,
    CareEpisode,
    CareReview,
    CareVisit,
    HealthCheck,
    MissingEpisode,
    UASCPeriod,
)
from sightline.cin.models import CINEpisode, CINPlan, CINVisit
from sightline.early_help.models import EarlyHelpAssessment
from sightline.frontdoor.models import Contact
from sightline.leaving_care.models import (
    CareLeaverAccommodation,
    CareLeaverContact,
    PathwayPlan,
    PathwayPlanReview,
)
from sightline.people.models import Allocation, Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    InitialChildProtectionConference,
    Section47Enquiry,
)

from ..events import record
from ..records import open_during, open_on
from .periods import SIX_MONTHS, Window, months_before, twelve_months_before, window_for
from .schema import AnnexList, annex_a_lists
from .values import UNKNOWN, coding, split_accommodation, yes_no

LONDON = ZoneInfo("Europe/London")
DATE_FORMAT = "dd/mm/yyyy"
BATCH = 900  # ids per IN (...) query: under SQLite's old limit of 999 variables
LEGAL_STATUS_STARTS = {"S", "L", "T", "B"}
PLACEMENT_STARTS = {"S", "P", "T", "B", "U"}
FOSTERING_FOR_ADOPTION = {"U2", "U5"}
EMERGENCY_PROTECTION = {"L1", "L2"}
NO_URN = "XXXXXXX"

CASE_LOOKED_AFTER = "a) Looked after child"
CASE_CP_PLAN = "b) Child Protection plan"
CASE_CIN_PLAN = "c) Child in need plan"
CASE_OPEN_ASSESSMENT = "d) Open assessment"
CASE_CLOSED = "e) Closed episode"

ELIGIBLE = "d) Eligible child"
RELEVANT = "a) Relevant child"
FORMER_RELEVANT = "b) Former relevant child"


@dataclass
class ExportSummary:
    path: Path
    as_at: date
    rows: dict[int, int] = field(default_factory=dict)  # list number -> rows written
    windows: dict[int, Window] = field(default_factory=dict)
    children: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        lists = annex_a_lists()
        out = [
            f"Wrote Annex A as at {self.as_at:%d/%m/%Y} to {self.path} ({self.children} "
            f"children, {self.seconds:.1f} seconds)"
        ]
        for number, annex in lists.items():
            window = self.windows.get(number)
            when = (
                f"as at {window.end:%d/%m/%Y}"
                if window and window.start == window.end
                else (window.label if window else "")
            )
            out.append(
                f"  {annex.sheet_name} ({annex.title}): {self.rows.get(number, 0)} rows, {when}"
            )
        return out


# -- small helpers ------------------------------------------------------------------------------


def _as_at_or_none(day: date | None, as_at: date) -> date | None:
    """A date that had happened by the as-at date, else None (not yet known then)."""
    return day if day is not None and day <= as_at else None


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), BATCH):
        yield ordered[i : i + BATCH]


def _latest_on_or_before(days: list[date], limit: date, floor: date | None = None) -> date | None:
    """The latest of the sorted `days` on or before `limit` (and on or after `floor`)."""
    i = bisect.bisect_right(days, limit)
    if i == 0:
        return None
    found = days[i - 1]
    return found if floor is None or found >= floor else None


def _count_between(days: list[date], start: date, end: date) -> int:
    return bisect.bisect_right(days, end) - bisect.bisect_left(days, start)


class _Fill(Enum):
    """A column filled in once every child's details are loaded (after all lists are found)."""

    DISABILITY = "disability"
    TEAM = "team"
    WORKER = "worker"


@dataclass(frozen=True)
class _Adviser:
    """List 9's personal adviser: the allocated one, else the pathway plan's (`fallback`)."""

    fallback: str | None


@dataclass(frozen=True)
class ChildInfo:
    council_id: str
    gender: str | None
    ethnicity: str | None
    born: date | None
    age: int | None
    disability: str | None  # a) Yes / b) No / c) Unknown


@dataclass(frozen=True)
class Allocated:
    team: str | None = None
    worker: str | None = None


@dataclass
class _Period:
    """A period of care: consecutive episodes, each (start, end, rne, ls, cin, place,
    provider, postcode, urn, reason_ceased), cut at the as-at date."""

    episodes: list[tuple]

    @property
    def start(self) -> date:
        return self.episodes[0][0]

    @property
    def end(self) -> date | None:
        return self.episodes[-1][1]

    @property
    def current(self) -> tuple:
        return self.episodes[-1]

    def latest_start(self, reasons: set[str]) -> date:
        for episode in reversed(self.episodes):
            if episode[2] in reasons:
                return episode[0]
        return self.start

    def placements(self) -> list[tuple[date, date | None]]:
        """(start, end) of each placement: a run of episodes from a placement-changing one."""
        runs: list[list] = []
        for episode in self.episodes:
            if not runs or episode[2] in PLACEMENT_STARTS:
                runs.append([episode[0], episode[1]])
            else:
                runs[-1][1] = episode[1]
        return [(s, e) for s, e in runs]


def _periods(episodes: list[tuple], as_at: date) -> list[_Period]:
    """Periods of care from a child's episodes in start order, as they stood on `as_at`."""
    periods: list[_Period] = []
    for episode in episodes:
        start, end = episode[0], episode[1]
        if start > as_at:
            break
        if end is not None and end > as_at:
            episode = (start, None, *episode[2:-1], "")
        if periods and periods[-1].end is not None and periods[-1].end == start:
            periods[-1].episodes.append(episode)
        else:
            periods.append(_Period([episode]))
    return periods


def assessments_open_in(window: Window):
    """Assessments open at some point in `window`. One never authorised is taken to have ended
    when its referral closed: it cannot be open on a closed case."""
    return open_during(Assessment.objects, window.start, window.end, end="authorised_date").filter(
        Q(cin_episode__closure_date__isnull=True) | Q(cin_episode__closure_date__gte=window.start)
    )


class _Builder:
    """Works out every list's rows from the records (values() querysets, one pass each)."""

    def __init__(self, as_at: date, user) -> None:
        self.as_at = as_at
        self.user = user
        self.visible = None if user is None else children_visible_to(user).values("pk")
        self.children: dict[int, ChildInfo] = {}
        self.allocations: dict[int, dict[str, Allocated]] = {}
        self._in_care_today: set[int] | None = None

    def scoped(self, queryset, field: str = "child"):
        if self.visible is None:
            return queryset
        return queryset.filter(**{f"{field}__in": self.visible})

    # -- the child's details, loaded once for every child on any list -------------------------

    def load_children(self, ids: set[int]) -> None:
        as_at = self.as_at
        gender, ethnicity = coding("gender"), coding("ethnicity")
        disabilities: dict[int, set[str]] = defaultdict(set)
        twelve = twelve_months_before(as_at).start
        allocations: dict[int, list[tuple]] = defaultdict(list)
        for batch in _batches(ids):
            for child_id, code in ChildDisability.objects.filter(child_id__in=batch).values_list(
                "child_id", "code"
            ):
                disabilities[child_id].add(code)
            rows = open_during(
                Allocation.objects.filter(
                    child_id__in=batch,
                    kind__in=(Allocation.Kind.SOCIAL_WORKER, Allocation.Kind.PERSONAL_ADVISER),
                ),
                twelve,
                as_at,
            )
            for row in rows.values_list(
                "child_id",
                "kind",
                "start_date",
                "end_date",
                "team__name",
                "worker__first_name",
                "worker__last_name",
            ):
                allocations[row[0]].append(row[1:])
            for pk, council_id, sex, eth, born in Child.objects.filter(pk__in=batch).values_list(
                "pk", "council_id", "sex", "ethnicity", "date_of_birth"
            ):
                codes = disabilities.get(pk)
                disabled = UNKNOWN if not codes else yes_no(bool(codes - {"NONE"}))
                self.children[pk] = ChildInfo(
                    council_id,
                    gender.export(sex),
                    ethnicity.export(eth),
                    _as_at_or_none(born, as_at),
                    _age(born, as_at) if born and born <= as_at else None,
                    disabled,
                )
        for child_id, rows in allocations.items():
            chosen: dict[str, Allocated] = {}
            for kind in (Allocation.Kind.SOCIAL_WORKER, Allocation.Kind.PERSONAL_ADVISER):
                mine = [r for r in rows if r[0] == kind]
                current = [r for r in mine if r[2] is None or r[2] >= as_at]
                if current:
                    pick = max(current, key=lambda r: (r[1], r[3] or "", r[4], r[5]))
                elif mine:
                    pick = max(mine, key=lambda r: (r[2], r[1], r[3] or "", r[4], r[5]))
                else:
                    continue
                chosen[kind] = Allocated(pick[3], f"{pick[4]} {pick[5]}".strip())
            self.allocations[child_id] = chosen

    def allocated(self, child_id: int, kind: str = Allocation.Kind.SOCIAL_WORKER) -> Allocated:
        return self.allocations.get(child_id, {}).get(kind, Allocated())

    def who(self, child_id: int) -> list:
        """The five columns every child list starts with."""
        c = self.children[child_id]
        return [c.council_id, c.gender, c.ethnicity, c.born, c.age]

    # -- shared facts ----------------------------------------------------------------------------

    def in_care_on(self, day: date) -> set[int]:
        """Children looked after on `day` (an episode's end date is the day care ceased)."""
        if day == self.as_at and self._in_care_today is not None:
            return self._in_care_today
        rows = self.scoped(open_on(CareEpisode.objects, day)).exclude(legal_status__in=SHORT_BREAKS)
        found = set(rows.values_list("child_id", flat=True))
        if day == self.as_at:
            self._in_care_today = found
        return found

    # -- list 1: contacts -----------------------------------------------------------------------

    def list_1(self, window: Window) -> list[tuple[int, list]]:
        start = datetime.combine(window.start, time(0), tzinfo=LONDON)
        end = datetime.combine(window.end + timedelta(days=1), time(0), tzinfo=LONDON)
        source = coding("contact_source")
        rows = []
        qs = self.scoped(Contact.objects.filter(received_at__gte=start, received_at__lt=end))
        for child_id, received, code in qs.values_list("child_id", "received_at", "source"):
            rows.append((child_id, [received.astimezone(LONDON).date(), source.export(code)]))
        return rows

    # -- list 2: early help assessments -------------------------------------------------------

    def list_2(self, window: Window) -> list[tuple[int, list]]:
        qs = self.scoped(
            open_during(EarlyHelpAssessment.objects, window.start, window.end, end="completed_date")
        )
        rows = []
        for child_id, start, completed, organisation in qs.values_list(
            "child_id", "start_date", "completed_date", "organisation"
        ):
            rows.append((child_id, [start, _as_at_or_none(completed, self.as_at), organisation]))
        return rows

    # -- list 3: referrals ------------------------------------------------------------------------

    def list_3(self, window: Window) -> list[tuple[int, list]]:
        source = coding("referral_source")
        qs = self.scoped(
            CINEpisode.objects.filter(
                referral_date__gte=window.start, referral_date__lte=window.end
            )
        )
        found = list(qs.values_list("child_id", "referral_date", "referral_source", "referral_nfa"))
        earlier: dict[int, list[date]] = defaultdict(list)
        history = self.scoped(
            CINEpisode.objects.filter(
                referral_date__gte=twelve_months_before(window.start).start,
                referral_date__lte=window.end,
                child_id__in=qs.values("child_id"),
            )
        )
        for child_id, day in history.values_list("child_id", "referral_date"):
            earlier[child_id].append(day)
        for days in earlier.values():
            days.sort()
        rows = []
        for child_id, day, code, nfa in found:
            span = twelve_months_before(day)
            count = _count_between(earlier[child_id], span.start, day) - 1
            rows.append(
                (
                    child_id,
                    [day, source.export(code), yes_no(nfa), count, _Fill.TEAM, _Fill.WORKER],
                )
            )
        return rows

    # -- list 4: assessments --------------------------------------------------------------------

    def list_4(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        qs = self.scoped(assessments_open_in(window))
        found = list(
            qs.values_list(
                "pk", "child_id", "cin_episode_id", "start_date", "authorised_date", "outcome"
            )
        )
        seen = set(
            AssessmentChildSeen.objects.filter(
                assessment__in=qs.values("pk"), date__lte=as_at
            ).values_list("assessment_id", flat=True)
        )
        episodes = qs.values("cin_episode_id")
        closures = {
            pk: (closed, reason)
            for pk, closed, reason in CINEpisode.objects.filter(pk__in=episodes).values_list(
                "pk", "closure_date", "closure_reason"
            )
        }
        plan_starts: dict[int, list[date]] = defaultdict(list)
        for model in (CINPlan, ChildProtectionPlan):
            for episode_id, start in model.objects.filter(
                cin_episode__in=episodes, start_date__lte=as_at
            ).values_list("cin_episode_id", "start_date"):
                plan_starts[episode_id].append(start)
        support = {
            Assessment.Outcome.CIN_PLAN: True,
            Assessment.Outcome.STRATEGY_DISCUSSION: True,
            Assessment.Outcome.CARE: True,
            Assessment.Outcome.NO_FURTHER_ACTION: False,
            Assessment.Outcome.EARLY_HELP: False,
        }
        rows = []
        for pk, child_id, episode_id, start, authorised, outcome in found:
            authorised = _as_at_or_none(authorised, as_at)
            needs = support.get(outcome) if authorised else None
            if authorised and needs is None:
                closed, reason = closures.get(episode_id, (None, ""))
                if closed and closed <= as_at and reason in ("RC8", "RC9"):
                    needs = False
                elif any(s >= start for s in plan_starts.get(episode_id, ())):
                    needs = True
            rows.append(
                (
                    child_id,
                    [
                        _Fill.DISABILITY,
                        start,
                        yes_no(True) if pk in seen else UNKNOWN,
                        authorised,
                        yes_no(needs),
                        _Fill.TEAM,
                        _Fill.WORKER,
                    ],
                )
            )
        return rows

    # -- list 5: section 47 enquiries -----------------------------------------------------------

    def list_5(self, window: Window) -> list[tuple[int, list]]:
        in_window = Q(strategy_discussion__date__gte=window.start) & Q(
            strategy_discussion__date__lte=window.end
        )
        no_discussion = (
            Q(strategy_discussion__isnull=True)
            & Q(start_date__gte=window.start)
            & Q(start_date__lte=window.end)
        )
        qs = self.scoped(Section47Enquiry.objects.filter(in_window | no_discussion))
        found = list(
            qs.values_list(
                "pk", "child_id", "start_date", "strategy_discussion__date", "icpc_not_required"
            )
        )
        first_icpc: dict[int, tuple[date, bool]] = {}
        for s47_id, day, plan in (
            InitialChildProtectionConference.objects.filter(
                section47__in=qs.values("pk"), date__lte=self.as_at
            )
            .order_by("date", "pk")
            .values_list("section47_id", "date", "plan_made")
        ):
            first_icpc.setdefault(s47_id, (day, plan))
        since = twelve_months_before(window.start).start
        children = qs.values("child_id")
        enquiries: dict[int, list[date]] = defaultdict(list)
        for child_id, start, discussed in Section47Enquiry.objects.filter(
            child__in=children
        ).values_list("child_id", "start_date", "strategy_discussion__date"):
            day = discussed or start
            if since <= day <= window.end:
                enquiries[child_id].append(day)
        conferences: dict[int, list[date]] = defaultdict(list)
        for child_id, day in InitialChildProtectionConference.objects.filter(
            child__in=children, date__gte=since, date__lte=window.end
        ).values_list("child_id", "date"):
            conferences[child_id].append(day)
        for days in (*enquiries.values(), *conferences.values()):
            days.sort()
        rows = []
        for pk, child_id, start, discussed, not_required in found:
            day = discussed or start
            span = twelve_months_before(day)
            icpc = first_icpc.get(pk)
            earlier_conferences = _count_between(
                conferences[child_id], span.start, day - timedelta(days=1)
            )
            rows.append(
                (
                    child_id,
                    [
                        _Fill.DISABILITY,
                        day,
                        yes_no(not_required),
                        icpc[0] if icpc else None,
                        yes_no(icpc[1]) if icpc else None,
                        _count_between(enquiries[child_id], span.start, day) - 1,
                        earlier_conferences,
                        _Fill.TEAM,
                        _Fill.WORKER,
                    ],
                )
            )
        return rows

    # -- list 6: children in need ---------------------------------------------------------------

    def _seen_dates(self, children, since: date) -> tuple[dict[int, list[date]], dict[int, date]]:
        """({child: sorted dates seen from `since` to as-at}, {child: latest date ever seen})."""
        as_at = self.as_at
        recent: dict[int, list[date]] = defaultdict(list)
        latest: dict[int, date] = {}
        sources = (
            (CINVisit.objects.filter(seen=True), "visit_date"),
            (ChildProtectionVisit.objects.filter(seen=True), "visit_date"),
            (CareVisit.objects.filter(seen=True), "visit_date"),
            (AssessmentChildSeen.objects.all(), "date"),
        )
        for queryset, day in sources:
            mine = queryset.filter(child__in=children, **{f"{day}__lte": as_at})
            for child_id, seen in mine.filter(**{f"{day}__gte": since}).values_list(
                "child_id", day
            ):
                recent[child_id].append(seen)
            for child_id, seen in (
                mine.order_by()
                .values("child_id")
                .annotate(last=Max(day))
                .values_list("child_id", "last")
            ):
                if seen and (child_id not in latest or seen > latest[child_id]):
                    latest[child_id] = seen
        for days in recent.values():
            days.sort()
        return recent, latest

    def list_6(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        referrals = CINEpisode.objects.filter(referral_nfa=False)
        qs = self.scoped(
            open_during(referrals, window.start, window.end, "referral_date", "closure_date")
        )
        found = list(
            qs.values_list(
                "pk",
                "child_id",
                "referral_date",
                "primary_need",
                "closure_date",
                "closure_reason",
            )
        )
        episodes = qs.values("pk")

        def open_on_as_at(model, start: str, end: str) -> set[int]:
            rows = open_on(model.objects.filter(cin_episode__in=episodes), as_at, start, end)
            return set(rows.values_list("cin_episode_id", flat=True))

        on_cp = open_on_as_at(ChildProtectionPlan, "start_date", "end_date")
        on_cin = open_on_as_at(CINPlan, "start_date", "end_date")
        assessing = open_on_as_at(Assessment, "start_date", "authorised_date")
        in_care = self.in_care_on(as_at)
        since = twelve_months_before(window.start).start
        recent, latest = self._seen_dates(qs.values("child_id"), since)
        need, closure = coding("primary_need"), coding("closure_reason")
        rows = []
        for pk, child_id, referred, code, closed, reason in found:
            closed = _as_at_or_none(closed, as_at)
            if closed:
                status = CASE_CLOSED
            elif child_id in in_care:
                status = CASE_LOOKED_AFTER
            elif pk in on_cp:
                status = CASE_CP_PLAN
            elif pk in on_cin:
                status = CASE_CIN_PLAN
            elif pk in assessing:
                status = CASE_OPEN_ASSESSMENT
            else:
                status = CASE_CIN_PLAN
            seen = _latest_on_or_before(recent.get(child_id, []), closed or as_at, referred)
            if seen is None and closed is None:
                last = latest.get(child_id)
                seen = last if last and last >= referred else None
            rows.append(
                (
                    child_id,
                    [
                        _Fill.DISABILITY,
                        referred,
                        need.export(code),
                        seen,
                        closed,
                        closure.export(reason) if closed else None,
                        status,
                        _Fill.TEAM,
                        _Fill.WORKER,
                    ],
                )
            )
        return rows

    # -- list 7: child protection plans ---------------------------------------------------------

    def list_7(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        qs = self.scoped(open_during(ChildProtectionPlan.objects, window.start, window.end))
        found = list(
            qs.values_list(
                "pk",
                "child_id",
                "start_date",
                "end_date",
                "initial_category",
                "latest_category",
                "previous_plans_elsewhere",
            )
        )
        plans = qs.values("pk")
        visits: dict[int, tuple[date, bool]] = {}
        for plan_id, day, alone in (
            ChildProtectionVisit.objects.filter(cp_plan__in=plans, visit_date__lte=as_at)
            .order_by("visit_date", "seen_alone")
            .values_list("cp_plan_id", "visit_date", "seen_alone")
        ):
            visits[plan_id] = (day, alone)
        reviews = dict(
            ChildProtectionReview.objects.filter(cp_plan__in=plans, date__lte=as_at)
            .order_by()
            .values("cp_plan_id")
            .annotate(last=Max("date"))
            .values_list("cp_plan_id", "last")
        )
        starts: dict[int, list[date]] = defaultdict(list)
        for child_id, start in ChildProtectionPlan.objects.filter(
            child__in=qs.values("child_id")
        ).values_list("child_id", "start_date"):
            starts[child_id].append(start)
        for days in starts.values():
            days.sort()
        six = months_before(as_at, SIX_MONTHS)
        protected = set(
            self.scoped(
                open_during(
                    CareEpisode.objects.filter(legal_status__in=EMERGENCY_PROTECTION),
                    six.start,
                    six.end,
                )
            ).values_list("child_id", flat=True)
        )
        initial, latest_category = coding("initial_category"), coding("latest_category")
        rows = []
        for pk, child_id, start, end, first, latest_code, elsewhere in found:
            visit = visits.get(pk)
            rows.append(
                (
                    child_id,
                    [
                        _Fill.DISABILITY,
                        start,
                        initial.export(first),
                        latest_category.export(latest_code),
                        visit[0] if visit else None,
                        yes_no(visit[1]) if visit else None,
                        reviews.get(pk),
                        _as_at_or_none(end, as_at),
                        yes_no(child_id in protected),
                        bisect.bisect_left(starts[child_id], start) + elsewhere,
                        _Fill.TEAM,
                        _Fill.WORKER,
                    ],
                )
            )
        return rows

    # -- list 8: children in care ----------------------------------------------------------------

    def _care_episodes(self, children) -> dict[int, list[tuple]]:
        episodes: dict[int, list[tuple]] = defaultdict(list)
        for row in (
            CareEpisode.objects.filter(child__in=children)
            .order_by("child_id", "start_date", "pk")
            .values_list(
                "child_id",
                "start_date",
                "end_date",
                "reason_new_episode",
                "legal_status",
                "category_of_need",
                "placement_type",
                "placement_provider",
                "placement_postcode",
                "urn",
                "reason_ceased",
            )
        ):
            episodes[row[0]].append(row[1:])
        return episodes

    def _latest_per_child(self, queryset, day: str) -> dict[int, list[date]]:
        found: dict[int, list[date]] = defaultdict(list)
        for child_id, value in queryset.filter(**{f"{day}__lte": self.as_at}).values_list(
            "child_id", day
        ):
            found[child_id].append(value)
        for days in found.values():
            days.sort()
        return found

    def list_8(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        touching = self.scoped(open_during(CareEpisode.objects, window.start, window.end)).values(
            "child_id"
        )
        episodes = self._care_episodes(touching)
        twelve = twelve_months_before(as_at)
        reviews = self._latest_per_child(CareReview.objects.filter(child__in=touching), "date")
        visits = self._latest_per_child(CareVisit.objects.filter(child__in=touching), "visit_date")
        health = self._latest_per_child(
            HealthCheck.objects.filter(
                child__in=touching,
                kind__in=(HealthCheck.Kind.INITIAL, HealthCheck.Kind.REVIEW),
            ),
            "date",
        )
        dental = self._latest_per_child(
            HealthCheck.objects.filter(child__in=touching, kind=HealthCheck.Kind.DENTAL), "date"
        )
        uasc = set(
            open_during(
                UASCPeriod.objects.filter(child__in=touching), twelve.start, as_at
            ).values_list("child_id", flat=True)
        )
        start_dt = datetime.combine(twelve.start, time(0), tzinfo=LONDON)
        end_dt = datetime.combine(as_at + timedelta(days=1), time(0), tzinfo=LONDON)
        missing: dict[int, list[tuple]] = defaultdict(list)
        for child_id, kind, started, offered, accepted in (
            MissingEpisode.objects.filter(
                child__in=touching, started_at__gte=start_dt, started_at__lt=end_dt
            )
            .order_by("child_id", "started_at", "pk")
            .values_list("child_id", "kind", "started_at", "rhi_offered_at", "rhi_accepted")
        ):
            missing[child_id].append((kind, started.astimezone(LONDON).date(), offered, accepted))
        codes = {
            name: coding(name)
            for name in (
                "category_of_need",
                "legal_status",
                "placement_type",
                "placement_provider",
                "reason_ceased",
            )
        }
        rows = []
        for child_id, child_episodes in episodes.items():
            periods = _periods(child_episodes, as_at)
            for n, period in enumerate(periods):
                if not window.overlaps(period.start, period.end):
                    continue
                if all(e[3] in SHORT_BREAKS for e in period.episodes):
                    continue
                current = period.current
                ended = period.end
                limit = ended or as_at
                second = any(
                    p.end is not None and p.end >= period.start - relativedelta(months=12)
                    for p in periods[:n]
                )
                placements = sum(
                    1
                    for s, e in period.placements()
                    if s <= as_at and (e is None or e >= twelve.start)
                )
                away = [m for m in missing.get(child_id, ()) if period.start <= m[1] <= limit]
                last_missing = next((m for m in reversed(away) if m[0] == "M"), None)
                urn = current[8] if current[8] and current[8] != NO_URN else None
                rows.append(
                    (
                        child_id,
                        [
                            yes_no(child_id in uasc),
                            _Fill.DISABILITY,
                            period.start,
                            codes["category_of_need"].export(current[4]),
                            yes_no(second),
                            period.latest_start(LEGAL_STATUS_STARTS),
                            codes["legal_status"].export(current[3]),
                            _latest_on_or_before(reviews.get(child_id, []), limit, period.start),
                            _latest_on_or_before(visits.get(child_id, []), limit, period.start),
                            None,  # permanence plan: not held
                            None,  # last IRO visit: not held
                            _latest_on_or_before(health.get(child_id, []), limit),
                            _latest_on_or_before(dental.get(child_id, []), limit),
                            placements,
                            ended,
                            codes["reason_ceased"].export(current[9]) if ended else None,
                            period.latest_start(PLACEMENT_STARTS),
                            codes["placement_type"].export(current[5]),
                            codes["placement_provider"].export(current[6]),
                            current[7] or None,
                            urn,
                            None,  # placement location (in or out of area): not held
                            None,  # council of the placement: not held
                            sum(1 for m in away if m[0] == "M"),
                            sum(1 for m in away if m[0] == "A"),
                            yes_no(last_missing[2] is not None) if last_missing else None,
                            (
                                yes_no(last_missing[3])
                                if last_missing and last_missing[2] is not None
                                else None
                            ),
                            _Fill.TEAM,
                            _Fill.WORKER,
                        ],
                    )
                )
        return rows

    # -- list 9: care leavers -------------------------------------------------------------------

    def list_9(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        qs = self.scoped(open_during(PathwayPlan.objects, as_at, as_at))  # in force on the day
        plans: dict[int, tuple] = {}
        for row in qs.order_by("start_date", "pk").values_list(
            "child_id",
            "pk",
            "start_date",
            "personal_adviser__first_name",
            "personal_adviser__last_name",
            "child__date_of_birth",
        ):
            plans[row[0]] = row[1:]
        children = qs.values("child_id")
        reviews = dict(
            PathwayPlanReview.objects.filter(pathway_plan__in=qs.values("pk"), date__lte=as_at)
            .order_by()
            .values("pathway_plan_id")
            .annotate(last=Max("date"))
            .values_list("pathway_plan_id", "last")
        )
        contacts: dict[int, tuple] = {}
        for row in (
            CareLeaverContact.objects.filter(child__in=children, contact_date__lte=as_at)
            .order_by("contact_date", "pk")
            .values_list("child_id", "contact_date", "in_touch", "activity", "accommodation")
        ):
            contacts[row[0]] = row[1:]
        homes: dict[int, str] = {}
        for child_id, code in (
            open_on(CareLeaverAccommodation.objects.filter(child__in=children), as_at)
            .order_by("start_date", "pk")
            .values_list("child_id", "accommodation")
        ):
            homes[child_id] = code
        uasc = set(
            UASCPeriod.objects.filter(child__in=children, start_date__lte=as_at).values_list(
                "child_id", flat=True
            )
        )
        in_care = self.in_care_on(as_at)
        in_touch, activity = coding("in_touch"), coding("activity")
        rows = []
        for child_id, (plan_id, start, first, last, born) in plans.items():
            age = _age(born, as_at) if born and born <= as_at else None
            if child_id in in_care:
                eligibility = ELIGIBLE if age is not None and age < 18 else None
            elif age is not None:
                eligibility = RELEVANT if age < 18 else FORMER_RELEVANT
            else:
                eligibility = None
            contact = contacts.get(child_id)
            accommodation = homes.get(child_id) or (contact[3] if contact else None)
            kind, suitable = split_accommodation(accommodation)
            named = f"{first or ''} {last or ''}".strip() or None
            rows.append(
                (
                    child_id,
                    [
                        yes_no(child_id in uasc),
                        _Fill.DISABILITY,
                        _Fill.TEAM,
                        _Fill.WORKER,
                        _Adviser(named),
                        eligibility,
                        reviews.get(plan_id) or start,
                        in_touch.export(contact[1]) if contact else None,
                        contact[0] if contact else None,
                        kind,
                        suitable,
                        (
                            activity.export(contact[2])
                            if contact and contact[2] and contact[2] != "0"
                            else None
                        ),
                    ],
                )
            )
        return rows

    # -- list 10: adoption ------------------------------------------------------------------------

    def list_10(self, window: Window) -> list[tuple[int, list]]:
        as_at = self.as_at
        qs = self.scoped(
            AdoptionProcess.objects.filter(should_be_placed_date__lte=as_at)
            .exclude(adoption_order_date__lt=window.start)
            .exclude(placed_ceased_date__lt=window.start)
        )
        found = list(
            qs.values_list(
                "child_id",
                "should_be_placed_date",
                "placement_order_date",
                "matched_date",
                "placed_date",
                "adoption_order_date",
                "placed_ceased_date",
                "reason_placed_ceased",
            )
        )
        episodes = self._care_episodes(qs.values("child_id"))
        reason = coding("reason_placed_ceased")
        rows = []
        for child_id, decided, order, matched, placed, adopted, ceased, why in found:
            periods = _periods(episodes.get(child_id, []), as_at)
            home = None
            for period in periods:
                if period.start <= decided:
                    home = period
            ffa = None
            if home is not None:
                ffa = next((e[0] for e in home.episodes if e[5] in FOSTERING_FOR_ADOPTION), None)
            ceased = _as_at_or_none(ceased, as_at)
            rows.append(
                (
                    child_id,
                    [
                        None,  # family identifier: not held
                        _Fill.DISABILITY,
                        home.start if home else None,
                        decided,
                        _as_at_or_none(order, as_at),
                        _as_at_or_none(matched, as_at),
                        _as_at_or_none(placed, as_at),
                        _as_at_or_none(adopted, as_at),
                        ceased,
                        reason.export(why) if ceased and why else None,
                        ffa,
                    ],
                )
            )
        return rows


# -- assembling the rows in the schema's column order ------------------------------------------


def _fill(builder: _Builder, child_id: int, value):
    if value is _Fill.DISABILITY:
        return builder.children[child_id].disability
    if value is _Fill.TEAM:
        return builder.allocated(child_id).team
    if value is _Fill.WORKER:
        return builder.allocated(child_id).worker
    if isinstance(value, _Adviser):
        return builder.allocated(child_id, Allocation.Kind.PERSONAL_ADVISER).worker or (
            value.fallback
        )
    return value


def _list_rows(builder: _Builder, number: int, found: list[tuple[int, list]]) -> list[list]:
    """Full rows in the schema's order: the child's columns, then the list's own."""
    rows = []
    for child_id, rest in found:
        who = builder.who(child_id)
        rest = [_fill(builder, child_id, value) for value in rest]
        if number == 10:
            # List 10 puts the family identifier between the child ID and the gender.
            rows.append([who[0], rest[0], *who[1:], *rest[1:]])
        else:
            rows.append([*who, *rest])
    return rows


def _sort_key(row: list, key_index: int) -> tuple:
    def part(value):
        if value is None:
            return (0, "")
        if isinstance(value, date):
            return (1, value.isoformat())
        if isinstance(value, int):
            return (2, f"{value:012d}")
        return (3, str(value))

    return (part(row[0]), part(row[key_index]), tuple(part(v) for v in row))


# The column each list is sorted by after the child ID (its key date).
KEY_COLUMN = {
    1: "Date of Contact",
    2: "Assessment start date",
    3: "Date of referral",
    4: "Continuous Assessment Start Date",
    5: "Strategy discussion initiating Section 47 Enquiry Start Date",
    6: "CIN Start Date",
    7: "Child Protection Plan Start Date",
    8: "Date Started to be Looked After",
    9: "Child Unique ID",
    10: "Date of Decision that Child Should be Placed for Adoption",
    11: "Individual adopter identifier",
}


class _FixedTimeZip(ZipFile):
    """A zip whose entries all carry one fixed time, so the same workbook gives the same bytes."""

    def __init__(self, *args, stamp: tuple[int, int, int, int, int, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, ZipInfo):
            info = ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # Write-only worksheets arrive as temporary files, whose own time would leak in.
        data = Path(filename).read_bytes()
        name = arcname or Path(filename).name
        return self.writestr(name, data, compress_type, compresslevel)


def _write_sheet(wb: Workbook, annex: AnnexList, rows: list[list]) -> None:
    ws = wb.create_sheet(annex.sheet_name)
    ws.freeze_panes = "A2"
    for i, header in enumerate(annex.headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(45, len(header) + 2))
    bold = Font(bold=True)
    header_cells = []
    for header in annex.headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)


def _save(wb: Workbook, out: Path, as_at: date) -> None:
    stamp = datetime.combine(as_at, time(0))
    wb.properties.creator = "Sightline"
    wb.properties.lastModifiedBy = "Sightline"
    wb.properties.title = f"Annex A as at {as_at:%d/%m/%Y}"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        archive = _FixedTimeZip(
            temporary,
            "w",
            ZIP_DEFLATED,
            allowZip64=True,
            stamp=(max(as_at.year, 1980), as_at.month, as_at.day, 0, 0, 0),
        )
        # ExcelWriter (not Workbook.save, which stamps the modified time with "now").
        ExcelWriter(wb, archive).save()
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_rows(as_at: date, user=None) -> dict[int, list[list]]:
    """{list number: rows in the schema's column order, sorted} as at `as_at`."""
    builder = _Builder(as_at, user)
    lists = annex_a_lists()
    found: dict[int, list[tuple[int, list]]] = {}
    for number in lists:
        method = getattr(builder, f"list_{number}", None)
        found[number] = method(window_for(number, as_at)) if method else []
    builder.load_children({child_id for rows in found.values() for child_id, _ in rows})
    out: dict[int, list[list]] = {}
    for number, annex in lists.items():
        rows = _list_rows(builder, number, found[number])
        key = annex.headers.index(KEY_COLUMN[number])
        rows.sort(key=lambda row, key=key: _sort_key(row, key))
        for row in rows:
            if len(row) != len(annex.headers):
                raise AssertionError(
                    f"{annex.sheet_name}: a row has {len(row)} values for "
                    f"{len(annex.headers)} columns"
                )
        out[number] = rows
    return out


def export_annex_a(as_at: date, out: Path, *, user=None) -> ExportSummary:
    """Write Annex A as at `as_at` to `out` (an .xlsx file) and return what was written.

    `user=None` is the system (the whole council); a user gets their own scope. One audit
    event (ANNEX_A_EXPORTED) records the export. Raises ValidationError for an as-at date in the
    future (the lists are what happened up to that date).
    """
    started = time_module.monotonic()
    if as_at > timezone.localdate():
        raise ValidationError({"as_at": "The as-at date must be today or in the past."})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lists = annex_a_lists()
    rows = build_rows(as_at, user)

    wb = Workbook(write_only=True)
    for number, annex in lists.items():
        _write_sheet(wb, annex, rows[number])
    _save(wb, out, as_at)

    summary = ExportSummary(path=out, as_at=as_at)
    summary.rows = {number: len(r) for number, r in rows.items()}
    summary.children = len({row[0] for n, r in rows.items() if n != 11 for row in r})
    summary.windows = {number: window_for(number, as_at) for number in lists}
    summary.seconds = time_module.monotonic() - started
    record(
        user,
        EventType.ANNEX_A_EXPORTED,
        "Annex A",
        "export",
        f"Exported Annex A as at {as_at:%d/%m/%Y} ({summary.children} children)",
        as_at=as_at.isoformat(),
        file=out.name,
        rows={lists[n].sheet_name: c for n, c in summary.rows.items()},
        periods={lists[n].sheet_name: summary.windows[n].label for n in lists},
    )
    return summary
