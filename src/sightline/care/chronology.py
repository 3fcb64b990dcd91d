"""Children in care's entries in a child's chronology: episodes of care, reviews, visits,
health checks, missing episodes, unaccompanied status and adoption (gathered with every app's
entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

IN_CARE = Area("Children in care")
HEALTH = Area("Health")
MISSING = Area("Missing")
ADOPTION = Area("Adoption")

ADOPTION_DATES = (
    "should_be_placed_date",
    "placement_order_date",
    "matched_date",
    "placed_date",
    "adoption_order_date",
)


def entries(child) -> Iterator[Entry]:
    for e in child.care_episodes.all():
        legal_status = describe("903_legal_status", e.legal_status)
        placement = describe("903_placement_type", e.placement_type)
        detail = f"Legal status {legal_status}; placement {placement}."
        yield IN_CARE(e.start_date, "Episode of care started", detail)
        if e.end_date:
            reason = describe("903_reason_episode_ceased", e.reason_ceased)
            yield IN_CARE(e.end_date, "Episode of care ended", reason)
    for r in child.care_reviews.all():
        yield IN_CARE(r.date, "Looked-after child review")
    for v in child.care_visits.all():
        yield IN_CARE.visit(v)
    for h in child.health_checks.all():
        yield HEALTH(h.date, h.get_kind_display())
    for m in child.missing_episodes.all():
        yield MISSING(m.started_at, "Missing from care" if m.kind == "M" else "Away from placement")
        if m.returned_at:
            yield MISSING(m.returned_at, "Returned")
        if m.rhi_completed_at:
            yield MISSING(m.rhi_completed_at, "Return home interview completed")
    for u in child.uasc_periods.all():
        yield IN_CARE(u.start_date, "Unaccompanied asylum-seeking child")
    for a in child.adoptions.all():
        for field in ADOPTION_DATES:
            value = getattr(a, field)
            if value:
                label = a._meta.get_field(field).verbose_name
                yield ADOPTION(value, label[0].upper() + label[1:])
