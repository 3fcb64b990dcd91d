"""Bad input, in a real browser: refused with a GOV.UK error summary naming the field, the page
title starting "Error: ", and nothing saved, as the pages that list the records show.

Every page is checked with axe-core, error states included.
"""

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import (
    choose,
    error_summary,
    fill_date,
    fill_date_time,
    follow,
    now,
    open_my_child,
    sees_heading,
    shown,
    today,
)

pytestmark = pytest.mark.browser


def refused(page, message: str, field_label: str) -> None:
    """The error summary says `message`, which also sits by the field it is about, and the page
    title says there is an error."""
    assert message in error_summary(page)
    assert page.title().startswith("Error: ")
    field = page.locator(".govuk-form-group--error", has_text=field_label)
    expect(field.locator(".govuk-error-message")).to_contain_text(message)
    accessible(page)


def awaiting_decision(page):
    return page.get_by_role("table", name=re.compile("awaiting a decision"))


def test_a_decision_without_a_rationale_is_refused_and_nothing_saved(as_user):
    fd = as_user("fd.demo")
    accessible(fd)
    fd.get_by_role("link", name="Front door", exact=True).click()
    accessible(fd)
    awaiting_decision(fd).get_by_role("link", name="Alfie Barker").click()
    sees_heading(fd, "Contact about Alfie Barker")
    accessible(fd)
    fd.get_by_role("button", name="Record the decision").click()
    accessible(fd)
    choose(fd, "Decision", "No further action")
    fd.get_by_role("button", name="Save the decision").click()
    refused(fd, "Enter the rationale for the decision", "Rationale")
    expect(fd.get_by_role("radio", name="No further action")).to_be_checked()  # kept

    fd.get_by_role("link", name="Back to screening").click()
    sees_heading(fd, "Contact about Alfie Barker")
    expect(fd.get_by_text("Decision due by")).to_be_visible()
    expect(fd.get_by_text("Awaiting authorisation")).to_have_count(0)
    accessible(fd)
    fd.get_by_role("link", name="Back to the front door").click()
    expect(awaiting_decision(fd).get_by_role("link", name="Alfie Barker")).to_be_visible()
    accessible(fd)


def test_a_conference_dated_before_its_strategy_discussion_is_refused_and_nothing_saved(
    as_user,
):
    sw = as_user("sw.demo")
    open_my_child(sw, "Zara Okoro")
    follow(sw, "Record initial conference", "Record initial child protection conference")
    held = sw.locator("dt:text-is('Strategy discussion') + dd").inner_text()
    discussed = datetime.strptime(held, "%d %B %Y").date()
    fill_date(sw, "Date of the initial conference", discussed - timedelta(days=1))
    sw.get_by_label("Conference chair").fill("Helen Price")
    choose(sw, "Conference decision", "Child protection plan made")
    choose(sw, "Initial category of abuse", "PHY Physical abuse")
    sw.get_by_role("button", name="Save conference").click()
    refused(
        sw,
        "Conference date must be on or after the strategy discussion.",
        "Date of the initial conference",
    )

    sw.get_by_role("link", name="Back", exact=True).click()
    sees_heading(sw, "Child protection")
    expect(sw.get_by_text("No initial conferences recorded.")).to_be_visible()
    expect(sw.get_by_text("No child protection plans.")).to_be_visible()
    accessible(sw)


def test_a_contact_received_tomorrow_is_refused_and_nothing_saved(as_user):
    fd = as_user("fd.demo")
    accessible(fd)
    fd.get_by_role("link", name="Front door", exact=True).click()
    accessible(fd)
    waiting = awaiting_decision(fd).get_by_role("row")
    before = waiting.count()
    fd.get_by_role("link", name="Record a contact").click()
    accessible(fd)
    # A child the council knows: found by search, not added again.
    fd.get_by_label("Name, council ID or date of birth").fill("Alfie Barker")
    fd.get_by_role("button", name="Search").click()
    accessible(fd)
    fd.get_by_role("button", name="Add Alfie Barker").click()
    accessible(fd)
    fd.get_by_role("button", name="Continue").click()
    sees_heading(fd, "What was reported")
    accessible(fd)
    fill_date_time(fd, "Date and time received", now() + timedelta(days=1))
    fd.get_by_label("Source of the contact").select_option(label="2A SCHOOLS")
    fd.get_by_label("Reported by").fill("Class teacher, Fennick Primary School")
    fd.get_by_label("What was reported").fill("Alfie said he was left home alone again.")
    choose(fd, "Consent", "Consent given")
    choose(fd, "Was the contact received out of hours?", "No")
    fd.get_by_role("button", name="Save the contact").click()
    refused(fd, "The date and time received must be now or in the past", "Date and time received")

    fd.get_by_role("link", name="Front door", exact=True).click()
    sees_heading(fd, "Front door", level=1)
    expect(waiting).to_have_count(before)
    accessible(fd)


def test_a_child_seen_tomorrow_is_refused_and_nothing_saved(as_user):
    sw = as_user("sw.demo")
    open_my_child(sw, "Isla Murray")
    sw.get_by_role("link", name=re.compile(r"^Open assessment")).click()
    sees_heading(sw, "Assessment")
    seen = sw.get_by_role("table", name="Dates the child was seen during the assessment")
    before = seen.get_by_role("row").count()
    accessible(sw)
    sw.get_by_role("link", name="Record a date the child was seen").click()
    accessible(sw)
    tomorrow = today() + timedelta(days=1)
    fill_date(sw, "Date the child was seen", tomorrow)
    choose(sw, "Was the child seen alone?", "Yes")
    sw.get_by_role("button", name="Save").click()
    refused(sw, "The date the child was seen must be today or in the past", "Date the child was")

    sw.get_by_role("link", name="Back", exact=True).click()
    sees_heading(sw, "Assessment")
    expect(seen.get_by_role("row")).to_have_count(before)
    expect(seen).not_to_contain_text(shown(tomorrow))
    accessible(sw)


def test_each_link_in_the_error_summary_takes_you_to_its_field(as_user):
    # The GOV.UK error summary pattern: choosing an error puts the cursor in the field, so a
    # keyboard or screen reader user can put it right (for a date, in its day box).
    sw = as_user("sw.demo")
    open_my_child(sw, "Isla Murray")
    sw.get_by_role("link", name=re.compile(r"^Open assessment")).click()
    accessible(sw)
    sw.get_by_role("link", name="Record a date the child was seen").click()
    accessible(sw)
    sw.get_by_role("button", name="Save").click()
    error_summary(sw)
    accessible(sw)
    links = sw.locator(".govuk-error-summary a")
    expect(links).to_have_count(2)
    landed = {}
    for link in links.all():
        text = link.inner_text()
        link.click()
        landed[text] = sw.evaluate(
            "() => { const el = document.activeElement;"
            " return el.tagName === 'INPUT' && el.closest('.govuk-form-group--error') !== null; }"
        )
    assert landed == dict.fromkeys(landed, True), f"the cursor went to the field: {landed}"
