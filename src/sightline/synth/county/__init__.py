"""The synthetic county generator: a calibrated, deterministic history of a council's children's
social care, written straight into the database.

Entry points (see `run.py`): `generate(...)`, `build_or_reuse_demo(...)`; the calibration report
is `report.calibration_report(as_of)` with `report.format_report(figures)`. Every rate and
parameter lives in a profile (`src/sightline/synth/profiles/*.yml`), loaded by `profiles.py`.
"""
