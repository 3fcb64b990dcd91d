"""Fixtures for the performance tests."""

from collections.abc import Iterator

import pytest

from sightline.timescales import calendar, declarations


@pytest.fixture(autouse=True)
def _fresh_timescale_caches() -> Iterator[None]:
    # Closure days and local timescales set in one test are rolled back without a signal.
    calendar.clear_cache()
    declarations.clear_cache()
    yield
    calendar.clear_cache()
    declarations.clear_cache()
