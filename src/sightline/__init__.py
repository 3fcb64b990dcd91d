"""Sightline: case management and line of sight for a council's children's social care service."""

__version__ = "0.1.0"
