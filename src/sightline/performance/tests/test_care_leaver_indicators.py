"""Care leaver indicators: young people with a 19th, 20th or 21st birthday in the period who
were looked after at 16 or over, judged on their keeping-in-touch record around the birthday."""

from datetime import date

import pytest

from . import factories as f
from .helpers import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def leavers():
    # 19 on 15 June 2024, in care until 18; a record 6 weeks before the birthday.
    settled = f.looked_after(date(2005, 6, 15), date(2021, 1, 1), date(2023, 6, 15))
    f.keeping_in_touch(settled, date(2024, 5, 1), "YES", "F1", "B1")
    # 20 on 1 September 2024, in care until 18; the only record 4½ months before: too early.
    unknown = f.looked_after(date(2004, 9, 1), date(2020, 1, 1), date(2022, 9, 1))
    f.keeping_in_touch(unknown, date(2024, 4, 15), "YES", "F1", "B1")
    # 21 on 10 October 2024 but left care at 15: not a care leaver.
    young_leaver = f.looked_after(date(2003, 10, 10), date(2017, 1, 1), date(2018, 10, 10))
    f.keeping_in_touch(young_leaver, date(2024, 10, 1), "YES", "F1", "B1")
    # 20 on 20 January 2025; a record 3 weeks after: in touch, not in work, unsuitable housing.
    struggling = f.looked_after(date(2005, 1, 20), date(2019, 1, 1), date(2023, 1, 20))
    f.keeping_in_touch(struggling, date(2025, 2, 10), "YES", "G4", "B2")
    # 19 in the period but has died.
    f.looked_after(
        date(2005, 7, 1), date(2021, 1, 1), date(2023, 7, 1), date_of_death=date(2024, 5, 1)
    )


def test_suitable_accommodation(leavers):
    assert figures("care_leavers_suitable_accommodation_pct") == (33.3, 1, 3)


def test_education_employment_or_training(leavers):
    assert figures("care_leavers_eet_pct") == (33.3, 1, 3)


def test_in_touch_and_no_record_counts_as_not_in_touch(leavers):
    assert figures("care_leavers_in_touch_pct") == (66.7, 2, 3)


def test_the_latest_record_in_the_window_is_the_one_that_counts():
    kid = f.looked_after(date(2005, 6, 15), date(2021, 1, 1), date(2023, 6, 15))
    f.keeping_in_touch(kid, date(2024, 4, 1), "YES", "F1", "B1")
    f.keeping_in_touch(kid, date(2024, 6, 20), "NO", "0", "0")
    assert figures("care_leavers_in_touch_pct") == (0.0, 0, 1)


def test_a_young_person_recorded_as_having_died_is_left_out():
    kid = f.looked_after(date(2005, 6, 15), date(2021, 1, 1), date(2023, 6, 15))
    f.keeping_in_touch(kid, date(2024, 6, 1), "DIED")
    assert figures("care_leavers_in_touch_pct") == (None, 0, 0)
