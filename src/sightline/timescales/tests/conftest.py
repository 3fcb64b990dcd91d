"""Shared fixtures for the timescales tests."""

from collections.abc import Iterator

import pytest

from sightline.timescales import calendar, declarations


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    # A test's rows are rolled back without a post_delete signal, so the per-process caches
    # would otherwise carry its closure days and local values into the next test.
    calendar.clear_cache()
    declarations.clear_cache()
    yield
    calendar.clear_cache()
    declarations.clear_cache()
