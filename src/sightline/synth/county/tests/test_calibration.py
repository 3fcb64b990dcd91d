"""The england profile lands within 10% of the national figures; inspection-2023 shows the
shortfalls the inspection found. Rates are measured by the calibration report itself."""

from datetime import date

import pytest
from django.db import transaction

from sightline.synth.county.report import calibration_report, format_report, practice_report
from sightline.synth.county.run import generate

pytestmark = pytest.mark.django_db
AS_OF = date(2025, 9, 30)


def test_england_profile_is_within_tolerance_of_the_national_figures():
    # Big enough that a child protection plan count at 31 March (about 600 children in ~400
    # sibling groups) is not at the mercy of chance; two years is the shortest window whose
    # latest complete year has a year of history behind it.
    with transaction.atomic():
        generate(150_000, 2, 1, as_of=AS_OF, progress=False)
        figures = calibration_report(AS_OF)
        transaction.set_rollback(True)
    out = [f for f in figures if not f.within_tolerance]
    assert len(figures) == 16
    assert not out, "\n" + format_report(figures)


def test_inspection_profile_has_the_shortfalls_the_inspection_found():
    with transaction.atomic():
        generate(40_000, 2, 1, profile="inspection-2023", as_of=AS_OF, progress=False)
        national = {f.id: f for f in calibration_report(AS_OF)}
        practice = {f.id: f.value for f in practice_report(AS_OF)}
        transaction.set_rollback(True)
    assert 64 <= national["assessments_in_time_pct"].value <= 76
    assert national["dental_checks_pct"].value <= 70
    assert national["referrals_per_10k"].within_tolerance  # the same county otherwise
    assert practice["decisions_authorised_pct"] < 85
    assert practice["cp_outcomes_pct"] < 60
    assert practice["fgc_offered_pct"] < 15
    assert practice["rhi_in_time_pct"] < 60
    assert practice["care_leavers_bb_pct"] > 3
    assert practice["pp_review_after_move_pct"] < 55
