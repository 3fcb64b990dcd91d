"""What `sightline export annex-a` and `sightline import annex-a` run (after Django is set up):
print the summary, and return the exit status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..commands import import_status, run
from .export import export_annex_a
from .importer import import_annex_a


def export_command(as_at: date, out: Path) -> int:
    """0 when written, 2 when the arguments were refused."""
    return run(lambda: export_annex_a(as_at, Path(out)))


def import_command(path: Path) -> int:
    """0 when every child loaded, 1 when some were rejected (the rest are loaded), 2 when the
    file was refused and nothing was loaded."""
    return run(lambda: import_annex_a(Path(path)), import_status)
