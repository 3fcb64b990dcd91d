"""Children in need's entries in a child's chronology: referrals and closures, plans, their
reviews, visits and packages of care (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

from .models import CINPlanReview

REFERRAL = Area("Referral")
CIN = Area("Child in need")


def entries(child) -> Iterator[Entry]:
    for e in child.cin_episodes.all():
        nfa = " (no further action)" if e.referral_nfa else ""
        source = describe("CIN_referral_source", e.referral_source)
        need = describe("CIN_primary_need", e.primary_need) or "primary need not recorded"
        yield REFERRAL(e.referral_date, "Referral" + nfa, f"Source {source}; {need}.")
        if e.closure_date:
            reason = describe("CIN_reason_for_closure", e.closure_reason)
            yield REFERRAL(e.closure_date, "Case closed", reason)
    for r in CINPlanReview.objects.filter(child=child):
        yield CIN(r.date, "Child in need plan review", r.summary)
    for p in child.disabled_children_packages.prefetch_related("support_reviews", "reassessments"):
        yield CIN(p.start_date, "Package of care started", p.support)
        for r in p.support_reviews.all():
            yield CIN(r.date, "Support in the package of care reviewed", r.notes)
        for r in p.reassessments.all():
            yield CIN(r.date, "Needs reassessed", f"Next due {r.next_due:%d/%m/%Y}.")
    for p in child.cin_plans.all():
        yield CIN(p.start_date, "Child in need plan started")
        if p.end_date:
            yield CIN(p.end_date, "Child in need plan ended")
    for v in child.cin_visits.all():
        yield CIN.visit(v)
