"""A child in need plan and a disabled child's package of care are kept the same way: a social
worker records reviews of them (on a date, saying what was decided, on the audit trail), and
to a worker outside the child's circle each of their pages is the same 404 as a record that
does not exist."""

import datetime as dt

import pytest

from sightline.access.models import AuditEvent
from sightline.cin.models import CINPlanReview, PackageSupportReview
from sightline.testing.helpers import assert_looks_missing, created_and_audited, date_fields

pytestmark = pytest.mark.django_db


def address(kept: str, pk: int | str, page: str = "") -> str:
    """The page of the conftest's `plan` or `package` (plans/... or packages/...)."""
    return f"/children-in-need/{kept}s/{pk}/{page}"


# The conftest's record under review: the review's model, its link to the record, and what the
# social worker says the review decided.
REVIEWS = {
    "plan": (CINPlanReview, "cin_plan", {"summary": "Plan continues."}),
    "package": (PackageSupportReview, "package", {"notes": "Extra short break agreed."}),
}


@pytest.mark.parametrize("reviewed", REVIEWS)
def test_a_social_worker_records_a_review(sw, sign_in, request, reviewed):
    model, link, decided = REVIEWS[reviewed]
    record = request.getfixturevalue(reviewed)
    day = dt.date(2025, 9, 12)
    response = sign_in(sw).post(
        address(reviewed, record.pk, "reviews/new/"), {**date_fields("date", day), **decided}
    )
    assert response.status_code == 302
    review = created_and_audited(model)
    assert (getattr(review, link), review.date, review.worker) == (record, day, sw)
    assert {field: getattr(review, field) for field in decided} == decided


@pytest.mark.parametrize(
    ("kept", "page"),
    [
        *[("plan", page) for page in ("", "end/", "reviews/new/", "visits/new/")],
        *[("package", page) for page in ("", "reviews/new/", "reassess/")],
    ],
)
def test_a_record_outside_scope_is_the_same_404_as_a_missing_one(
    outsider, sign_in, request, kept, page
):
    record = request.getfixturevalue(kept)
    assert_looks_missing(
        sign_in(outsider), address(kept, record.pk, page), address(kept, 999999, page)
    )
    assert not AuditEvent.objects.filter(child=record.child).exists()
