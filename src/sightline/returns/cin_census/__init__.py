"""The Children in Need census: exported from, and imported into, the same case records.

The census is a projection of `cin.CINEpisode`, `assessments.Assessment`/`AssessmentFactor`,
`cin.CINPlan`, the `protection` records (section 47 enquiries, initial conferences, child
protection plans and their reviews) and `people.Child`/`ChildDisability`; there is no separate
"returns data" to keep in step.

- `export_cin_census(year, out)` writes the census XML for the year ending 31 March `year`,
  following the DfE rules on which records belong in a year (`selection.py`), valid against the
  packaged DfE schema (`schema.py`). `script/cin-validator FILE` runs the DfE validator on it.
- `import_cin_census(path)` loads a census file from another system (onboarding): one
  transaction, every record checked with the models' own `full_clean()`, and a child with any
  failing record is rejected whole, with a message naming the child, the record and the field.
"""

from .export import ExportSummary, export_cin_census
from .importer import ImportReport, Rejection, import_cin_census
from .period import CensusPeriod

__all__ = [
    "CensusPeriod",
    "ExportSummary",
    "ImportReport",
    "Rejection",
    "export_cin_census",
    "import_cin_census",
]
