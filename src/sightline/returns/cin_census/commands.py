"""What `sightline export cin-census` and `sightline import cin-census` run (after Django is set
up): print the summary, and return the exit status."""

from __future__ import annotations

from pathlib import Path

from ..commands import import_status, run
from .export import export_cin_census
from .importer import import_cin_census


def export_command(year: int, out: Path, la_code: str = "938") -> int:
    """0 when written and valid against the DfE schema, 1 when the schema check found problems,
    2 when the arguments were refused."""
    return run(
        lambda: export_cin_census(year, Path(out), la_code),
        lambda summary: 1 if summary.schema_problems else 0,
    )


def import_command(path: Path) -> int:
    """0 when every child loaded, 1 when some were rejected (the rest are loaded), 2 when the
    file was refused and nothing was loaded."""
    return run(lambda: import_cin_census(Path(path)), import_status)
