"""Every read at the front door, scoped to what the user may see.

Contacts are fetched through `records_visible_to(user, Contact)`, so a contact about a child
outside the user's scope is simply not found. The screening history is the one deliberate
widening: someone screening a contact they may see is shown the household's history where the
policy lets them (`Action.SCREEN_WHOLE_HOUSEHOLD`), and each other child shown is written to the
audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sightline.access.policy import Action, may
from sightline.access.scope import (
    children_visible_to,
    get_visible_or_404,
    records_visible_to,
    worker_for,
)
from sightline.people.models import Child, HouseholdMember, Relationship
from sightline.reference.codes import describe
from sightline.timescales.declarations import get as get_timescale
from sightline.timescales.engine import due_date, local_date

from .models import Contact, DecisionAuthorisation, DipSampleDraw, DipSampleItem

Decision = Contact.Decision
NFA_RECONTACT_KEY = "front_door.nfa_recontact_flag"


# -- contacts ---------------------------------------------------------------------------------


def contacts_visible_to(user) -> QuerySet[Contact]:
    return records_visible_to(user, Contact).select_related(
        "child", "decided_by", "recorded_by", "handover_acknowledged_by", "cin_episode"
    )


def contact_for(user, pk: int) -> Contact:
    """One contact the user may see, or the same 404 as a missing one."""
    return get_visible_or_404(user, Contact, pk=pk)


def awaiting_decision(user) -> QuerySet[Contact]:
    """Contacts with no decision yet, oldest first: the front door's work list."""
    return contacts_visible_to(user).filter(decision="").order_by("received_at", "pk")


def awaiting_handover(user) -> QuerySet[Contact]:
    return (
        contacts_visible_to(user)
        .filter(out_of_hours=True, handover_acknowledged_at__isnull=True)
        .order_by("received_at", "pk")
    )


def awaiting_authorisation(user) -> QuerySet[Contact]:
    """Decisions waiting for a manager, oldest decision first. A manager's own decisions are
    left out: someone else must authorise them."""
    queue = (
        contacts_visible_to(user)
        .exclude(decision="")
        .filter(authorisation__isnull=True)
        .order_by("decided_at", "pk")
    )
    worker = worker_for(user)
    return queue.exclude(decided_by=worker) if worker is not None else queue.none()


def group_contacts(user, contact: Contact) -> QuerySet[Contact]:
    """The other children in the same contact, where the user may see them."""
    if not contact.group_reference:
        return Contact.objects.none()
    return (
        contacts_visible_to(user)
        .filter(group_reference=contact.group_reference)
        .exclude(pk=contact.pk)
        .order_by("child__last_name", "child__first_name")
    )


def time_outstanding(since: datetime, now: datetime | None = None) -> str:
    """How long something has waited, as people say it: "2 days 3 hours", "45 minutes"."""
    elapsed = (now or timezone.now()) - since
    if elapsed < timedelta(hours=1):
        minutes = max(0, int(elapsed.total_seconds() // 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    days, hours = elapsed.days, elapsed.seconds // 3600
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours or not days:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    return " ".join(parts)


# -- the "no further action" recontact flag ---------------------------------------------------


@dataclass(frozen=True)
class RecontactFlag:
    earlier: Contact  # the contact closed with no further action
    decided_on: date
    flag_until: date  # the last day a new contact is flagged
    period: str  # "3 months"


def nfa_recontact(contact: Contact) -> RecontactFlag | None:
    """The most recent earlier contact about the same child that closed with no further action
    within the council's flag period (3 months unless changed) before this one was received."""
    period = get_timescale(NFA_RECONTACT_KEY).period
    received = local_date(contact.received_at)
    earlier = (
        Contact.objects.filter(child_id=contact.child_id, decided_at__lte=contact.received_at)
        .exclude(pk=contact.pk)
        .select_related("authorisation")
        .order_by("-decided_at")
    )
    for candidate in earlier:
        if candidate.effective_decision != Decision.NFA:
            continue
        decided_on = local_date(candidate.decided_at)
        until = due_date(decided_on, period)
        if received <= until:
            return RecontactFlag(candidate, decided_on, until, period.plain)
        # Older ones are further away still.
        break
    return None


# -- screening: the child's and the household's history ---------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    kind: str
    start: date
    end: date | None
    outcome: str
    ongoing: bool = False

    @classmethod
    def spell(cls, kind: str, start: date, end: date | None, outcome: str) -> HistoryRow:
        """A spell of involvement (a referral, plan, episode): ongoing until it has an end."""
        return cls(kind, start, end, outcome, ongoing=end is None)


@dataclass
class PersonHistory:
    child: Child
    relationship: str  # "This child", "Sibling", "Lives in the same household"
    rows: list[HistoryRow] = field(default_factory=list)
    contacts_last_12_months: int = 0
    visible: bool = True  # whether the user may open the child's own record


def _contact_outcome(c: Contact) -> str:
    if not c.decision:
        return "Awaiting decision"
    text = c.get_effective_decision_display()
    authorisation = getattr(c, "authorisation", None)
    if authorisation is None:
        return f"{text} (awaiting authorisation)"
    if authorisation.outcome == DecisionAuthorisation.Outcome.OVERTURNED:
        return f"{text} (overturned by a manager from {c.get_decision_display().lower()})"
    return text


def child_history(child: Child, *, exclude_contact: int | None = None) -> list[HistoryRow]:
    """Contacts, referrals, assessments, plans, care and early help, newest first."""
    rows: list[HistoryRow] = []
    for c in child.contacts.select_related("authorisation").order_by("-received_at"):
        if c.pk == exclude_contact:
            continue
        rows.append(
            HistoryRow(
                "Contact",
                local_date(c.received_at),
                local_date(c.decided_at) if c.decided_at else None,
                f"{_contact_outcome(c)}. From {describe('CIN_referral_source', c.source)}.",
                ongoing=not c.decision,
            )
        )
    for e in child.cin_episodes.all():
        if e.closure_date:
            outcome = describe("CIN_reason_for_closure", e.closure_reason)
            if e.referral_nfa:
                outcome = f"No further action. {outcome}"
        else:
            outcome = "Open"
        rows.append(HistoryRow.spell("Referral", e.referral_date, e.closure_date, outcome))
    for a in child.assessments.all():
        outcome = "Authorised" if a.authorised_date else "In progress"
        rows.append(HistoryRow.spell("Assessment", a.start_date, a.authorised_date, outcome))
    for p in child.cin_plans.all():
        outcome = "Ended" if p.end_date else "Open"
        rows.append(HistoryRow.spell("Child in need plan", p.start_date, p.end_date, outcome))
    for p in child.cp_plans.all():
        category = describe("CIN_category_of_abuse", p.latest_category)
        outcome = f"Category {category}"
        if p.end_date:
            outcome += f". Ended: {p.get_end_reason_display() or 'reason not recorded'}"
        rows.append(HistoryRow.spell("Child protection plan", p.start_date, p.end_date, outcome))
    for e in child.care_episodes.all():
        outcome = f"Legal status {describe('903_legal_status', e.legal_status)}"
        if e.end_date:
            outcome += f". Ceased: {describe('903_reason_episode_ceased', e.reason_ceased)}"
        rows.append(HistoryRow.spell("Episode of care", e.start_date, e.end_date, outcome))
    for e in child.early_help_episodes.all():
        outcome = e.get_origin_display()
        if e.end_date:
            outcome += f". Ended: {e.get_end_reason_display()}"
        rows.append(HistoryRow.spell("Early help", e.start_date, e.end_date, outcome))
    return sorted(rows, key=lambda r: r.start, reverse=True)


def contacts_in_last_12_months(child_ids, now: datetime | None = None) -> int:
    since = (now or timezone.now()) - relativedelta(months=12)
    return Contact.objects.filter(child_id__in=list(child_ids), received_at__gte=since).count()


SIBLING_KINDS = {
    Relationship.Kind.SIBLING: "Sibling",
    Relationship.Kind.HALF_SIBLING: "Half-sibling",
}


def related_children(child: Child, today: date | None = None) -> dict[int, str]:
    """Siblings (either way round) and children living in the same household now."""
    today = today or timezone.localdate()
    related: dict[int, str] = {}
    for rel in Relationship.objects.filter(
        Q(child=child) | Q(other_child=child), kind__in=list(SIBLING_KINDS)
    ):
        other = rel.other_child_id if rel.child_id == child.pk else rel.child_id
        if other and other != child.pk:
            related[other] = SIBLING_KINDS[rel.kind]
    current = Q(end_date__isnull=True) | Q(end_date__gte=today)
    households = HouseholdMember.objects.filter(current, child=child).values("household_id")
    for member in HouseholdMember.objects.filter(
        current, household_id__in=households, child__isnull=False
    ).exclude(child=child):
        related.setdefault(member.child_id, "Lives in the same household")
    return related


def household_adults(child: Child, today: date | None = None) -> list:
    today = today or timezone.localdate()
    current = Q(end_date__isnull=True) | Q(end_date__gte=today)
    households = HouseholdMember.objects.filter(current, child=child).values("household_id")
    return [
        m.adult
        for m in HouseholdMember.objects.filter(
            current, household_id__in=households, adult__isnull=False
        ).select_related("adult")
    ]


@dataclass
class Screening:
    contact: Contact
    flag: RecontactFlag | None
    people: list[PersonHistory]
    adults: list
    household_contacts_last_12_months: int
    withheld: int  # related children outside the user's scope, not shown


def screening(user, contact: Contact, now: datetime | None = None) -> Screening:
    """What the screener sees without searching. `contact` must be one the user may see."""
    now = now or timezone.now()
    child = contact.child
    related = related_children(child)
    visible_ids = set(
        children_visible_to(user).filter(pk__in=[child.pk, *related]).values_list("pk", flat=True)
    )
    whole_household = may(user, Action.SCREEN_WHOLE_HOUSEHOLD)
    shown = {pk: why for pk, why in related.items() if whole_household or pk in visible_ids}
    people = [
        PersonHistory(
            child,
            "This child",
            child_history(child, exclude_contact=contact.pk),
            contacts_in_last_12_months([child.pk], now),
        )
    ]
    others = Child.objects.filter(pk__in=list(shown)).order_by("date_of_birth", "first_name")
    for other in others:
        people.append(
            PersonHistory(
                other,
                shown[other.pk],
                child_history(other),
                contacts_in_last_12_months([other.pk], now),
                visible=other.pk in visible_ids,
            )
        )
    return Screening(
        contact=contact,
        flag=nfa_recontact(contact),
        people=people,
        adults=household_adults(child),
        household_contacts_last_12_months=contacts_in_last_12_months([child.pk, *shown], now),
        withheld=len(related) - len(shown),
    )


# -- dip sampling -----------------------------------------------------------------------------


def draws() -> QuerySet[DipSampleDraw]:
    """Every week drawn (the list of weeks names no child, so it is not narrowed)."""
    return DipSampleDraw.objects.annotate(
        drawn=Count("items"),
        reviewed=Count("items", filter=~Q(items__finding="")),
    ).order_by("-week_start")


def draw_items(user, draw: DipSampleDraw) -> QuerySet[DipSampleItem]:
    return (
        records_visible_to(user, DipSampleItem)
        .filter(draw=draw)
        .select_related(
            "contact",
            "child",
            "reviewed_by",
            "contact__decided_by",
            "contact__authorisation",
            "contact__authorisation__manager",
        )
        .order_by("contact__received_at", "pk")
    )


def dip_item_for(user, pk: int) -> DipSampleItem:
    return get_visible_or_404(user, DipSampleItem, pk=pk)


# -- the monitor ------------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class MonitorRow:
    label: str
    last_7_days: int
    this_month: int


@dataclass(frozen=True)
class DipRow:
    label: str
    this_month: int  # from weeks beginning this month
    all_weeks: int


@dataclass(frozen=True)
class Monitor:
    today: date
    contacts_today: int
    awaiting_decision: int
    awaiting_handover: int
    awaiting_authorisation: int
    decisions: list[MonitorRow]
    decisions_total: MonitorRow
    authorisations: list[MonitorRow]
    dip_findings: list[DipRow]


def monitor(today: date | None = None) -> Monitor:
    """Counts for the front door as a whole, done in the database.

    Only numbers, never a child, so the counts cover every contact: a service manager needs to
    see the whole front door's load, not the part that happens to be allocated in their service.
    """
    today = today or timezone.localdate()
    day_start, day_end = _midnight(today), _midnight(today + timedelta(days=1))
    week_from = _midnight(today - timedelta(days=6))  # today and the 6 days before
    month_from = _midnight(today.replace(day=1))

    contacts = Contact.objects.all()
    counts = contacts.aggregate(
        today=Count("pk", filter=Q(received_at__gte=day_start, received_at__lt=day_end)),
        undecided=Count("pk", filter=Q(decision="")),
        handover=Count("pk", filter=Q(out_of_hours=True, handover_acknowledged_at__isnull=True)),
        unauthorised=Count("pk", filter=~Q(decision="") & Q(authorisation__isnull=True)),
    )

    by_decision = {}
    for key in Decision.values:
        by_decision[f"{key}_week"] = Count(
            "pk", filter=Q(decision=key, decided_at__gte=week_from, decided_at__lt=day_end)
        )
        by_decision[f"{key}_month"] = Count(
            "pk", filter=Q(decision=key, decided_at__gte=month_from, decided_at__lt=day_end)
        )
    decided = contacts.exclude(decision="").aggregate(**by_decision)
    rows = [
        MonitorRow(label, decided[f"{key}_week"], decided[f"{key}_month"])
        for key, label in Decision.choices
    ]
    total = MonitorRow(
        "All decisions", sum(r.last_7_days for r in rows), sum(r.this_month for r in rows)
    )

    Outcome = DecisionAuthorisation.Outcome
    auth = DecisionAuthorisation.objects.aggregate(
        **{
            f"{key}_{span}": Count(
                "pk",
                filter=Q(outcome=key, authorised_at__gte=since, authorised_at__lt=day_end),
            )
            for key in Outcome.values
            for span, since in (("week", week_from), ("month", month_from))
        }
    )
    authorisations = [
        MonitorRow(label, auth[f"{key}_week"], auth[f"{key}_month"])
        for key, label in Outcome.choices
    ]

    Finding = DipSampleItem.Finding
    findings = [(key, label) for key, label in Finding.choices] + [("", "Not yet reviewed")]
    month_week = today.replace(day=1)
    dip = DipSampleItem.objects.aggregate(
        **{
            f"f{index}_{span}": Count("pk", filter=Q(finding=key, **extra))
            for index, (key, _label) in enumerate(findings)
            for span, extra in (("month", {"draw__week_start__gte": month_week}), ("all", {}))
        }
    )
    dip_findings = [
        DipRow(label, dip[f"f{index}_month"], dip[f"f{index}_all"])
        for index, (_key, label) in enumerate(findings)
    ]
    return Monitor(
        today=today,
        contacts_today=counts["today"],
        awaiting_decision=counts["undecided"],
        awaiting_handover=counts["handover"],
        awaiting_authorisation=counts["unauthorised"],
        decisions=rows,
        decisions_total=total,
        authorisations=authorisations,
        dip_findings=dip_findings,
    )
