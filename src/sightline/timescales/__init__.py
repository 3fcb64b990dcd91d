"""Timescales: when things are due in children's social care, and whether they were done in time.

Timescales are data, not code. Each statutory, guidance or local timescale is declared once
(in `reference/data/timescales.yml`, plus a few local ones in `declarations.py`); one engine
(`engine.py`) turns a declaration and the dates on a record into a due date and a state, using
one working-day calendar (`calendar.py`). Statutory timescales are fixed; local ones can be
changed by the council (`LocalTimescale`) without a code change.
"""
