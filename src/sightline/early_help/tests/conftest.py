"""Fixtures for the early help tests."""

from collections.abc import Iterator

import pytest

from sightline.testing.factories import AllocationFactory
from sightline.timescales import calendar, declarations


@pytest.fixture(autouse=True)
def _fresh_timescale_caches() -> Iterator[None]:
    calendar.clear_cache()
    declarations.clear_cache()
    yield
    calendar.clear_cache()
    declarations.clear_cache()


@pytest.fixture
def child(social_worker):
    """A child allocated to the signed-in social worker."""
    return AllocationFactory(worker=social_worker).child
