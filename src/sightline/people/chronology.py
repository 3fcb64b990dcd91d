"""A child's chronology: every record we hold, as dated entries in one list.

It is a projection of the records themselves (principle: one record, many views), so it can
never disagree with the returns or the indicators.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from sightline.assessments.models import MidpointCheck
from sightline.cin.models import CINPlanReview
from sightline.frontdoor.models import DecisionAuthorisation
from sightline.protection.models import PlanOutcome
from sightline.reference.codes import describe

from .models import Child


@dataclass(frozen=True)
class Entry:
    when: date
    time: str  # "HH:MM" where the record has a time, else ""
    area: str  # Front door, Assessment, Child protection, ...
    title: str
    detail: str = ""


def _d(value: date | datetime) -> tuple[date, str]:
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return local.date(), local.strftime("%H:%M")
    return value, ""


def _entry(value, area: str, title: str, detail: str = "") -> Entry:
    day, time = _d(value)
    return Entry(day, time, area, title, detail)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _entries(child: Child) -> Iterator[Entry]:
    if child.date_of_birth:
        yield _entry(child.date_of_birth, "Personal details", "Born")
    for c in child.contacts.all():
        yield _entry(
            c.received_at,
            "Front door",
            "Contact received",
            f"From {describe('CIN_referral_source', c.source)}; reported by {c.reported_by}.",
        )
        if c.decided_at:
            yield _entry(
                c.decided_at,
                "Front door",
                f"Contact decision: {c.get_decision_display()}",
                c.rationale,
            )
    for e in child.early_help_episodes.all():
        yield _entry(e.start_date, "Early help", "Early help started", e.get_origin_display())
        if e.end_date:
            yield _entry(e.end_date, "Early help", "Early help ended", e.get_end_reason_display())
    for auth in DecisionAuthorisation.objects.filter(child=child).select_related("manager"):
        detail = auth.reasons if auth.outcome == auth.Outcome.OVERTURNED else ""
        yield _entry(
            auth.authorised_at,
            "Front door",
            f"Decision {auth.get_outcome_display().lower()} by {auth.manager.full_name}",
            detail,
        )
    for e in child.cin_episodes.all():
        need = describe("CIN_primary_need", e.primary_need) or "primary need not recorded"
        yield _entry(
            e.referral_date,
            "Referral",
            "Referral" + (" (no further action)" if e.referral_nfa else ""),
            f"Source {describe('CIN_referral_source', e.referral_source)}; {need}.",
        )
        if e.closure_date:
            yield _entry(
                e.closure_date,
                "Referral",
                "Case closed",
                describe("CIN_reason_for_closure", e.closure_reason),
            )
    for a in child.assessments.prefetch_related("factors"):
        yield _entry(a.start_date, "Assessment", "Assessment started")
        if a.authorised_date:
            factors = ", ".join(f.code for f in a.factors.all())
            yield _entry(
                a.authorised_date,
                "Assessment",
                "Assessment authorised",
                f"Factors: {factors}." if factors else "",
            )
    for check in MidpointCheck.objects.filter(child=child).select_related("manager"):
        yield _entry(
            check.date,
            "Assessment",
            f"Manager's midpoint check by {check.manager.full_name}",
            ("On track. " if check.on_track else "Not on track. ") + check.direction,
        )
    for a in child.assessments.prefetch_related("seen", "lateral_checks"):
        for s in a.seen.all():
            yield _entry(s.date, "Assessment", "Child seen" + (" alone" if s.seen_alone else ""))
        for c in a.lateral_checks.all():
            yield _entry(c.date, "Assessment", f"Check with {c.agency}", c.learned)
    for r in CINPlanReview.objects.filter(child=child):
        yield _entry(r.date, "Child in need", "Child in need plan review", r.summary)
    for p in child.disabled_children_packages.prefetch_related("support_reviews", "reassessments"):
        yield _entry(p.start_date, "Child in need", "Package of care started", p.support)
        for r in p.support_reviews.all():
            yield _entry(
                r.date, "Child in need", "Support in the package of care reviewed", r.notes
            )
        for r in p.reassessments.all():
            yield _entry(
                r.date, "Child in need", "Needs reassessed", f"Next due {r.next_due:%d/%m/%Y}."
            )
    for p in child.cin_plans.all():
        yield _entry(p.start_date, "Child in need", "Child in need plan started")
        if p.end_date:
            yield _entry(p.end_date, "Child in need", "Child in need plan ended")
    for v in child.cin_visits.all():
        yield _entry(
            v.visit_date,
            "Child in need",
            "Visit",
            f"Seen: {_yes_no(v.seen)}; seen alone: {_yes_no(v.seen_alone)}.",
        )
    for s in child.strategy_discussions.all():
        outcome = s.get_outcome_display() if s.outcome else ""
        detail = ". ".join(filter(None, [outcome, s.rationale or s.decision]))
        yield _entry(s.date, "Child protection", "Strategy discussion", detail)
    for s in child.s47_enquiries.all():
        yield _entry(s.start_date, "Child protection", "Section 47 enquiry started")
        if s.end_date:
            outcome = s.get_outcome_display() or "outcome not recorded"
            yield _entry(s.end_date, "Child protection", "Section 47 enquiry ended", outcome)
    for i in child.icpcs.all():
        yield _entry(
            i.date,
            "Child protection",
            "Initial child protection conference",
            "Plan made." if i.plan_made else "No plan made.",
        )
    for p in child.cp_plans.all():
        yield _entry(
            p.start_date,
            "Child protection",
            "Child protection plan started",
            f"Category: {describe('CIN_category_of_abuse', p.initial_category)}.",
        )
        if p.end_date:
            yield _entry(
                p.end_date,
                "Child protection",
                "Child protection plan ended",
                p.get_end_reason_display(),
            )
    for o in PlanOutcome.objects.filter(child=child).select_related("cp_plan"):
        yield _entry(
            o.cp_plan.start_date,
            "Child protection",
            "Plan outcome set",
            f"{o.what_must_change} Measured by: {o.how_measured}. "
            f"By {o.by_when:%d/%m/%Y} ({o.responsible}).",
        )
    for f in child.family_group_conferences.all():
        yield _entry(f.offered_date, "Child protection", "Family group conference offered")
        if f.response_date:
            yield _entry(
                f.response_date,
                "Child protection",
                f"Family group conference {f.get_response_display().lower()}",
            )
        if f.held_date:
            yield _entry(f.held_date, "Child protection", "Family group conference held")
    for r in child.cp_reviews.all():
        yield _entry(r.date, "Child protection", "Review conference")
    for g in child.core_groups.all():
        yield _entry(g.date, "Child protection", "Core group meeting")
    for v in child.cp_visits.all():
        yield _entry(
            v.visit_date,
            "Child protection",
            "Visit",
            f"Seen: {_yes_no(v.seen)}; seen alone: {_yes_no(v.seen_alone)}.",
        )
    for e in child.care_episodes.all():
        yield _entry(
            e.start_date,
            "Children in care",
            "Episode of care started",
            f"Legal status {describe('903_legal_status', e.legal_status)}; "
            f"placement {describe('903_placement_type', e.placement_type)}.",
        )
        if e.end_date:
            yield _entry(
                e.end_date,
                "Children in care",
                "Episode of care ended",
                describe("903_reason_episode_ceased", e.reason_ceased),
            )
    for r in child.care_reviews.all():
        yield _entry(r.date, "Children in care", "Looked-after child review")
    for v in child.care_visits.all():
        yield _entry(
            v.visit_date,
            "Children in care",
            "Visit",
            f"Seen: {_yes_no(v.seen)}; seen alone: {_yes_no(v.seen_alone)}.",
        )
    for h in child.health_checks.all():
        yield _entry(h.date, "Health", h.get_kind_display())
    for m in child.missing_episodes.all():
        yield _entry(
            m.started_at, "Missing", "Missing from care" if m.kind == "M" else "Away from placement"
        )
        if m.returned_at:
            yield _entry(m.returned_at, "Missing", "Returned")
        if m.rhi_completed_at:
            yield _entry(m.rhi_completed_at, "Missing", "Return home interview completed")
    for u in child.uasc_periods.all():
        yield _entry(u.start_date, "Children in care", "Unaccompanied asylum-seeking child")
    for a in child.adoptions.all():
        for field in (
            "should_be_placed_date",
            "placement_order_date",
            "matched_date",
            "placed_date",
            "adoption_order_date",
        ):
            value = getattr(a, field)
            if value:
                label = a._meta.get_field(field).verbose_name
                yield _entry(value, "Adoption", label[0].upper() + label[1:])
    for p in child.pathway_plans.all():
        yield _entry(p.start_date, "Leaving care", "Pathway plan started")
    for r in child.pathway_plan_reviews.all():
        yield _entry(r.date, "Leaving care", "Pathway plan reviewed")
    for a in child.care_leaver_accommodation.all():
        yield _entry(
            a.start_date,
            "Leaving care",
            "Moved accommodation",
            describe("903_care_leaver_accommodation", a.accommodation),
        )
    for c in child.care_leaver_contacts.all():
        yield _entry(c.contact_date, "Leaving care", "Keeping in touch", f"In touch: {c.in_touch}.")
    for a in child.allocations.select_related("worker"):
        yield _entry(a.start_date, "Allocation", f"{a.get_kind_display()}: {a.worker.full_name}")


def chronology(child: Child) -> list[Entry]:
    """Every entry, newest first (the order practitioners read a chronology in)."""
    return sorted(_entries(child), key=lambda e: (e.when, e.time), reverse=True)
