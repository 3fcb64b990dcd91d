"""Contacts, screening and the decisions made on them at the front door."""
