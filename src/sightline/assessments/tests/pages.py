"""The assessment's own pages, by their address under /assessments/<id>/: the pages that record
on it (the assessment page itself is "")."""

RECORDING_PAGES = [
    "allocate/",
    "child-seen/",
    "child-views/",
    "analysis/",
    "lateral-checks/new/",
    "factors/",
    "midpoint-check/",
    "outcome/",
    "authorise/",
]
