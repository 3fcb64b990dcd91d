"""The SQL behind each indicator in the catalogue: which records are counted, which of them
count above the line, and whom each is attributed to.

Each function takes a `Context` (the period, the as-at date and the numbers the database needs
for them) and returns `Units`: a queryset of the counted records with the numerator as a
condition on it. `engine.py` turns that into numbers, breakdowns and lists of children, so
every indicator is aggregated the same way and nothing is counted in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from sightline.assessments.models import Assessment, MidpointCheck
from sightline.care.models import (
    SHORT_BREAKS,
    CareEpisode,
    CareReview,
    CareVisit,
    HealthCheck,
    MissingEpisode,
)
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact, DecisionAuthorisation, DipSampleItem
from sightline.leaving_care.models import CareLeaverContact
from sightline.people.models import Child
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    FamilyGroupConference,
    InitialChildProtectionConference,
    Section47Enquiry,
)
from sightline.timescales.declarations import get as timescale

from .periods import Period
from .sql import (
    INT,
    attribute,
    chain_start,
    column_for,
    continues_from,
    count_of,
    day,
    day_at,
    day_constant,
    earliest_day_with,
    latest,
)

# Legal statuses for a series of short breaks: not "looked after" in the DfE's counts.
# A new placement with new carers (SSDA903 reason for new episode); L is a change of legal
# status only, B and U a change of placement type with the same carers.
NEW_CARERS = ("S", "P", "T")
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
EET_ACTIVITIES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
CARE_LEAVER_AGES = (19, 20, 21)


@dataclass
class Context:
    period: Period
    as_at: date
    _constants: dict = field(default_factory=dict)

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    @cached_property
    def start_moment(self) -> datetime:
        """Midnight at the start of the period, London time: datetimes count by local day."""
        return timezone.make_aware(datetime.combine(self.period.start, time.min))

    @cached_property
    def end_moment(self) -> datetime:
        """Midnight after the last day of the period, London time (exclusive)."""
        return timezone.make_aware(datetime.combine(self.period.end + timedelta(days=1), time.min))

    @cached_property
    def as_at_end(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.as_at + timedelta(days=1), time.min))

    def constant(self, d: date, column: str = "ordinal") -> int:
        key = (d, column)
        if key not in self._constants:
            self._constants[key] = day_constant(d, column)
        return self._constants[key]

    def since(self, period) -> date:
        """The earliest date from which the as-at date is still within `period` (a timescale
        period): something last done on or after it is not overdue on the as-at date."""
        column, amount = column_for(period)
        key = ("since", column, amount)
        if key not in self._constants:
            at_least = self.constant(self.as_at, column) - amount
            self._constants[key] = earliest_day_with(column, at_least)
        return self._constants[key]


@dataclass
class Units:
    """The records an indicator counts.

    `queryset` has a `child_id` for every row. `numerator` is the condition (a Q on the
    queryset) for counting above the line; None where the indicator is a rate or a count (every
    record counts). `value_field` names the annotation a median is taken of. `per_child` counts
    distinct children rather than records. `attribute` annotates `_worker`, `_team` and
    `_service` for breakdowns.
    """

    queryset: QuerySet
    kind: str  # "percent", "rate_flow", "rate_stock", "count", "median"
    attribute: Callable[[QuerySet], QuerySet]
    numerator: Q | None = None
    per_child: bool = False
    value_field: str | None = None


REGISTRY: dict[str, Callable[[Context], Units]] = {}


def indicator(func: Callable[[Context], Units]) -> Callable[[Context], Units]:
    REGISTRY[func.__name__] = func
    return func


def _timescale(key: str):
    period = timescale(key).period
    if period is None:
        raise ValueError(f"timescale {key} has no single period")
    return period


def _by(on, recording=(), kinds=("social_worker",)) -> Callable[[QuerySet], QuerySet]:
    def annotate(queryset: QuerySet) -> QuerySet:
        if callable(on):
            return attribute(queryset.annotate(_on=on()), "_on", recording, kinds)
        return attribute(queryset, on, recording, kinds)

    return annotate


def _open_on(queryset: QuerySet, d: date, start: str = "start_date", end: str = "end_date"):
    """Records open at the end of day `d`: started on or before it, not ended by it."""
    return queryset.filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": d}), **{f"{start}__lte": d}
    )


# -- front door ---------------------------------------------------------------------------------


def _contacts_received(ctx: Context) -> QuerySet:
    return Contact.objects.filter(received_at__gte=ctx.start_moment, received_at__lt=ctx.end_moment)


def _received_day():
    return day_at(OuterRef("received_at"), "date")


@indicator
def contacts_per_10k(ctx: Context) -> Units:
    return Units(
        _contacts_received(ctx),
        "rate_flow",
        _by(_received_day, recording=("recorded_by", "decided_by")),
    )


@indicator
def contact_decisions_within_1_wd_pct(ctx: Context) -> Units:
    column, allowed = column_for(_timescale("front_door.contact_decision"))
    contacts = _contacts_received(ctx).annotate(
        r_day_n=day_at(OuterRef("received_at"), column),
        d_day_n=day_at(OuterRef("decided_at"), column),
    )
    # Undecided and not yet due on the as-at date: not late, so not counted at all.
    not_yet_due = Q(decided_at__isnull=True, r_day_n__gte=ctx.constant(ctx.as_at, column) - allowed)
    return Units(
        contacts.exclude(not_yet_due),
        "percent",
        _by(_received_day, recording=("decided_by",)),
        numerator=Q(decided_at__isnull=False, d_day_n__lte=F("r_day_n") + allowed),
    )


@indicator
def contact_decisions_authorised_pct(ctx: Context) -> Units:
    decided = (
        Contact.objects.filter(decided_at__gte=ctx.start_moment, decided_at__lt=ctx.end_moment)
        .exclude(decision="")
        .annotate(
            authorised=Exists(DecisionAuthorisation.objects.filter(contact_id=OuterRef("pk")))
        )
    )
    return Units(
        decided,
        "percent",
        _by(lambda: day_at(OuterRef("decided_at"), "date"), recording=("decided_by",)),
        numerator=Q(authorised=True),
    )


@indicator
def nfa_dip_sample_disagree_pct(ctx: Context) -> Units:
    reviewed = DipSampleItem.objects.filter(
        reviewed_at__gte=ctx.start_moment, reviewed_at__lt=ctx.end_moment
    ).exclude(finding="")
    return Units(
        reviewed,
        "percent",
        _by(
            lambda: day_at(OuterRef("contact__received_at"), "date"),
            recording=("contact__decided_by",),
        ),
        numerator=~Q(finding=DipSampleItem.Finding.AGREE),
    )


# -- referrals and assessments ----------------------------------------------------------------


def _referrals(ctx: Context) -> QuerySet:
    return CINEpisode.objects.filter(referral_date__range=(ctx.start, ctx.end))


@indicator
def referrals_per_10k(ctx: Context) -> Units:
    return Units(_referrals(ctx), "rate_flow", _by("referral_date"))


@indicator
def re_referrals_12m_pct(ctx: Context) -> Units:
    referrals = _referrals(ctx).annotate(md=day(OuterRef("referral_date"), "month_day"))
    # "Within 12 months": this referral on or before the earlier one's date plus 12 months,
    # i.e. month_day(this) <= month_day(earlier) + 12 * 32 (see WorkingDay).
    earlier = (
        CINEpisode.objects.filter(
            child_id=OuterRef("child_id"), referral_date__lt=OuterRef("referral_date")
        )
        .annotate(earlier_md=day(OuterRef("referral_date"), "month_day"))
        .filter(earlier_md__gte=OuterRef("md") - 12 * 32)
    )
    return Units(
        referrals.annotate(re_referral=Exists(earlier)),
        "percent",
        _by("referral_date"),
        numerator=Q(re_referral=True),
    )


def _assessments_authorised(ctx: Context) -> QuerySet:
    return (
        Assessment.objects.filter(authorised_date__range=(ctx.start, ctx.end))
        .annotate(
            a_ord=day(OuterRef("authorised_date")),
            r_ord=day(OuterRef("cin_episode__referral_date")),
        )
        .annotate(working_days=F("a_ord") - F("r_ord"))
    )


def _assessment_worker():
    return _by("authorised_date", recording=("worker",))


@indicator
def assessments_within_45_wd_pct(ctx: Context) -> Units:
    return Units(
        _assessments_authorised(ctx),
        "percent",
        _assessment_worker(),
        numerator=Q(working_days__lte=45),
    )


@indicator
def assessment_median_wd(ctx: Context) -> Units:
    return Units(
        _assessments_authorised(ctx).filter(working_days__isnull=False),
        "median",
        _assessment_worker(),
        value_field="working_days",
    )


@indicator
def assessments_with_midpoint_check_pct(ctx: Context) -> Units:
    column, midpoint = column_for(_timescale("assessment.manager_midpoint_check"))
    assessments = (
        Assessment.objects.filter(authorised_date__range=(ctx.start, ctx.end))
        .annotate(
            s_n=day(OuterRef("start_date"), column), a_n=day(OuterRef("authorised_date"), column)
        )
        .filter(a_n__gt=F("s_n") + midpoint)
        .annotate(
            checked=Exists(
                MidpointCheck.objects.filter(
                    assessment_id=OuterRef("pk"), date__lte=OuterRef("authorised_date")
                )
            )
        )
    )
    return Units(assessments, "percent", _assessment_worker(), numerator=Q(checked=True))


# -- child protection ---------------------------------------------------------------------------


@indicator
def s47_per_10k(ctx: Context) -> Units:
    enquiries = Section47Enquiry.objects.filter(start_date__range=(ctx.start, ctx.end))
    return Units(enquiries, "rate_flow", _by("start_date"))


def _conferences(ctx: Context) -> QuerySet:
    return InitialChildProtectionConference.objects.filter(
        date__range=(ctx.start, ctx.end), section47__isnull=False
    ).annotate(c_ord=day(OuterRef("date")))


@indicator
def icpc_within_15_wd_of_strategy_pct(ctx: Context) -> Units:
    conferences = (
        _conferences(ctx)
        .filter(section47__strategy_discussion__isnull=False)
        .annotate(s_ord=day(OuterRef("section47__strategy_discussion__date")))
    )
    return Units(conferences, "percent", _by("date"), numerator=Q(c_ord__lte=F("s_ord") + 15))


@indicator
def icpc_within_15_wd_of_s47_pct(ctx: Context) -> Units:
    conferences = _conferences(ctx).annotate(s_ord=day(OuterRef("section47__start_date")))
    return Units(conferences, "percent", _by("date"), numerator=Q(c_ord__lte=F("s_ord") + 15))


def _plans_open(ctx: Context) -> QuerySet:
    return _open_on(ChildProtectionPlan.objects.all(), ctx.as_at).annotate(
        run_start=chain_start(ChildProtectionPlan)
    )


def _new_plans(ctx: Context) -> QuerySet:
    return (
        ChildProtectionPlan.objects.filter(start_date__range=(ctx.start, ctx.end))
        .annotate(continues=continues_from(ChildProtectionPlan, "start_date"))
        .filter(continues=False)
    )


@indicator
def cp_plans_per_10k(ctx: Context) -> Units:
    plans = _open_on(ChildProtectionPlan.objects.all(), ctx.as_at)
    return Units(plans, "rate_stock", _by(ctx.as_at), per_child=True)


@indicator
def cp_plans_second_or_subsequent_pct(ctx: Context) -> Units:
    plans = _new_plans(ctx).annotate(
        before=Exists(
            ChildProtectionPlan.objects.filter(
                child_id=OuterRef("child_id"), start_date__lt=OuterRef("start_date")
            )
        )
    )
    earlier = Q(before=True) | Q(previous_plans_elsewhere__gt=0)
    return Units(plans, "percent", _by("start_date"), numerator=earlier)


@indicator
def cp_plans_ended_2y_plus_pct(ctx: Context) -> Units:
    ended = (
        ChildProtectionPlan.objects.filter(end_date__range=(ctx.start, ctx.end))
        .annotate(
            # another plan starts the day this one ends: the same plan carried on
            carried_on=continues_from(ChildProtectionPlan, "end_date", "start_date")
        )
        .filter(carried_on=False)
        .annotate(run_start=chain_start(ChildProtectionPlan))
        .annotate(
            end_md=day(OuterRef("end_date"), "month_day"),
            start_md=day(OuterRef("run_start"), "month_day"),
        )
    )
    return Units(
        ended, "percent", _by("end_date"), numerator=Q(end_md__gte=F("start_md") + 24 * 32)
    )


@indicator
def cp_plans_open_18m_plus(ctx: Context) -> Units:
    since = ctx.as_at - relativedelta(months=18)
    plans = _plans_open(ctx).filter(run_start__lte=since)
    return Units(plans, "count", _by(ctx.as_at), per_child=True)


@indicator
def cp_visits_in_time_pct(ctx: Context) -> Units:
    seen = ChildProtectionVisit.objects.filter(
        child_id=OuterRef("child_id"), seen=True, visit_date__lte=ctx.as_at
    )
    plans = _plans_open(ctx).annotate(last_seen=latest(seen, "visit_date"))
    since = ctx.since(_timescale("child_protection.visits"))
    # In time if seen since `since`, or if the plan itself is newer than that (not yet due). A
    # visit under an earlier plan can only be that recent if the plan is newer still, so the
    # child's latest visit can be used whichever plan it belonged to.
    in_time = Q(last_seen__gte=since) | Q(run_start__gte=since)
    return Units(plans, "percent", _by(ctx.as_at), numerator=in_time, per_child=True)


@indicator
def cp_reviews_in_time_pct(ctx: Context) -> Units:
    first = _timescale("child_protection.first_review_conference")
    later = _timescale("child_protection.later_review_conferences")
    first_column, first_amount = column_for(first)
    later_column, later_amount = column_for(later)
    lasted = ctx.as_at - relativedelta(months=3)
    reviews = ChildProtectionReview.objects.filter(
        child_id=OuterRef("child_id"), date__gte=OuterRef("run_start"), date__lte=ctx.as_at
    )
    previous = ChildProtectionReview.objects.filter(
        child_id=OuterRef("child_id"),
        date__lt=OuterRef("date"),
        date__gte=OuterRef(OuterRef("run_start")),
    )
    # A review is late when it came more than the allowed time after the one before it (or,
    # for the first, after the plan started).
    late = (
        reviews.annotate(previous=latest(previous))
        .annotate(
            r_first=day(OuterRef("date"), first_column),
            a_first=day(OuterRef(OuterRef("run_start")), first_column),
            r_later=day(OuterRef("date"), later_column),
            a_later=day(OuterRef("previous"), later_column),
        )
        .filter(
            Q(previous__isnull=True, r_first__gt=F("a_first") + first_amount)
            | Q(previous__isnull=False, r_later__gt=F("a_later") + later_amount)
        )
    )
    plans = (
        _plans_open(ctx)
        .filter(run_start__lte=lasted)
        .annotate(last_review=latest(reviews), any_late=Exists(late))
    )
    not_overdue = Q(last_review__isnull=True, run_start__gte=ctx.since(first)) | Q(
        last_review__gte=ctx.since(later)
    )
    return Units(
        plans, "percent", _by(ctx.as_at), numerator=Q(any_late=False) & not_overdue, per_child=True
    )


@indicator
def cp_fgc_offered_pct(ctx: Context) -> Units:
    offered = FamilyGroupConference.objects.filter(
        Q(cp_plan_id=OuterRef("pk")) | Q(offered_date__gte=OuterRef("cin_episode__referral_date")),
        child_id=OuterRef("child_id"),
        offered_date__lte=ctx.as_at,
    )
    plans = _new_plans(ctx).annotate(offered=Exists(offered))
    return Units(plans, "percent", _by("start_date"), numerator=Q(offered=True))


# -- children in need -------------------------------------------------------------------------


@indicator
def cin_per_10k(ctx: Context) -> Units:
    episodes = _open_on(CINEpisode.objects.all(), ctx.as_at, "referral_date", "closure_date")
    return Units(episodes, "rate_stock", _by(ctx.as_at), per_child=True)


# -- children in care ---------------------------------------------------------------------------


def _looked_after(ctx: Context) -> QuerySet:
    """The episode of care open at the end of the as-at date, one per child looked after."""
    return _open_on(CareEpisode.objects.exclude(legal_status__in=SHORT_BREAKS), ctx.as_at)


def _with_period_of_care(episodes: QuerySet) -> QuerySet:
    return episodes.annotate(care_start=chain_start(CareEpisode))


def _placement_start(reasons: tuple[str, ...] | None = None, before: str = "start_date"):
    """The start of the child's placement current at the episode: the latest episode on or
    before it that began a placement (any reason but L, or only `reasons`)."""
    episodes = CareEpisode.objects.filter(
        child_id=OuterRef("child_id"), start_date__lte=OuterRef(before)
    )
    if reasons:
        episodes = episodes.filter(reason_new_episode__in=reasons)
    else:
        episodes = episodes.exclude(reason_new_episode="L")
    return latest(episodes, "start_date")


@indicator
def cla_per_10k(ctx: Context) -> Units:
    return Units(_looked_after(ctx), "rate_stock", _by(ctx.as_at), per_child=True)


@indicator
def cla_reviews_in_time_pct(ctx: Context) -> Units:
    first = _timescale("children_in_care.first_review")
    second = _timescale("children_in_care.second_review")
    later = _timescale("children_in_care.later_reviews")
    # The child's last two reviews, whenever held; compared with the start of the current
    # period of care below (cheaper than looking the period up for every review).
    reviews = CareReview.objects.filter(
        child_id=OuterRef("child_id"), date__lte=ctx.as_at
    ).order_by("-date", "-id")
    episodes = _with_period_of_care(_looked_after(ctx)).annotate(
        last_review=Subquery(reviews.values("date")[:1]),
        review_before=Subquery(reviews.values("date")[1:2]),
    )
    none_yet = Q(last_review__isnull=True) | Q(last_review__lt=F("care_start"))
    one_only = Q(last_review__gte=F("care_start")) & (
        Q(review_before__isnull=True) | Q(review_before__lt=F("care_start"))
    )
    two_or_more = Q(review_before__gte=F("care_start"))
    in_time = (
        (none_yet & Q(care_start__gte=ctx.since(first)))
        | (one_only & Q(last_review__gte=ctx.since(second)))
        | (two_or_more & Q(last_review__gte=ctx.since(later)))
    )
    return Units(episodes, "percent", _by(ctx.as_at), numerator=in_time, per_child=True)


@indicator
def cla_visits_in_time_pct(ctx: Context) -> Units:
    after_placement = _timescale("children_in_care.visit_after_placement")
    first_year = _timescale("children_in_care.visits_first_year")
    long_term = _timescale("children_in_care.visits_long_term_placement")
    episodes = _looked_after(ctx).annotate(placed=Coalesce(_placement_start(), F("start_date")))
    seen = CareVisit.objects.filter(
        child_id=OuterRef("child_id"),
        seen=True,
        visit_date__gte=OuterRef("placed"),
        visit_date__lte=ctx.as_at,
    )
    episodes = episodes.annotate(last_seen=latest(seen, "visit_date"))
    # After the first year of a placement meant to last until 18, visits may be 3-monthly.
    settled = Q(long_term_placement=True, placed__lte=ctx.as_at - relativedelta(years=1))
    in_time = (
        Q(last_seen__isnull=True, placed__gte=ctx.since(after_placement))
        | (settled & Q(last_seen__gte=ctx.since(long_term)))
        | (~settled & Q(last_seen__gte=ctx.since(first_year)))
    )
    return Units(episodes, "percent", _by(ctx.as_at), numerator=in_time, per_child=True)


@indicator
def cla_iha_within_20_wd_pct(ctx: Context) -> Units:
    column, allowed = column_for(_timescale("children_in_care.initial_health_assessment"))
    initial = HealthCheck.objects.filter(
        child_id=OuterRef("child_id"),
        kind=HealthCheck.Kind.INITIAL,
        date__gte=OuterRef("start_date"),
    )
    in_time = initial.annotate(h_n=day(OuterRef("date"), column)).filter(
        h_n__lte=OuterRef("s_n") + allowed
    )
    starts = (
        CareEpisode.objects.filter(start_date__range=(ctx.start, ctx.end))
        .exclude(legal_status__in=SHORT_BREAKS)
        .annotate(continues=continues_from(CareEpisode, "start_date"))
        .filter(continues=False)
        .annotate(s_n=day(OuterRef("start_date"), column))
        .annotate(done=Exists(initial), done_in_time=Exists(in_time))
    )
    not_yet_due = Q(done=False, s_n__gte=ctx.constant(ctx.as_at, column) - allowed)
    return Units(
        starts.exclude(not_yet_due), "percent", _by("start_date"), numerator=Q(done_in_time=True)
    )


def _in_care_a_year(ctx: Context) -> QuerySet:
    since = ctx.as_at - relativedelta(months=12)
    return _with_period_of_care(_looked_after(ctx)).filter(care_start__lte=since)


@indicator
def cla_health_assessment_up_to_date_pct(ctx: Context) -> Units:
    declared = timescale("children_in_care.review_health_assessment")
    under_5, five_plus = declared.period_for_age(4), declared.period_for_age(5)
    assessments = HealthCheck.objects.filter(
        child_id=OuterRef("child_id"),
        kind__in=(HealthCheck.Kind.INITIAL, HealthCheck.Kind.REVIEW),
        date__lte=ctx.as_at,
    )
    episodes = _in_care_a_year(ctx).annotate(last_assessed=latest(assessments))
    fifth_birthday_after = ctx.as_at - relativedelta(years=5)
    up_to_date = Q(
        child__date_of_birth__gt=fifth_birthday_after, last_assessed__gte=ctx.since(under_5)
    ) | Q(child__date_of_birth__lte=fifth_birthday_after, last_assessed__gte=ctx.since(five_plus))
    return Units(episodes, "percent", _by(ctx.as_at), numerator=up_to_date, per_child=True)


@indicator
def cla_dental_check_12m_pct(ctx: Context) -> Units:
    period = _timescale("children_in_care.dental_check")
    if period.unit != "months":
        raise ValueError("dental checks are declared in months")
    since = ctx.as_at - relativedelta(months=period.amount)
    checked = HealthCheck.objects.filter(
        child_id=OuterRef("child_id"),
        kind=HealthCheck.Kind.DENTAL,
        date__gt=since,
        date__lte=ctx.as_at,
    )
    episodes = _in_care_a_year(ctx).annotate(checked=Exists(checked))
    return Units(episodes, "percent", _by(ctx.as_at), numerator=Q(checked=True), per_child=True)


@indicator
def cla_rhi_within_72h_pct(ctx: Context) -> Units:
    period = _timescale("missing.return_home_interview")
    if period.unit != "hours":
        raise ValueError("return home interviews are declared in hours")
    allowed = timedelta(hours=period.amount)
    due = F("returned_at") + allowed
    in_time = Q(rhi_completed_at__isnull=False, rhi_completed_at__lte=due) | Q(
        rhi_accepted=False, rhi_offered_at__isnull=False, rhi_offered_at__lte=due
    )
    returns = MissingEpisode.objects.filter(
        returned_at__gte=ctx.start_moment, returned_at__lt=ctx.end_moment
    )
    not_yet_due = Q(returned_at__gt=ctx.as_at_end - allowed) & ~in_time
    return Units(
        returns.exclude(not_yet_due),
        "percent",
        _by(lambda: day_at(OuterRef("returned_at"), "date")),
        numerator=in_time,
    )


@indicator
def cla_3plus_placements_pct(ctx: Context) -> Units:
    window_start = ctx.as_at - relativedelta(years=1) + timedelta(days=1)
    placements = (
        CareEpisode.objects.filter(child_id=OuterRef("child_id"), start_date__lte=ctx.as_at)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=window_start))
        .exclude(legal_status__in=SHORT_BREAKS)
        .filter(Q(start_date__lte=window_start) | Q(reason_new_episode__in=NEW_CARERS))
    )
    episodes = _looked_after(ctx).annotate(placements=count_of(placements))
    return Units(
        episodes, "percent", _by(ctx.as_at), numerator=Q(placements__gte=3), per_child=True
    )


@indicator
def cla_long_term_stability_pct(ctx: Context) -> Units:
    sixteenth_birthday_after = ctx.as_at - relativedelta(years=16)
    looked_after_since = ctx.as_at - relativedelta(years=2, months=6)
    two_years = ctx.as_at - relativedelta(years=2)
    episodes = (
        _with_period_of_care(_looked_after(ctx))
        .filter(
            child__date_of_birth__gt=sixteenth_birthday_after, care_start__lte=looked_after_since
        )
        .annotate(placed=Coalesce(_placement_start(NEW_CARERS), F("care_start")))
    )
    before = CareEpisode.objects.filter(
        child_id=OuterRef("child_id"),
        start_date__lt=OuterRef("placed"),
        reason_new_episode__in=NEW_CARERS,
    )
    episodes = episodes.annotate(placed_before=latest(before, "start_date"))
    stable = Q(placed__lte=two_years) | Q(
        placement_type__in=PLACED_FOR_ADOPTION, placed_before__lte=two_years
    )
    return Units(episodes, "percent", _by(ctx.as_at), numerator=stable, per_child=True)


# -- care leavers -------------------------------------------------------------------------------


def _care_leavers(ctx: Context, field_name: str) -> QuerySet:
    """Young people with a 19th, 20th or 21st birthday in the period who were looked after on
    or after their 16th birthday, with `record` set to `field_name` of their latest
    keeping-in-touch record from 3 months before that birthday to 1 month after."""
    ages = {
        k: Q(
            date_of_birth__gte=ctx.start - relativedelta(years=k),
            date_of_birth__lte=ctx.end - relativedelta(years=k),
        )
        for k in CARE_LEAVER_AGES
    }
    cohort = Q()
    for condition in ages.values():
        cohort |= condition
    at_16_or_over = (
        CareEpisode.objects.filter(child_id=OuterRef("pk"))
        .annotate(end_md=day(OuterRef("end_date"), "month_day"))
        .filter(Q(end_date__isnull=True) | Q(end_md__gte=OuterRef("born_md") + 16 * 12 * 32))
    )
    record = (
        CareLeaverContact.objects.filter(child_id=OuterRef("pk"))
        .annotate(c_md=day(OuterRef("contact_date"), "month_day"))
        .filter(
            c_md__gte=OuterRef("born_md") + (OuterRef("age") * 12 - 3) * 32,
            c_md__lte=OuterRef("born_md") + (OuterRef("age") * 12 + 1) * 32,
        )
    )
    return (
        # Only young people who were ever looked after: a cheap narrowing before the per-child
        # checks below, which would otherwise run for every young adult in the records.
        Child.objects.filter(cohort, pk__in=CareEpisode.objects.values("child_id"))
        .exclude(date_of_death__lte=ctx.as_at)
        .annotate(
            child_id=F("pk"),
            born_md=day(OuterRef("date_of_birth"), "month_day"),
            age=Case(
                *[When(condition, then=Value(k)) for k, condition in ages.items()],
                output_field=INT,
            ),
        )
        .annotate(looked_after_at_16=Exists(at_16_or_over))
        .filter(looked_after_at_16=True)
        .annotate(
            record=_latest_field(record, field_name),
            in_touch_code=_latest_field(record, "in_touch"),
        )
        # Written out in full: NOT (x = 'DIED') is unknown, so false, when there is no record.
        .filter(Q(in_touch_code__isnull=True) | ~Q(in_touch_code="DIED"))
    )


def _latest_field(records: QuerySet, field_name: str) -> Subquery:
    return Subquery(records.order_by("-contact_date", "-id").values(field_name)[:1])


def _care_leaver_units(ctx: Context, field_name: str, numerator: Q) -> Units:
    return Units(
        _care_leavers(ctx, field_name),
        "percent",
        _by(ctx.as_at, kinds=("personal_adviser", "social_worker")),
        numerator=numerator,
    )


@indicator
def care_leavers_suitable_accommodation_pct(ctx: Context) -> Units:
    return _care_leaver_units(ctx, "accommodation", Q(record__endswith="1"))


@indicator
def care_leavers_eet_pct(ctx: Context) -> Units:
    return _care_leaver_units(ctx, "activity", Q(record__in=EET_ACTIVITIES))


@indicator
def care_leavers_in_touch_pct(ctx: Context) -> Units:
    return _care_leaver_units(ctx, "in_touch", Q(record="YES"))
