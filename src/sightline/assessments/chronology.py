"""Assessments' entries in a child's chronology: started, the manager's midpoint check, the
child seen, checks with other agencies, authorised (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Entry

from .models import MidpointCheck


def entries(child) -> Iterator[Entry]:
    for a in child.assessments.prefetch_related("factors"):
        yield Entry.at(a.start_date, "Assessment", "Assessment started")
        if a.authorised_date:
            factors = ", ".join(f.code for f in a.factors.all())
            yield Entry.at(
                a.authorised_date,
                "Assessment",
                "Assessment authorised",
                f"Factors: {factors}." if factors else "",
            )
    for check in MidpointCheck.objects.filter(child=child).select_related("manager"):
        yield Entry.at(
            check.date,
            "Assessment",
            f"Manager's midpoint check by {check.manager.full_name}",
            ("On track. " if check.on_track else "Not on track. ") + check.direction,
        )
    for a in child.assessments.prefetch_related("seen", "lateral_checks"):
        for s in a.seen.all():
            yield Entry.at(s.date, "Assessment", "Child seen" + (" alone" if s.seen_alone else ""))
        for c in a.lateral_checks.all():
            yield Entry.at(c.date, "Assessment", f"Check with {c.agency}", c.learned)
