"""The performance pack says in plain sentences where the service stands, as a page and as a
PDF printed by headless Chromium (or a clear 503 when Chromium is missing)."""

import os
from datetime import date

import pytest
from django.urls import reverse

from sightline.access.models import AuditEvent
from sightline.people.models import Worker
from sightline.performance import pdf

from . import factories as f

pytestmark = pytest.mark.django_db

FY = "period=fy-2024"


@pytest.fixture
def leader():
    north = f.team("North Assessment")
    south = f.team("South Assessment")
    for who, days in ((f.worker(team=north), (6, 6, 6, 6, 6)), (f.worker(team=south), (7,) * 5)):
        for day in days:
            f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, day), worker=who)
    return f.worker(Worker.Role.SENIOR_LEADER)


def test_pack_states_the_figure_englands_and_the_team_furthest_behind(sign_in, leader):
    page = sign_in(leader).get(reverse("performance-pack") + "?" + FY).content.decode()
    assert (
        "50.0% of assessments were completed within 45 working days (5 of 10) "
        "(England 85.7%); South Assessment 0.0%."
    ) in page


def test_pack_marks_an_estimate_as_no_published_figure(sign_in, leader):
    kid = f.child()
    f.care(kid, date(2023, 6, 1))
    f.health(kid, "dental", date(2024, 6, 1))
    page = sign_in(leader).get(reverse("performance-pack") + "?" + FY).content.decode()
    assert (
        "100.0% of children in care for a year or more had a dental check in the last 12 "
        "months (1 of 1) (England: no published figure; estimate 75.0%)."
    ) in page


def test_without_chromium_the_pdf_link_answers_503_with_a_clear_message(
    sign_in, leader, monkeypatch
):
    monkeypatch.setattr(pdf, "chromium_path", lambda: None)
    response = sign_in(leader).get(reverse("performance-pack-pdf") + "?" + FY)
    assert response.status_code == 503
    assert "Chromium is not installed" in response.content.decode()


chromium_missing = pdf.chromium_path() is None


@pytest.mark.skipif(chromium_missing and not os.environ.get("CI"), reason="needs Debian's chromium")
def test_pdf_is_printed_by_chromium_and_the_download_is_audited(sign_in, leader):
    response = sign_in(leader).get(reverse("performance-pack-pdf") + "?" + FY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5_000
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count() == 1


def test_pack_summary_counts_only_indicators_with_a_better_direction(sign_in, leader):
    from sightline.performance.models import ChildPopulation

    ChildPopulation.objects.create(year=2024, count=10_000, changed_at=f.moment(date(2024, 7, 1)))
    page = sign_in(leader).get(reverse("performance-pack") + "?" + FY).content.decode()
    # Re-referrals (none: better), assessments in time and the median (both worse). Rates such
    # as referrals per 10,000 have an England figure but no better direction: not counted.
    assert (
        "Of the 3 performance indicators with a published England figure to compare with, the "
        "service is better than England on 1, worse on 2 and the same on 0."
    ) in page
