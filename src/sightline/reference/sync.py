"""Copy the shared reference files into the package, so a deployment needs no ../shared."""

import shutil
from collections.abc import Iterator
from pathlib import Path

from . import DATA_DIR

FILES = [
    "dfe/CIN_schema_2026.xsd",
    "dfe/code_lists.json",
    "dfe/Annex_A_schema.yml",
    "dfe/SSDA903_schema_2017.yml",
    "dfe/SSDA903_schema_2019.diff.yml",
    "dfe/SSDA903_schema_2022.diff.yml",
    "dfe/SSDA903_schema_2024.diff.yml",
    "dfe/SSDA903_schema_2025.diff.yml",
    "dfe/SSDA903_schema_2026.diff.yml",
    "timescales.yml",
    "national_figures.yml",
]


def pairs(source: Path) -> Iterator[tuple[Path, Path]]:
    for name in FILES:
        yield source / name, DATA_DIR / Path(name).name
    for ssd in sorted((source / "ssd").glob("*.yml")):
        yield ssd, DATA_DIR / "ssd" / ssd.name


def sync(source: Path) -> Iterator[str]:
    if not source.is_dir():
        raise SystemExit(f"No reference folder at {source}")
    for src, dest in pairs(source):
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dest)
            yield f"updated {dest.relative_to(DATA_DIR)}"
