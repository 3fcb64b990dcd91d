"""A small county shared by a test module, generated inside a transaction that is rolled back
afterwards, so nothing (not even the append-only audit event) outlives the module."""

from datetime import date

import pytest
from django.db import transaction

AS_OF = date(2025, 9, 30)


def county_fixture(population: int, years: int, seed: int, profile: str = "england"):
    @pytest.fixture(scope="module")
    def county(django_db_setup, django_db_blocker):
        from sightline.synth.county.run import generate

        with django_db_blocker.unblock(), transaction.atomic():
            result = generate(population, years, seed, profile=profile, as_of=AS_OF, progress=False)
            yield result
            transaction.set_rollback(True)

    return county
