"""Every input on the assessment pages has a label (what assistive technology, and Playwright's
get_by_label, find it by), and the pages carry the GOV.UK error summary when input is bad."""

import pytest

from sightline.testing.helpers import error_page, unlabelled_controls

from .pages import RECORDING_PAGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", RECORDING_PAGES)
def test_every_input_on_a_recording_page_has_a_label(tm, assessment, sign_in, page):
    response = sign_in(tm).get(f"/assessments/{assessment.pk}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert unlabelled_controls(html) == []
    assert '<html lang="en-GB"' in html
    assert html.count("<h1") == 1


def test_the_start_page_labels_every_input(tm, episode, sign_in):
    html = sign_in(tm).get(f"/assessments/referrals/{episode.pk}/start/").content.decode()
    assert unlabelled_controls(html) == []
    assert '<label class="govuk-label" for="id_worker">Social worker</label>' in html


@pytest.mark.parametrize("page", RECORDING_PAGES)
def test_a_page_with_errors_has_an_error_title_and_summary(tm, assessment, sign_in, page):
    html = error_page(sign_in(tm).post(f"/assessments/{assessment.pk}/{page}", {}))
    assert "There is a problem" in html
