"""Child protection's entries in a child's chronology: strategy discussions, section 47
enquiries, conferences, plans and their outcomes, family group conferences, core groups and
visits (gathered with every app's entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

from .models import PlanOutcome

CP = Area("Child protection")


def entries(child) -> Iterator[Entry]:
    for s in child.strategy_discussions.all():
        outcome = s.get_outcome_display() if s.outcome else ""
        detail = ". ".join(filter(None, [outcome, s.rationale or s.decision]))
        yield CP(s.date, "Strategy discussion", detail)
    for s in child.s47_enquiries.all():
        yield CP(s.start_date, "Section 47 enquiry started")
        if s.end_date:
            outcome = s.get_outcome_display() or "outcome not recorded"
            yield CP(s.end_date, "Section 47 enquiry ended", outcome)
    for i in child.icpcs.all():
        made = "Plan made." if i.plan_made else "No plan made."
        yield CP(i.date, "Initial child protection conference", made)
    for p in child.cp_plans.all():
        category = describe("CIN_category_of_abuse", p.initial_category)
        yield CP(p.start_date, "Child protection plan started", f"Category: {category}.")
        if p.end_date:
            yield CP(p.end_date, "Child protection plan ended", p.get_end_reason_display())
    for o in PlanOutcome.objects.filter(child=child).select_related("cp_plan"):
        yield CP(
            o.cp_plan.start_date,
            "Plan outcome set",
            f"{o.what_must_change} Measured by: {o.how_measured}. "
            f"By {o.by_when:%d/%m/%Y} ({o.responsible}).",
        )
    for f in child.family_group_conferences.all():
        yield CP(f.offered_date, "Family group conference offered")
        if f.response_date:
            answer = f.get_response_display().lower()
            yield CP(f.response_date, f"Family group conference {answer}")
        if f.held_date:
            yield CP(f.held_date, "Family group conference held")
    for r in child.cp_reviews.all():
        yield CP(r.date, "Review conference")
    for g in child.core_groups.all():
        yield CP(g.date, "Core group meeting")
    for v in child.cp_visits.all():
        yield CP.visit(v)
