"""Changing a child's details in a real browser: the social worker (sw.demo) corrects Isla
Murray's NHS number from "Details and family". A number with a wrong check digit is refused on
its field with nothing saved; the right one is saved with why, and the chronology shows the
change with the old and new number. Every page is checked with axe-core, the error state too.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import error_summary, follow, open_my_child, sees_banner, sees_heading

pytestmark = pytest.mark.browser

CHILD = "Isla Murray"
# Numbers in the NHS test range (999...): one with its right check digit, one with it wrong.
NHS_NUMBER = "9990000026"
WRONG_CHECK_DIGIT = "9990000027"
REASON = "The GP surgery confirmed Isla's NHS number."


def nhs_number_row(page):
    details = page.locator(".govuk-summary-list__row").filter(has_text="NHS number")
    return details.locator(".govuk-summary-list__value")


def test_an_nhs_number_is_checked_saved_with_why_and_shown_in_the_chronology(as_user):
    sw = as_user("sw.demo")
    open_my_child(sw, CHILD)
    follow(sw, "Details and family: see and change", "Details and family")
    before = nhs_number_row(sw).inner_text().strip()
    follow(sw, "Change NHS number", "Change the child's identifiers")

    sw.get_by_label("NHS number").fill(WRONG_CHECK_DIGIT)
    sw.get_by_label("Why are the details changing?").fill(REASON)
    sw.get_by_role("button", name="Save the change").click()
    message = f"NHS number {WRONG_CHECK_DIGIT} fails the NHS number check digit"
    assert message in error_summary(sw)
    assert sw.title().startswith("Error: ")
    field = sw.locator(".govuk-form-group--error", has_text="NHS number")
    expect(field.locator(".govuk-error-message")).to_contain_text(message)
    accessible(sw)

    sw.get_by_role("link", name="Back", exact=True).click()
    sees_heading(sw, "Details and family")
    expect(nhs_number_row(sw)).to_have_text(before)  # nothing saved
    accessible(sw)
    follow(sw, "Change NHS number", "Change the child's identifiers")
    sw.get_by_label("NHS number").fill(NHS_NUMBER)
    sw.get_by_label("Why are the details changing?").fill(REASON)
    sw.get_by_role("button", name="Save the change").click()
    sees_banner(sw, "Details changed")
    sees_heading(sw, "Details and family")
    expect(nhs_number_row(sw)).to_have_text(NHS_NUMBER)
    accessible(sw)

    follow(sw, "Back to the child's record", CHILD)
    sw.get_by_role("link", name="Chronology", exact=True).click()
    sees_heading(sw, "Chronology")
    accessible(sw)
    entry = sw.get_by_role("row").filter(has_text="Details changed: NHS number")
    old = "not recorded" if before == "Not recorded" else before
    expect(entry).to_contain_text(f"{old} → {NHS_NUMBER}. {REASON}")
    entry.get_by_role("link", name="Details changed: NHS number").click()
    sees_heading(sw, "Details and family")
    history = sw.get_by_role("table", name=re.compile("Every change to the child's details"))
    expect(history.get_by_role("row").filter(has_text=NHS_NUMBER)).to_contain_text(REASON)
    accessible(sw)
