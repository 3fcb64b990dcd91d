"""Fixtures for the early help tests: a child allocated to the root conftest's social worker
(the one the tests sign in as)."""

from sightline.testing.fixtures import child_allocated_to

child = child_allocated_to("social_worker")
