"""A social worker reviews a child in need plan and a disabled child's package of support the
same way: a review on a date, saying what was decided, by them, on the audit trail."""

import datetime as dt

import pytest

from sightline.cin.models import CINPlanReview, PackageSupportReview
from sightline.testing.helpers import created_and_audited, date_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reviewed", "address", "model", "link", "day", "decided"),
    [
        pytest.param(
            "plan",
            "/children-in-need/plans/{pk}/reviews/new/",
            CINPlanReview,
            "cin_plan",
            dt.date(2025, 6, 2),
            {"summary": "Plan continues."},
            id="child in need plan",
        ),
        pytest.param(
            "package",
            "/children-in-need/packages/{pk}/reviews/new/",
            PackageSupportReview,
            "package",
            dt.date(2025, 9, 12),
            {"notes": "Extra short break agreed."},
            id="package of support",
        ),
    ],
)
def test_a_social_worker_records_a_review(
    sw, sign_in, request, reviewed, address, model, link, day, decided
):
    record = request.getfixturevalue(reviewed)  # the conftest's plan or package
    response = sign_in(sw).post(
        address.format(pk=record.pk), {**date_fields("date", day), **decided}
    )
    assert response.status_code == 302
    review = created_and_audited(model)
    assert (getattr(review, link), review.date, review.worker) == (record, day, sw)
    assert {field: getattr(review, field) for field in decided} == decided
