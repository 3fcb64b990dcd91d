"""Sightline's web layer: the GOV.UK Design System look, base templates and static files."""
