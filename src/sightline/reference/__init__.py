"""Reference data Sightline is built on, copied verbatim from the project's shared reference folder.

The files under `data/` are never edited by hand: `sightline reference sync` copies them from
`../shared/reference` and a test checks the copies still match it. Everything else (code lists,
timescales, the SSD item references) is read from these files at run time, never retyped.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
