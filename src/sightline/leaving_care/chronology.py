"""Leaving care's entries in a child's chronology: pathway plans and their reviews, moves of
accommodation and keeping in touch (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

LEAVING_CARE = Area("Leaving care")


def entries(child) -> Iterator[Entry]:
    for p in child.pathway_plans.all():
        yield LEAVING_CARE(p.start_date, "Pathway plan started")
    for r in child.pathway_plan_reviews.all():
        yield LEAVING_CARE(r.date, "Pathway plan reviewed")
    for a in child.care_leaver_accommodation.all():
        accommodation = describe("903_care_leaver_accommodation", a.accommodation)
        yield LEAVING_CARE(a.start_date, "Moved accommodation", accommodation)
    for c in child.care_leaver_contacts.all():
        yield LEAVING_CARE(c.contact_date, "Keeping in touch", f"In touch: {c.in_touch}.")
