"""Child protection's entries in a child's chronology: strategy discussions, section 47
enquiries, conferences, plans and their outcomes, family group conferences, core groups and
visits (gathered with every app's entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry, yes_no
from sightline.reference.codes import describe

from .models import PlanOutcome


def entries(child) -> Iterator[Entry]:
    for s in child.strategy_discussions.all():
        outcome = s.get_outcome_display() if s.outcome else ""
        detail = ". ".join(filter(None, [outcome, s.rationale or s.decision]))
        yield Entry.at(s.date, "Child protection", "Strategy discussion", detail)
    for s in child.s47_enquiries.all():
        yield Entry.at(s.start_date, "Child protection", "Section 47 enquiry started")
        if s.end_date:
            outcome = s.get_outcome_display() or "outcome not recorded"
            yield Entry.at(s.end_date, "Child protection", "Section 47 enquiry ended", outcome)
    for i in child.icpcs.all():
        yield Entry.at(
            i.date,
            "Child protection",
            "Initial child protection conference",
            "Plan made." if i.plan_made else "No plan made.",
        )
    for p in child.cp_plans.all():
        yield Entry.at(
            p.start_date,
            "Child protection",
            "Child protection plan started",
            f"Category: {describe('CIN_category_of_abuse', p.initial_category)}.",
        )
        if p.end_date:
            yield Entry.at(
                p.end_date,
                "Child protection",
                "Child protection plan ended",
                p.get_end_reason_display(),
            )
    for o in PlanOutcome.objects.filter(child=child).select_related("cp_plan"):
        yield Entry.at(
            o.cp_plan.start_date,
            "Child protection",
            "Plan outcome set",
            f"{o.what_must_change} Measured by: {o.how_measured}. "
            f"By {o.by_when:%d/%m/%Y} ({o.responsible}).",
        )
    for f in child.family_group_conferences.all():
        yield Entry.at(f.offered_date, "Child protection", "Family group conference offered")
        if f.response_date:
            yield Entry.at(
                f.response_date,
                "Child protection",
                f"Family group conference {f.get_response_display().lower()}",
            )
        if f.held_date:
            yield Entry.at(f.held_date, "Child protection", "Family group conference held")
    for r in child.cp_reviews.all():
        yield Entry.at(r.date, "Child protection", "Review conference")
    for g in child.core_groups.all():
        yield Entry.at(g.date, "Child protection", "Core group meeting")
    for v in child.cp_visits.all():
        yield Entry.at(
            v.visit_date,
            "Child protection",
            "Visit",
            f"Seen: {yes_no(v.seen)}; seen alone: {yes_no(v.seen_alone)}.",
        )
