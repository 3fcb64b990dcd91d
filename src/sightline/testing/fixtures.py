"""Fixture builders for the apps' conftests: what several apps' tests set up the same way."""

import datetime as dt

import pytest
from freezegun import freeze_time


def frozen_at(today: dt.date):
    """An autouse fixture, `frozen`, that stops the clock at 10 in the morning of `today` for
    every test under the conftest that assigns it, so due dates and "not in the future" checks
    give the same answers whenever the suite runs. A test that needs time to pass takes
    `frozen` and moves it (`frozen.move_to(...)`). The root conftest empties the timescale
    caches after, once time is unfrozen, so nothing read at a frozen time outlives the test."""

    @pytest.fixture(autouse=True)
    def frozen():
        with freeze_time(dt.datetime.combine(today, dt.time(10))) as clock:
            yield clock

    return frozen
