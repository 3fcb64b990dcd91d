"""Journey B, in a real browser: from a strategy discussion to a reviewed child protection plan.

The social worker (sw.demo) holds Daisy Holloway's open referral. As the worries grow they
record a strategy discussion, start the section 47 enquiry, record the initial conference that
makes a plan, add a measurable outcome for Daisy, then record the review conference that rates
progress on it. A plan with no outcomes cannot be reviewed: the second test tries on Kian
Mercer's new plan. Every page is checked with axe-core.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import (
    choose,
    days_ago,
    error_summary,
    fill_date,
    follow,
    open_my_child,
    sees_banner,
    sees_heading,
    sees_recorded,
    shown,
    shown_short,
    today,
)

pytestmark = pytest.mark.browser


def test_strategy_discussion_to_plan_with_a_measurable_outcome_to_review(as_user):
    child = "Daisy Holloway"
    discussed, day = days_ago(2), today()
    sw = as_user("sw.demo")
    open_my_child(sw, child)

    follow(sw, "Record a strategy discussion", "Record a strategy discussion")
    fill_date(sw, "Date of the strategy discussion", discussed)
    for agency in ("Police", "Health", "Education", "Children's social care"):
        choose(sw, "Agencies present", agency)
    choose(sw, "Decision", "Section 47 enquiry")
    sw.get_by_label("Rationale for the decision").fill(
        "Daisy's account and the mark on her cheek give reasonable cause to suspect she is "
        "suffering significant harm: a joint section 47 enquiry with the police."
    )
    sw.get_by_role("button", name="Save strategy discussion").click()
    sees_heading(sw, "Child protection")
    sees_recorded(
        sw,
        "Strategy discussion recorded",
        "Strategy discussions, newest first",
        discussed,
        "Section 47 enquiry",
    )

    follow(
        sw,
        f"Start section 47 enquiry from the strategy discussion on {shown(discussed)}",
        "Start section 47 enquiry",
    )
    fill_date(sw, "Section 47 start date", discussed)
    sw.get_by_role("button", name="Start enquiry").click()
    sees_recorded(
        sw, "Section 47 enquiry started", "Section 47 enquiries, newest first", discussed, "Open"
    )

    follow(
        sw,
        f"Record initial conference for the enquiry started {shown(discussed)}",
        "Record initial child protection conference",
    )
    fill_date(sw, "Date of the initial conference", day)
    sw.get_by_label("Conference chair").fill("Helen Price")
    choose(sw, "Conference decision", "Child protection plan made")
    choose(sw, "Initial category of abuse", "PHY Physical abuse")
    sw.get_by_role("button", name="Save conference").click()
    sees_heading(sw, "Child protection plan")
    sees_banner(sw, "Initial conference recorded: plan made")
    expect(sw.get_by_text("This plan has no measurable outcomes for the child")).to_be_visible()
    expect(sw.locator(".govuk-summary-list").first).to_contain_text("Physical abuse")
    accessible(sw)

    follow(sw, "Add an outcome", "Add an outcome for the child")
    sw.get_by_label("What must change").fill(
        "Daisy is safe at home: no new marks or injuries, and she says she feels safe."
    )
    sw.get_by_label("How it will be measured").fill(
        "No injuries seen at school or on visits; Daisy scores 8 or more out of 10 on her "
        "safety scale at every visit."
    )
    fill_date(sw, "By when", day + timedelta(days=90))
    sw.get_by_label("Who is responsible").fill("Leanne Holloway, with Jordan Ellis")
    sw.get_by_role("button", name="Add outcome").click()
    sees_banner(sw, "Outcome added")
    outcome = sw.locator(".govuk-summary-card", has_text="Outcome 1")
    expect(outcome).to_contain_text("she feels safe")
    expect(outcome).to_contain_text(shown(day + timedelta(days=90)))
    expect(outcome).to_contain_text("Not yet reviewed")
    expect(sw.get_by_text("This plan has no measurable outcomes")).to_have_count(0)
    accessible(sw)

    follow(sw, "Record a review conference", "Record a review conference")
    fill_date(sw, "Date of the review conference", day)
    choose(sw, "Conference decision", "The plan continues")
    choose(sw, "Latest category of abuse", "PHY Physical abuse")
    choose(sw, "Progress on outcome 1", "Some progress")
    sw.get_by_label("Comment on outcome 1").fill("No new marks; Daisy scored 6 out of 10.")
    sw.get_by_role("button", name="Save review conference").click()
    sees_heading(sw, "Child protection plan")
    sees_banner(sw, "Review conference recorded")
    reviews = sw.get_by_role("table", name="Review conferences held, newest first")
    held = reviews.get_by_role("row").filter(has_text=shown(day))
    expect(held).to_contain_text("Plan continues")
    expect(held).to_contain_text("Some progress")
    expect(outcome).to_contain_text(f"Some progress at the review on {shown(day)}")
    accessible(sw)

    follow(sw, "Back to child protection", "Child protection")
    sw.get_by_role("link", name=f"Back to {child}'s record").click()
    sees_heading(sw, child, level=1)
    accessible(sw)
    follow(sw, "See the full chronology", "Chronology")
    chronology = sw.get_by_role("table", name=re.compile("Everything known about this child"))
    for event, when in [
        ("Strategy discussion", discussed),
        ("Section 47 enquiry started", discussed),
        ("Initial child protection conference", day),
        ("Child protection plan started", day),
        ("Plan outcome set", day),
        ("Review conference", day),
    ]:
        row = chronology.get_by_role("row").filter(
            has=sw.get_by_role("cell", name=re.compile("^" + re.escape(event)))
        )
        expect(row.first, f"chronology: {event}").to_contain_text(shown_short(when))
    accessible(sw)


def test_a_review_of_a_plan_with_no_outcomes_is_refused_naming_outcomes(as_user):
    sw = as_user("sw.demo")
    open_my_child(sw, "Kian Mercer")
    sw.get_by_role("link", name="Open child protection plan").click()
    sees_heading(sw, "Child protection plan")
    expect(sw.get_by_text("This plan has no measurable outcomes for the child")).to_be_visible()
    accessible(sw)

    follow(sw, "Record a review conference", "Record a review conference")
    fill_date(sw, "Date of the review conference", today())
    choose(sw, "Conference decision", "The plan continues")
    choose(sw, "Latest category of abuse", "NEG Neglect")
    sw.get_by_role("button", name="Save review conference").click()
    assert "at least one measurable outcome" in error_summary(sw)
    assert sw.title().startswith("Error: ")
    accessible(sw)

    sw.get_by_role("link", name="Back", exact=True).click()
    sees_heading(sw, "Child protection plan")
    expect(sw.get_by_role("table", name=re.compile("Review conferences held"))).to_have_count(0)
    accessible(sw)
