"""Fixtures for the early help tests."""

import pytest

from sightline.testing.factories import AllocationFactory


@pytest.fixture
def child(social_worker):
    """A child allocated to the signed-in social worker."""
    return AllocationFactory(worker=social_worker).child
