"""Journey A, in a real browser: a contact at the front door becomes an authorised assessment.

Four people, each in their own browser: the front-door social worker (fd.demo) records a
contact about a child the council does not know, screens it and decides on a referral; the
front-door manager (fdtm.demo) authorises the decision from the queue, starts the assessment
and passes it to the assessment team; the assessing social worker (assess.demo) records the
work; the assessment team's manager (assesstm.demo) checks it part-way and authorises it.
Every page each of them sees is checked with axe-core.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible, working_days_after
from .steps import (
    choose,
    fill_date,
    fill_date_time,
    follow,
    now,
    open_my_child,
    sees_banner,
    sees_heading,
    sees_recorded,
    shown,
    shown_short,
    today,
)

pytestmark = pytest.mark.browser

CHILD = "Harper Whitfield"


def open_child_from_search(page, name: str) -> None:
    page.get_by_role("link", name="Find a child", exact=True).click()
    accessible(page)
    page.get_by_label("Name, council ID or date of birth").fill(name)
    page.get_by_role("button", name="Search").click()
    accessible(page)
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    accessible(page)


def test_contact_to_decision_to_authorised_assessment(as_user, server):
    day = today()
    born = day.replace(year=day.year - 6) - timedelta(days=40)

    # -- the front door: record the contact, screen it, decide --------------------------------
    fd = as_user("fd.demo")
    sees_heading(fd, "My work")
    accessible(fd)
    fd.get_by_role("link", name="Front door", exact=True).click()
    sees_heading(fd, "Front door", level=1)
    accessible(fd)
    follow(fd, "Record a contact", "Who is the contact about?")

    # Search first, as the page asks: the child is not known.
    fd.get_by_label("Name, council ID or date of birth").fill(CHILD)
    fd.get_by_role("button", name="Search").click()
    sees_heading(fd, "No children found")
    accessible(fd)
    follow(fd, "Add a child we do not know yet", "Add a child we do not know yet")
    fd.get_by_label("First name").fill("Harper")
    fd.get_by_label("Last name").fill("Whitfield")
    fill_date(fd, "Date of birth", born)
    choose(fd, "Sex", "Female")
    fd.get_by_label("Ethnicity").select_option(label="White British")
    fd.get_by_role("button", name="Add this child").click()
    children = fd.get_by_role("table", name="Children this contact is about")
    expect(children.get_by_role("row", name=re.compile(CHILD))).to_contain_text("New")
    accessible(fd)

    fd.get_by_role("button", name="Continue").click()
    sees_heading(fd, "What was reported")
    accessible(fd)
    fill_date_time(fd, "Date and time received", now() - timedelta(minutes=20))
    fd.get_by_label("Source of the contact").select_option(label="2A SCHOOLS")
    fd.get_by_label("Reported by").fill("Mrs Okafor, designated safeguarding lead")
    fd.get_by_label("What was reported").fill(
        "Harper came to school with a bruise on her arm and said she is scared of her mum's "
        "new partner."
    )
    choose(fd, "Consent", "Consent given")
    choose(fd, "Was the contact received out of hours?", "No")
    fd.get_by_role("button", name="Save the contact").click()
    sees_heading(fd, f"Contact about {CHILD}")
    sees_banner(fd, f"Contact recorded for {CHILD}")
    expect(fd.get_by_text("Decision due by")).to_be_visible()
    accessible(fd)

    fd.get_by_role("button", name="Record the decision").click()
    sees_heading(fd, f"Decision on the contact about {CHILD}")
    accessible(fd)
    choose(fd, "Decision", "Referral for assessment")
    fd.get_by_label("Rationale").fill(
        "A child under 8 with an injury and a disclosure about an adult in the home: the "
        "threshold for a child and family assessment is met."
    )
    fd.get_by_role("button", name="Save the decision").click()
    sees_heading(fd, f"Contact about {CHILD}")
    sees_banner(fd, "Decision recorded: it now needs a manager's authorisation")
    expect(fd.get_by_text("Awaiting authorisation")).to_be_visible()
    expect(fd.get_by_text(f"Referral opened {shown(day)}")).to_be_visible()
    accessible(fd)

    # -- the front-door manager: authorise from the queue, start and allocate the assessment --
    fdtm = as_user("fdtm.demo")
    accessible(fdtm)
    fdtm.get_by_role("link", name="Front door", exact=True).click()
    accessible(fdtm)
    fdtm.get_by_role("link", name="Decisions awaiting your authorisation").click()
    sees_heading(fdtm, "Decisions awaiting authorisation")
    queued = fdtm.get_by_role("row").filter(has_text=CHILD)
    expect(queued).to_have_count(1)
    expect(queued).to_contain_text("Referral for assessment")
    expect(queued).to_contain_text("Kwame Mensah")
    accessible(fdtm)
    queued.get_by_role("link", name=f"Authorise the decision about {CHILD}").click()
    sees_heading(fdtm, f"Authorise the decision about {CHILD}")
    accessible(fdtm)
    choose(fdtm, "Do you agree with the decision?", "Agree with the decision")
    fdtm.get_by_role("button", name="Save the authorisation").click()
    sees_heading(fdtm, "Decisions awaiting authorisation")
    sees_banner(fdtm, "Decision agreed")
    expect(fdtm.get_by_role("row").filter(has_text=CHILD)).to_have_count(0)  # left the queue
    accessible(fdtm)

    open_child_from_search(fdtm, CHILD)
    follow(fdtm, f"Start an assessment (referral of {shown(day)})", "Start an assessment")
    fill_date(fdtm, "Assessment start date", day)
    fdtm.get_by_label("Social worker").select_option(label="Chloe Evans (Assessment Team North)")
    fdtm.get_by_role("button", name="Start the assessment").click()
    sees_heading(fdtm, "Assessment")
    sees_banner(fdtm, "Assessment started and allocated to Chloe Evans")
    due = working_days_after(server, day, 45)
    clock = fdtm.locator(".govuk-summary-list").first
    expect(clock.locator(".govuk-summary-list__row", has_text=re.compile("^Due"))).to_contain_text(
        shown(due)
    )
    expect(clock).to_contain_text("45 working days from the referral date")
    expect(clock).to_contain_text("Chloe Evans (Assessment Team North)")
    accessible(fdtm)

    # -- the assessing social worker: the child seen, their views, factors, the outcome -------
    worker = as_user("assess.demo")
    open_my_child(worker, CHILD)
    worker.get_by_role("link", name=f"Open assessment (started {shown(day)})").click()
    sees_heading(worker, "Assessment")
    expect(worker.get_by_text("The child has not been seen yet")).to_be_visible()
    accessible(worker)

    worker.get_by_role("link", name="Record a date the child was seen").click()
    accessible(worker)
    fill_date(worker, "Date the child was seen", day)
    choose(worker, "Was the child seen alone?", "Yes")
    worker.get_by_role("button", name="Save").click()
    sees_recorded(
        worker,
        "Date the child was seen recorded",
        "Dates the child was seen during the assessment",
        day,
        "Chloe Evans",
    )

    worker.get_by_role("link", name="Record the child's views").click()
    accessible(worker)
    worker.get_by_label("The child's views").fill(
        "Harper said she likes school and her nan's house, and that she hides in her room when "
        "mum's partner shouts."
    )
    fill_date(worker, "Date the views were recorded", day)
    worker.get_by_role("button", name="Save").click()
    sees_banner(worker, "The child's views recorded")
    expect(worker.get_by_text("she hides in her room")).to_be_visible()
    accessible(worker)

    worker.get_by_role("link", name="Record the factors identified").click()
    accessible(worker)
    worker.get_by_role("checkbox", name=re.compile(r"^3A ")).check()
    worker.get_by_role("checkbox", name=re.compile(r"^4B ")).check()
    worker.get_by_role("button", name="Save").click()
    sees_banner(worker, "Factors recorded")
    factors = worker.locator("#factors + ul")
    expect(factors).to_contain_text("Domestic violence")
    expect(factors).to_contain_text("Mental health")
    accessible(worker)

    worker.get_by_role("link", name="Record the outcome").click()
    accessible(worker)
    choose(worker, "Outcome of the assessment", "Child in need plan")
    worker.get_by_label("Reasons for the outcome").fill(
        "Harper needs a plan of support for her mother and a safety plan at home."
    )
    worker.get_by_label("The child's primary need").select_option(label="N1 Abuse or neglect")
    worker.get_by_role("button", name="Save").click()
    sees_banner(worker, "Outcome recorded")
    outcome = worker.locator("#outcome + dl")
    expect(outcome).to_contain_text("Child in need plan")
    expect(outcome).to_contain_text("Abuse or neglect")
    # Recording the work is not the manager's: no authorisation button for the worker.
    expect(worker.get_by_role("button", name="Authorise the assessment")).to_have_count(0)
    accessible(worker)

    # -- the assessment team's manager: the midpoint check, then authorisation ----------------
    manager = as_user("assesstm.demo")
    accessible(manager)
    open_child_from_search(manager, CHILD)
    manager.get_by_role("link", name=f"Open assessment (started {shown(day)})").click()
    accessible(manager)
    manager.get_by_role("link", name="Record the manager's midpoint check").click()
    sees_heading(manager, "Record the manager's midpoint check")
    expect(manager.locator(".govuk-summary-list")).to_contain_text(shown(due))
    accessible(manager)
    fill_date(manager, "Date of the check", day)
    choose(manager, "Is the assessment on track to finish in time?", "Yes")
    manager.get_by_label("Manager's direction").fill(
        "On track. Speak to the health visitor about mum's mood before the plan is agreed."
    )
    manager.get_by_role("button", name="Save").click()
    sees_recorded(
        manager,
        "Manager's midpoint check recorded",
        "Midpoint checks recorded",
        day,
        "Gillian Shah",
    )

    manager.get_by_role("button", name="Authorise the assessment").click()
    sees_heading(manager, "Authorise the assessment")
    accessible(manager)
    fill_date(manager, "Authorisation date", day)
    manager.get_by_role("button", name="Authorise the assessment").click()
    sees_banner(manager, "Assessment authorised")
    authorised = manager.locator("#authorisation + dl")
    expect(authorised).to_contain_text(f"{shown(day)} by Gillian Shah")
    expect(authorised).to_contain_text(f"Started {shown(day)}")  # the child in need plan
    expect(manager.get_by_role("link", name="Record the manager's midpoint check")).to_have_count(0)
    accessible(manager)

    # -- the child's record tells the story, newest first ---------------------------------------
    manager.get_by_role("link", name=f"Back to {CHILD}'s record").click()
    sees_heading(manager, CHILD, level=1)
    accessible(manager)
    follow(manager, "See the full chronology", "Chronology")
    chronology = manager.get_by_role("table", name=re.compile("Everything known about this child"))
    for event in [
        "Contact received",
        "Contact decision: Referral for assessment",
        "Decision agreed by Priya Nair",
        "Referral",
        "Assessment started",
        "Child seen alone",
        "Manager's midpoint check by Gillian Shah",
        "Assessment authorised",
        "Child in need plan started",
    ]:
        row = chronology.get_by_role("row").filter(
            has=manager.get_by_role("cell", name=re.compile("^" + re.escape(event)))
        )
        expect(row.first, f"chronology: {event}").to_contain_text(shown_short(day))
    expect(chronology.get_by_role("row").filter(has_text="Assessment authorised")).to_contain_text(
        "Factors: 3A Domestic violence"
    )
    accessible(manager)
