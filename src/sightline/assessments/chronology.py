"""Assessments' entries in a child's chronology: started, the manager's midpoint check, the
child seen, checks with other agencies, authorised (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry
from sightline.reference.codes import describe

from .models import MidpointCheck

ASSESSMENT = Area("Assessment")


def entries(child) -> Iterator[Entry]:
    for a in child.assessments.prefetch_related("factors"):
        yield ASSESSMENT(a.start_date, "Assessment started")
        if a.authorised_date:
            factors = "; ".join(describe("CIN_assessment_factor", f.code) for f in a.factors.all())
            detail = f"Factors: {factors}." if factors else ""
            yield ASSESSMENT(a.authorised_date, "Assessment authorised", detail)
    for check in MidpointCheck.objects.filter(child=child).select_related("manager"):
        on_track = "On track. " if check.on_track else "Not on track. "
        by = f"Manager's midpoint check by {check.manager.full_name}"
        yield ASSESSMENT(check.date, by, on_track + check.direction)
    for a in child.assessments.prefetch_related("seen", "lateral_checks"):
        for s in a.seen.all():
            yield ASSESSMENT(s.date, "Child seen" + (" alone" if s.seen_alone else ""))
        for c in a.lateral_checks.all():
            yield ASSESSMENT(c.date, f"Check with {c.agency}", c.learned)
