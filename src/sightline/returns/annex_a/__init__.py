"""Ofsted's Annex A (ILACS): the child-level lists an inspection asks for, exported from, and
imported into, the same case records.

- `export_annex_a(as_at, out)` writes the 11 lists as at the inspection date, each over the
  period `periods.PERIODS` declares, with the sheet names, headers and values of the Annex A
  schema (`schema.py`, read from the packaged `Annex_A_schema.yml`); see `export.py` for how
  each column is worked out. The same records give the same bytes.
- `import_annex_a(path)` loads a council's workbook (onboarding): one transaction, the models'
  own `full_clean()`, and a child's rows loaded together or not at all, with a report of every
  problem (sheet, row, child ID, column, problem); see `importer.py` for what Annex A can and
  cannot create.

Round trip (export, load into an empty Sightline, export again): every column comes back the
same except lists 2 (early help) and 11 (adopters), which are not loaded, and the columns in
`importer.NOT_STORED`: allocations (Annex A gives names, not workers and dates), counts and
flags Sightline works out from history the workbook does not carry (referrals, enquiries,
conferences, plans and placements in the last 12 months, missing episodes, second period of
care, emergency protection, case status, eligibility, the date last seen), what Annex A states
without the detail Sightline records (the assessment's outcome and when the child was seen in
it), and what Sightline has no field for (permanence plan, IRO visits, placement location and
council, family identifier, UASC dates). `test_annex_a_round_trip.py`
holds the rule.
"""

from .export import ExportSummary, export_annex_a
from .importer import ImportReport, Rejection, import_annex_a
from .periods import PERIODS, Window, window_for

__all__ = [
    "PERIODS",
    "ExportSummary",
    "ImportReport",
    "Rejection",
    "Window",
    "export_annex_a",
    "import_annex_a",
    "window_for",
]
