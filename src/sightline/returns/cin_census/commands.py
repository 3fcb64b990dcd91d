"""What `sightline export cin-census` and `sightline import cin-census` run (after Django is set
up): print the summary, and return the exit status."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError

from .export import export_cin_census
from .importer import import_cin_census


def export_command(year: int, out: Path, la_code: str = "938") -> int:
    """0 when written and valid against the DfE schema, 1 when the schema check found problems,
    2 when the arguments were refused."""
    try:
        summary = export_cin_census(year, Path(out), la_code)
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    return 1 if summary.schema_problems else 0


def import_command(path: Path) -> int:
    """0 when every child loaded, 1 when some were rejected (the rest are loaded), 2 when the
    file was refused and nothing was loaded."""
    try:
        report = import_cin_census(Path(path))
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    return 1 if report.rejected_children else 0
