"""The calibration report: the county's figures beside the national ones they are calibrated to.

`calibration_report(as_of)` computes each figure in the database (ORM aggregates, and plain SQL
where a date difference is needed; both run on SQLite and PostgreSQL). Working-day differences
are counted in Python on (start, end) pairs read a chunk at a time, with the council's own
working-day calendar, because a working day is not something SQL can count.

The year and the date. "In the year" figures use the latest complete financial year before
as-of: 1 April Y to 31 March Y+1, the latest such year whose 31 March is on or before as-of.
"At 31 March" figures use the 31 March that ends it.

Per 10,000. Rates are per 10,000 children aged 0-17: N, the population the county was
generated for (read from the generation's audit event), or, for a database without one, the
children on the register aged 0-17 on that 31 March (every child of the synthetic county has a
`Child` row; for a generated county the two agree to within a few children in 100,000). Pass
`population` to measure against another figure.

Mixes (category, duration, placement type) are one figure each: the share of the county's
records that match the national shares, i.e. 100 minus the total variation distance, in
percent (sum over categories of the smaller of the two shares). 100 is a perfect match and
"within 10%" means at least 90. The per-category shares are listed in `Figure.detail`.

`within_tolerance` is |value - target| <= 10% of target (relative).

The figures (Y = the year, 1 April to 31 March; "31 March" = its last day):

- referrals_per_10k: CIN episodes with a referral date in Y, per 10,000.
- re_referral_pct: of those, the share whose child has another referral dated in the 365 days
  before (DfE: a referral within 12 months of a previous referral).
- assessments_in_time_pct: assessments authorised in Y whose working days from the referral
  date to the authorisation date (`WorkingCalendar.working_days_between`) are 45 or fewer.
- assessment_duration_mix: the same assessments in the DfE bands: same day (0), 1-10, 11-20,
  21-30, 31-40, 41-45, 46-50, 51-60, 61+ working days.
- s47_per_10k: section 47 enquiries starting in Y, per 10,000.
- icpc_in_time_pct: initial conferences dated in Y (with their s47) held within 15 working days
  of the s47 start (the DfE measure).
- cp_per_10k_31_march: children with a plan open on 31 March (started on or before it, not
  ended by it), per 10,000.
- cp_category_mix: initial category of plans starting in Y.
- cp_duration_mix: days from start to end of plans ending in Y: under 3 months (0-90 days),
  3-6 months (91-181), 6-12 months (182-364), 1-2 years (365-729), 2 years and over (730+).
- repeat_plan_pct: plans starting in Y whose child had a plan starting earlier (any time).
- cla_per_10k_31_march: children with an episode of care open on 31 March, short breaks (V3,
  V4) aside, per 10,000.
- placement_type_mix: those children by the placement type of that episode: foster U1-U6,
  residential K1-K3/R1/S1, placed with parents P1, placed for adoption A3-A6, independent
  living Z11-Z14 (and the retired H5/P2), other (R2, R3, R5, T0-T4, Z1, P3).
- three_plus_placements_pct: children looked after at some time in Y (DfE's denominator) with
  3 or more placements in Y: episodes starting in Y with new carers (S, P, T) plus the
  placement they were in on 1 April.
- uasc_pct: children looked after on 31 March with a UASC period covering 31 March.
- health_assessments_pct / dental_checks_pct: children looked after on 31 March and on 1 April
  with no period of care ending in between (looked after continuously for 12 months), with a
  health assessment (initial or review) / a dental check dated in Y.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connections
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Q, Sum, Value, When

from sightline.assessments.models import Assessment
from sightline.care.models import SHORT_BREAKS, CareEpisode, HealthCheck, UASCPeriod
from sightline.cin.models import CINEpisode
from sightline.people.models import Child
from sightline.performance.periods import latest_complete_financial_year
from sightline.protection.models import (
    ChildProtectionPlan,
    InitialChildProtectionConference,
    Section47Enquiry,
)

from .profiles import national

TOLERANCE = 0.10
NEW_PLACEMENT = ("S", "P", "T")  # new episode with new carers (B and U keep the same carers)
PLACEMENT_GROUPS = {
    "foster": ("U1", "U2", "U3", "U4", "U5", "U6"),
    "residential": ("K1", "K2", "K3", "R1", "S1"),
    "placed_with_parents": ("P1",),
    "placed_for_adoption": ("A3", "A4", "A5", "A6"),
    "independent_living": ("Z11", "Z12", "Z13", "Z14", "H5", "P2"),
}
ASSESSMENT_BANDS = (
    ("same_day", 0, 0),
    ("1-10", 1, 10),
    ("11-20", 11, 20),
    ("21-30", 21, 30),
    ("31-40", 31, 40),
    ("41-45", 41, 45),
    ("46-50", 46, 50),
    ("51-60", 51, 60),
    ("61+", 61, 10**6),
)
CP_DURATION_BANDS = (  # days from plan start to end
    ("under_3m", 0, 90),
    ("3-6m", 91, 181),
    ("6-12m", 182, 364),
    ("1-2y", 365, 729),
    ("2y_plus", 730, 10**6),
)
# Each figure's name in the report and the national figure it is measured against (a path in the
# England profile; None for the practice figures, which have no national target), by id. How the
# county's side of each is counted is in the module docstring and in the reports below.
FIGURES: dict[str, tuple[str, str | None]] = {
    "referrals_per_10k": (
        "Referrals in the year per 10,000 children",
        "referrals.year_2025.rate_per_10k",
    ),
    "re_referral_pct": (
        "Re-referrals within 12 months (% of referrals in the year)",
        "referrals.year_2025.re_referral_within_12m_pct",
    ),
    "assessments_in_time_pct": (
        "Assessments completed within 45 working days (%)",
        "assessments.year_2025.within_45_working_days_pct",
    ),
    "assessment_duration_mix": (
        "Assessment duration bands (working days, referral to authorisation)",
        "assessments.duration_bands_pct",
    ),
    "s47_per_10k": (
        "Section 47 enquiries started in the year per 10,000 children",
        "section_47.year_2025.rate_per_10k",
    ),
    "icpc_in_time_pct": (
        "Initial conferences within 15 working days of the s47 start (%)",
        "section_47.icpc.year_2025.within_15_working_days_of_s47_start_pct",
    ),
    "cp_per_10k_31_march": (
        "Children on a child protection plan at 31 March per 10,000",
        "child_protection_plans.at_31_march_2025.rate_per_10k",
    ),
    "cp_category_mix": (
        "Initial category of abuse, plans started in the year",
        "child_protection_plans.category_at_start_pct",
    ),
    "cp_duration_mix": (
        "Length of plans ended in the year",
        "child_protection_plans.ended_duration_pct",
    ),
    "repeat_plan_pct": (
        "Plans started in the year that were a second or later plan (%)",
        "child_protection_plans.second_or_subsequent_plan_pct",
    ),
    "cla_per_10k_31_march": (
        "Children looked after at 31 March per 10,000",
        "children_looked_after.at_31_march_2025.rate_per_10k",
    ),
    "placement_type_mix": (
        "Placement of children looked after at 31 March",
        "children_looked_after.placement_type_pct",
    ),
    "three_plus_placements_pct": (
        "Children looked after in the year with 3 or more placements in the year (%)",
        "children_looked_after.three_or_more_placements_in_year_pct",
    ),
    # The national share is worked out from two national counts: see calibration_report.
    "uasc_pct": ("Unaccompanied asylum-seeking children (% of looked after at 31 March)", None),
    "health_assessments_pct": (
        "Health assessment in the year, looked after 12 months+ at 31 March (%)",
        "children_looked_after.health_assessment_up_to_date_pct",
    ),
    "dental_checks_pct": (
        "Dental check in the year, looked after 12 months+ at 31 March (%)",
        "children_looked_after.dental_check_in_year_pct",
    ),
    # Practice figures.
    "decisions_authorised_pct": ("Front door decisions authorised by a manager (%)", None),
    "cp_outcomes_pct": ("Plans started in the year with measurable outcomes (%)", None),
    "fgc_offered_pct": (
        "Plans started in the year with a family group conference offered (%)",
        None,
    ),
    "rhi_in_time_pct": (
        "Returns in the year offered a return home interview within 72 hours (%)",
        None,
    ),
    "care_leavers_bb_pct": ("Care leavers in bed and breakfast at 31 March (%)", None),
    "pp_review_after_move_pct": (
        "Care leavers' moves in the year with a pathway plan review in 20 working days (%)",
        None,
    ),
    "average_caseload": (
        "Children allocated per social worker on as-of (front door aside)",
        "workforce.average_caseload_2017",
    ),
}


@dataclass
class Figure:
    id: str
    name: str
    value: float | None
    target: float | None
    difference: float | None
    within_tolerance: bool | None
    unit: str = ""
    basis: int = 0  # how many records the figure rests on
    detail: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class Year:
    start: date
    end: date

    @classmethod
    def latest_before(cls, as_of: date) -> Year:
        y = latest_complete_financial_year(as_of)
        return cls(date(y, 4, 1), date(y + 1, 3, 31))


def _figure(id_, name, value, target, unit="", basis=0, detail=None) -> Figure:
    if value is None or target is None:
        return Figure(id_, name, value, target, None, None, unit, basis, detail or [])
    difference = value - target
    within = abs(difference) <= TOLERANCE * abs(target)
    return Figure(
        id_, name, round(value, 2), target, round(difference, 2), within, unit, basis, detail or []
    )


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _per_10k(count: int, population: int) -> float | None:
    return 10_000.0 * count / population if population else None


def _named(
    id_: str, value: float | None, unit: str, basis: int, target: float | None = None
) -> Figure:
    """Figure `id_` with its name and national target from FIGURES (or the `target` given)."""
    name, path = FIGURES[id_]
    if target is None and path is not None:
        target = national(path)
    return _figure(id_, name, value, target, unit, basis)


def _share(id_: str, part: int, whole: int, target: float | None = None) -> Figure:
    """A percentage: `part` of the `whole` records it rests on."""
    return _named(id_, _pct(part, whole), "%", whole, target)


def _rate(id_: str, count: int, population: int) -> Figure:
    """A rate per 10,000 children, resting on `count` records."""
    return _named(id_, _per_10k(count, population), "per 10,000", count)


def _mix(id_: str, counts: dict[str, int]) -> Figure:
    """How closely the county's `counts` by category match the national shares (see above)."""
    name, path = FIGURES[id_]
    targets: dict[str, float] = national(path)
    total = sum(counts.values())
    if not total:
        return _figure(id_, name, None, 100.0, "% match")
    target_total = sum(targets.values())
    detail = []
    overlap = 0.0
    for key, target in targets.items():
        share = 100.0 * counts.get(key, 0) / total
        t = 100.0 * target / target_total
        detail.append((key, round(share, 1), round(t, 1)))
        overlap += min(share, t)
    return _figure(id_, name, overlap, 100.0, "% match", total, detail)


def default_as_of(using: str = "default") -> date:
    """The as-of date of the last generated county in the database (from its audit event),
    else today: the report for a county generated to 30 September 2025 should not look at a
    year that ends after its records do."""
    from django.utils import timezone

    from sightline.access.models import AuditEvent

    event = AuditEvent.objects.using(using).filter(kind=AuditEvent.Kind.GENERATE).order_by("-id")
    detail = event.values_list("detail", flat=True).first() or {}
    text = detail.get("as_of") if isinstance(detail, dict) else None
    return date.fromisoformat(text) if text else timezone.localdate()


def generated_population(using: str = "default") -> int | None:
    """N, the children aged 0-17 the last generated county was made for, if any."""
    from sightline.access.models import AuditEvent

    event = AuditEvent.objects.using(using).filter(kind=AuditEvent.Kind.GENERATE).order_by("-id")
    detail = event.values_list("detail", flat=True).first() or {}
    return detail.get("population") if isinstance(detail, dict) else None


def population_on(day: date, using: str = "default") -> int:
    """Children on the register aged 0-17 on `day`."""
    born_after = day.replace(year=day.year - 18)
    return (
        Child.objects.using(using)
        .filter(date_of_birth__gt=born_after, date_of_birth__lte=day)
        .filter(Q(date_of_death__isnull=True) | Q(date_of_death__gt=day))
        .count()
    )


def _working_days(pairs, cal) -> list[int]:
    return [cal.working_days_between(a, b) for a, b in pairs]


def _calendar(using: str):
    from sightline.timescales.calendar import WorkingCalendar
    from sightline.timescales.models import ClosureDay

    return WorkingCalendar(ClosureDay.objects.using(using).values_list("date", flat=True))


def _looked_after_on(day: date, using: str):
    """Episodes open on `day` (started on or before it, not ended by it), short breaks aside."""
    return (
        CareEpisode.objects.using(using)
        .filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .exclude(legal_status__in=SHORT_BREAKS)
    )


def calibration_report(
    as_of: date, *, using: str = "default", population: int | None = None
) -> list[Figure]:
    """Each calibrated figure for the database `using`, beside its national target."""
    year = Year.latest_before(as_of)
    ys, ye = year.start, year.end
    pop = population or generated_population(using) or population_on(ye, using)
    cal = _calendar(using)
    connection = connections[using]
    figures: list[Figure] = []

    # Referrals: CIN episodes with a referral date in the year, per 10,000.
    episodes = CINEpisode.objects.using(using)
    referrals = episodes.filter(referral_date__range=(ys, ye))
    n_referrals = referrals.count()
    figures.append(_rate("referrals_per_10k", n_referrals, pop))
    # Re-referrals: referrals in the year with another referral of the same child in the 365
    # days before (DfE: within 12 months of a previous referral).
    n_re_referrals = _re_referrals(connection, ys, ye)
    figures.append(_share("re_referral_pct", n_re_referrals, n_referrals))

    # Assessments completed (authorised) in the year: working days from the referral date to
    # the authorisation date; within 45, and the distribution in the DfE's bands.
    pairs = (
        Assessment.objects.using(using)
        .filter(authorised_date__range=(ys, ye))
        .values_list("cin_episode__referral_date", "authorised_date")
        .iterator(chunk_size=20_000)
    )
    days = _working_days(pairs, cal)
    in_time = sum(1 for d in days if d <= 45)
    figures.append(_share("assessments_in_time_pct", in_time, len(days)))
    counts = {name: sum(1 for d in days if lo <= d <= hi) for name, lo, hi in ASSESSMENT_BANDS}
    figures.append(_mix("assessment_duration_mix", counts))

    # Section 47 enquiries started in the year, per 10,000.
    n_s47 = Section47Enquiry.objects.using(using).filter(start_date__range=(ys, ye)).count()
    figures.append(_rate("s47_per_10k", n_s47, pop))
    # Initial conferences in the year: working days from the s47 start to the conference.
    pairs = (
        InitialChildProtectionConference.objects.using(using)
        .filter(date__range=(ys, ye), section47__isnull=False)
        .values_list("section47__start_date", "date")
        .iterator(chunk_size=20_000)
    )
    days = _working_days(pairs, cal)
    figures.append(_share("icpc_in_time_pct", sum(1 for d in days if d <= 15), len(days)))

    # Child protection plans open on 31 March, per 10,000.
    plans = ChildProtectionPlan.objects.using(using)
    open_plans = plans.filter(start_date__lte=ye).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=ye)
    )
    n_open = open_plans.values("child").distinct().count()
    figures.append(_rate("cp_per_10k_31_march", n_open, pop))
    started = plans.filter(start_date__range=(ys, ye))
    counts = dict(started.values_list("initial_category").annotate(n=Count("id")).order_by())
    figures.append(_mix("cp_category_mix", counts))
    figures.append(_mix("cp_duration_mix", _cp_durations(connection, ys, ye)))
    earlier = plans.filter(child=OuterRef("child"), start_date__lt=OuterRef("start_date"))
    n_started = started.count()
    n_repeat = started.filter(Exists(earlier)).count()
    figures.append(_share("repeat_plan_pct", n_repeat, n_started))

    # Children looked after on 31 March, per 10,000 (short breaks aside).
    cla = _looked_after_on(ye, using)
    n_cla = cla.values("child").distinct().count()
    figures.append(_rate("cla_per_10k_31_march", n_cla, pop))
    by_type = dict(
        cla.values_list("placement_type").annotate(n=Count("child", distinct=True)).order_by()
    )
    counts = dict.fromkeys((*PLACEMENT_GROUPS, "other"), 0)
    for code, n in by_type.items():
        group = next((g for g, codes in PLACEMENT_GROUPS.items() if code in codes), "other")
        counts[group] += n
    figures.append(_mix("placement_type_mix", counts))
    n_placements, n_during = _three_plus_placements(ys, ye, using)
    figures.append(_share("three_plus_placements_pct", n_placements, n_during))
    uasc = (
        UASCPeriod.objects.using(using)
        .filter(child=OuterRef("child"), start_date__lte=ye)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=ye))
    )
    n_uasc = cla.filter(Exists(uasc)).values("child").distinct().count()
    uasc_nationally = round(
        100.0
        * national("children_looked_after.at_31_march_2025.uasc")
        / national("children_looked_after.at_31_march_2025.count"),
        1,
    )
    figures.append(_share("uasc_pct", n_uasc, n_cla, target=uasc_nationally))

    # Health: children looked after continuously for 12 months at 31 March (looked after on
    # 1 April and 31 March, with no period of care ending in between) with a health assessment
    # (initial or review) / a dental check dated in the year.
    cohort = _continuously_looked_after(ys, ye, using)
    n_cohort = len(cohort)
    checks = (
        HealthCheck.objects.using(using)
        .filter(date__range=(ys, ye), child_id__in=cohort)
        .values_list("kind", "child_id")
        .distinct()
    )
    health, dental = set(), set()
    for kind, child_id in checks.iterator(chunk_size=20_000):
        if kind in ("initial", "review"):
            health.add(child_id)
        elif kind == "dental":
            dental.add(child_id)
    figures.append(_share("health_assessments_pct", len(health), n_cohort))
    figures.append(_share("dental_checks_pct", len(dental), n_cohort))
    return figures


# -- SQL helpers --------------------------------------------------------------------------------


def _table(model) -> str:
    return connections["default"].ops.quote_name(model._meta.db_table)


def _minus_days(connection, column: str, days: int) -> str:
    if connection.vendor == "sqlite":
        return f"date({column}, '-{int(days)} days')"
    return f"({column} - {int(days)})"


def _days_between(connection, start: str, end: str) -> str:
    if connection.vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def _re_referrals(connection, ys: date, ye: date) -> int:
    table = connection.ops.quote_name(CINEpisode._meta.db_table)
    earlier = _minus_days(connection, "r.referral_date", 365)
    sql = (
        f"SELECT COUNT(*) FROM {table} r WHERE r.referral_date BETWEEN %s AND %s "  # noqa: S608
        f"AND EXISTS (SELECT 1 FROM {table} p WHERE p.child_id = r.child_id "
        f"AND p.referral_date < r.referral_date AND p.referral_date >= {earlier})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ys, ye])
        return cursor.fetchone()[0]


def _cp_durations(connection, ys: date, ye: date) -> dict[str, int]:
    table = connection.ops.quote_name(ChildProtectionPlan._meta.db_table)
    length = _days_between(connection, "start_date", "end_date")
    cases = " ".join(
        f"WHEN {length} BETWEEN {lo} AND {hi} THEN '{name}'" for name, lo, hi in CP_DURATION_BANDS
    )
    sql = (
        f"SELECT CASE {cases} END AS band, COUNT(*) FROM {table} "  # noqa: S608
        "WHERE end_date BETWEEN %s AND %s GROUP BY band"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ys, ye])
        return {band: n for band, n in cursor.fetchall() if band}


def _three_plus_placements(ys: date, ye: date, using: str) -> tuple[int, int]:
    """Children looked after at some time in the year, and those with 3+ placements in it.

    Placements in the year = episodes starting in the year with new carers (S, P, T) plus the
    placement the child was already in on 1 April, if any (an episode running across 1 April,
    or one starting on 1 April with a change of legal status or type but not of carers)."""
    during = (
        CareEpisode.objects.using(using)
        .filter(start_date__lte=ye)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=ys))
        .exclude(legal_status__in=SHORT_BREAKS)
    )
    per_child = during.values("child").annotate(
        starts=Sum(
            Case(
                When(start_date__gte=ys, reason_new_episode__in=NEW_PLACEMENT, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        ),
        carried=Max(
            Case(
                When(
                    Q(start_date__lt=ys, end_date__isnull=True)
                    | Q(start_date__lt=ys, end_date__gt=ys)
                    | Q(start_date=ys, reason_new_episode__in=("L", "B", "U")),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        ),
    )
    total = per_child.count()
    three = sum(
        1 for row in per_child.iterator(chunk_size=20_000) if row["starts"] + row["carried"] >= 3
    )
    return three, total


def _continuously_looked_after(ys: date, ye: date, using: str) -> list[int]:
    """Children looked after on 31 March who were looked after on 1 April and whose period of
    care did not end in between (episodes ending in the year all ended with X1)."""
    at_end = set(_looked_after_on(ye, using).values_list("child_id", flat=True))
    at_start = set(
        CareEpisode.objects.using(using)
        .filter(start_date__lte=ys)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=ys))
        .exclude(legal_status__in=SHORT_BREAKS)
        .values_list("child_id", flat=True)
    )
    broke = set(
        CareEpisode.objects.using(using)
        .filter(end_date__gte=ys, end_date__lt=ye)
        .exclude(reason_ceased="X1")
        .values_list("child_id", flat=True)
    )
    return sorted((at_end & at_start) - broke)


# -- practice figures (no national target) --------------------------------------------------


def _having(records, related, link: str) -> int:
    """How many of `records` have at least one of `related` pointing at them through `link`."""
    return records.filter(Exists(related.filter(**{link: OuterRef("pk")}))).count()


def practice_report(as_of: date, *, using: str = "default") -> list[Figure]:
    """Figures that show the quality of practice an inspection looks at, for the same year."""
    from sightline.care.models import MissingEpisode
    from sightline.frontdoor.models import Contact, DecisionAuthorisation
    from sightline.leaving_care.models import CareLeaverAccommodation, PathwayPlanReview
    from sightline.people.models import Allocation, Worker
    from sightline.protection.models import FamilyGroupConference, PlanOutcome

    year = Year.latest_before(as_of)
    ys, ye = year.start, year.end
    figures = []
    decided = Contact.objects.using(using).filter(decided_at__date__range=(ys, ye))
    authorised = _having(decided, DecisionAuthorisation.objects.using(using), "contact")
    figures.append(_share("decisions_authorised_pct", authorised, decided.count()))
    started = ChildProtectionPlan.objects.using(using).filter(start_date__range=(ys, ye))
    n_started = started.count()
    with_outcomes = _having(started, PlanOutcome.objects.using(using), "cp_plan")
    figures.append(_share("cp_outcomes_pct", with_outcomes, n_started))
    offered = _having(started, FamilyGroupConference.objects.using(using), "cp_plan")
    figures.append(_share("fgc_offered_pct", offered, n_started))
    returns = list(
        MissingEpisode.objects.using(using)
        .filter(returned_at__date__range=(ys, ye))
        .values_list("returned_at", "rhi_offered_at")
        .iterator(chunk_size=20_000)
    )
    in_time = sum(1 for r, o in returns if o is not None and o - r <= timedelta(hours=72))
    figures.append(_share("rhi_in_time_pct", in_time, len(returns)))
    homes = (
        CareLeaverAccommodation.objects.using(using)
        .filter(start_date__lte=ye)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=ye))
    )
    n_homes = homes.count()
    b_and_b = homes.filter(accommodation__startswith="W").count()
    figures.append(_share("care_leavers_bb_pct", b_and_b, n_homes))
    cal = _calendar(using)
    moves = CareLeaverAccommodation.objects.using(using).filter(start_date__range=(ys, ye))
    first = CareLeaverAccommodation.objects.using(using).filter(
        child=OuterRef("child"), start_date__lt=OuterRef("start_date")
    )
    moves = list(moves.filter(Exists(first)).values_list("child_id", "start_date"))
    reviews: dict[int, list[date]] = {}
    for child_id, day in (
        PathwayPlanReview.objects.using(using)
        .filter(child_id__in={c for c, _ in moves}, date__gte=ys)
        .values_list("child_id", "date")
    ):
        reviews.setdefault(child_id, []).append(day)
    reviewed = sum(
        1
        for child_id, day in moves
        if any(
            day <= r and cal.working_days_between(day, r) <= 20 for r in reviews.get(child_id, [])
        )
    )
    figures.append(_share("pp_review_after_move_pct", reviewed, len(moves)))
    current = (
        Allocation.objects.using(using)
        .filter(kind="social_worker", start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
    )
    holders = (
        Worker.objects.using(using)
        .filter(
            role="social_worker",
            team__kind__in=("assessment", "safeguarding", "children_in_care", "disabled_children"),
        )
        .count()
    )
    n_current = current.exclude(team__kind="front_door").count()
    caseload = n_current / holders if holders else None
    figures.append(_named("average_caseload", caseload, "children", holders))
    return figures


def format_report(figures: list[Figure], title: str = "") -> str:
    """The figures as a text table: value, national target, difference, in tolerance or not."""
    lines = []
    if title:
        lines += [title, ""]
    width = max(len(f.name) for f in figures) if figures else 10
    lines.append(
        f"{'Figure'.ljust(width)}  {'County':>9}  {'England':>9}  {'Diff':>8}  {'':4}  Basis"
    )
    for f in figures:
        value = "-" if f.value is None else f"{f.value:,.1f}"
        target = "-" if f.target is None else f"{f.target:,.1f}"
        diff = "-" if f.difference is None else f"{f.difference:+,.1f}"
        mark = "" if f.within_tolerance is None else ("ok" if f.within_tolerance else "OUT")
        lines.append(
            f"{f.name.ljust(width)}  {value:>9}  {target:>9}  {diff:>8}  {mark:4}  {f.basis:,}"
        )
        for key, share, target_share in f.detail:
            label = ("    " + key).ljust(width)
            diff = share - target_share
            lines.append(f"{label}  {share:>9.1f}  {target_share:>9.1f}  {diff:>+8.1f}")
    return "\n".join(lines)
