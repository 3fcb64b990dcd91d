"""Leaving care's entries in a child's chronology: pathway plans and their reviews, moves of
accommodation and keeping in touch (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry
from sightline.reference.codes import describe


def entries(child) -> Iterator[Entry]:
    for p in child.pathway_plans.all():
        yield Entry.at(p.start_date, "Leaving care", "Pathway plan started")
    for r in child.pathway_plan_reviews.all():
        yield Entry.at(r.date, "Leaving care", "Pathway plan reviewed")
    for a in child.care_leaver_accommodation.all():
        yield Entry.at(
            a.start_date,
            "Leaving care",
            "Moved accommodation",
            describe("903_care_leaver_accommodation", a.accommodation),
        )
    for c in child.care_leaver_contacts.all():
        yield Entry.at(
            c.contact_date, "Leaving care", "Keeping in touch", f"In touch: {c.in_touch}."
        )
