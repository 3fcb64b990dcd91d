"""Allegations against adults who work with children: restricted to the LADO team."""
