"""Children in need's entries in a child's chronology: referrals and closures, plans, their
reviews, visits and packages of care (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry, yes_no
from sightline.reference.codes import describe

from .models import CINPlanReview


def entries(child) -> Iterator[Entry]:
    for e in child.cin_episodes.all():
        need = describe("CIN_primary_need", e.primary_need) or "primary need not recorded"
        yield Entry.at(
            e.referral_date,
            "Referral",
            "Referral" + (" (no further action)" if e.referral_nfa else ""),
            f"Source {describe('CIN_referral_source', e.referral_source)}; {need}.",
        )
        if e.closure_date:
            yield Entry.at(
                e.closure_date,
                "Referral",
                "Case closed",
                describe("CIN_reason_for_closure", e.closure_reason),
            )
    for r in CINPlanReview.objects.filter(child=child):
        yield Entry.at(r.date, "Child in need", "Child in need plan review", r.summary)
    for p in child.disabled_children_packages.prefetch_related("support_reviews", "reassessments"):
        yield Entry.at(p.start_date, "Child in need", "Package of care started", p.support)
        for r in p.support_reviews.all():
            yield Entry.at(
                r.date, "Child in need", "Support in the package of care reviewed", r.notes
            )
        for r in p.reassessments.all():
            yield Entry.at(
                r.date, "Child in need", "Needs reassessed", f"Next due {r.next_due:%d/%m/%Y}."
            )
    for p in child.cin_plans.all():
        yield Entry.at(p.start_date, "Child in need", "Child in need plan started")
        if p.end_date:
            yield Entry.at(p.end_date, "Child in need", "Child in need plan ended")
    for v in child.cin_visits.all():
        yield Entry.at(
            v.visit_date,
            "Child in need",
            "Visit",
            f"Seen: {yes_no(v.seen)}; seen alone: {yes_no(v.seen_alone)}.",
        )
