"""Children in care's entries in a child's chronology: episodes of care, reviews, visits,
health checks, missing episodes, unaccompanied status and adoption (gathered with every app's
entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry, yes_no
from sightline.reference.codes import describe

ADOPTION_DATES = (
    "should_be_placed_date",
    "placement_order_date",
    "matched_date",
    "placed_date",
    "adoption_order_date",
)


def entries(child) -> Iterator[Entry]:
    for e in child.care_episodes.all():
        yield Entry.at(
            e.start_date,
            "Children in care",
            "Episode of care started",
            f"Legal status {describe('903_legal_status', e.legal_status)}; "
            f"placement {describe('903_placement_type', e.placement_type)}.",
        )
        if e.end_date:
            yield Entry.at(
                e.end_date,
                "Children in care",
                "Episode of care ended",
                describe("903_reason_episode_ceased", e.reason_ceased),
            )
    for r in child.care_reviews.all():
        yield Entry.at(r.date, "Children in care", "Looked-after child review")
    for v in child.care_visits.all():
        yield Entry.at(
            v.visit_date,
            "Children in care",
            "Visit",
            f"Seen: {yes_no(v.seen)}; seen alone: {yes_no(v.seen_alone)}.",
        )
    for h in child.health_checks.all():
        yield Entry.at(h.date, "Health", h.get_kind_display())
    for m in child.missing_episodes.all():
        yield Entry.at(
            m.started_at, "Missing", "Missing from care" if m.kind == "M" else "Away from placement"
        )
        if m.returned_at:
            yield Entry.at(m.returned_at, "Missing", "Returned")
        if m.rhi_completed_at:
            yield Entry.at(m.rhi_completed_at, "Missing", "Return home interview completed")
    for u in child.uasc_periods.all():
        yield Entry.at(u.start_date, "Children in care", "Unaccompanied asylum-seeking child")
    for a in child.adoptions.all():
        for field in ADOPTION_DATES:
            value = getattr(a, field)
            if value:
                label = a._meta.get_field(field).verbose_name
                yield Entry.at(value, "Adoption", label[0].upper() + label[1:])
