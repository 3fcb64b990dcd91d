"""What `sightline export annex-a` and `sightline import annex-a` run (after Django is set up):
print the summary, and return the exit status."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError

from .export import export_annex_a
from .importer import import_annex_a


def export_command(as_at: date, out: Path) -> int:
    """0 when written, 2 when the arguments were refused."""
    try:
        summary = export_annex_a(as_at, Path(out))
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    return 0


def import_command(path: Path) -> int:
    """0 when every child loaded, 1 when some were rejected (the rest are loaded), 2 when the
    file was refused and nothing was loaded."""
    try:
        report = import_annex_a(Path(path))
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    return 1 if report.rejected_children else 0
