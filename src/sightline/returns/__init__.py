"""Statutory returns (CIN census, SSDA903, Annex A) and the SSD item reference mapping."""
