"""Running the service day to day, in a real browser, one person after another: the
administrator creates a social worker in Jordan's team; their team manager (tm.demo) allocates
Toby Ashworth, who is waiting on the team's unallocated work, to the new worker with a reason;
the new worker signs in, chooses their own password, finds Toby on My work, records a visit
with what they saw and what he said, and finds the visit in his chronology.

Every page each of them sees is checked with axe-core.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible, new_context, sign_in
from .steps import (
    choose,
    fill_date,
    fill_date_time,
    follow,
    group,
    now,
    open_my_child,
    sees_banner,
    sees_heading,
    today,
)

pytestmark = pytest.mark.browser

CHILD = "Toby Ashworth"
WORKER = "Nadia Okafor"
USERNAME = "nokafor"
TEMPORARY = "harbour-kestrel-93q"
OWN = "lantern-orchard-river-58"
SAW = "Toby showed me his reading book and the garden his dad is digging with him."


def test_a_new_worker_is_allocated_a_child_visits_and_finds_the_visit_in_the_chronology(
    as_user, browser, server, demo_logins
):
    team = demo_logins["tm.demo"]["team"]
    admin = as_user("admin.demo")
    accessible(admin)
    admin.get_by_role("link", name="Workforce", exact=True).click()
    sees_heading(admin, "Workforce")
    accessible(admin)
    follow(admin, "Add a worker", "Add a worker")
    first, last = WORKER.split()
    admin.get_by_label("First name", exact=True).fill(first)
    admin.get_by_label("Last name", exact=True).fill(last)
    admin.get_by_label("Username", exact=True).fill(USERNAME)
    admin.get_by_label("Temporary password").fill(TEMPORARY)
    admin.get_by_label("Staff ID", exact=True).fill("E2E0002")
    admin.get_by_label("Role", exact=True).select_option(label="Social worker")
    admin.get_by_label("Team", exact=True).select_option(label=team)
    choose(admin, "Agency or employed", "Employed by the council")
    fill_date(admin, "Start date", today())
    admin.get_by_role("button", name="Add the worker").click()
    sees_banner(admin, f"{WORKER} can now sign in as {USERNAME}")
    accessible(admin)

    tm = as_user("tm.demo")
    accessible(tm)
    tm.get_by_role("link", name="Unallocated work", exact=True).click()
    sees_heading(tm, "Unallocated work", level=1)
    accessible(tm)
    tm.get_by_role("link", name=f"Allocate a social worker to {CHILD}").click()
    sees_heading(tm, "Allocate a social worker", level=1)
    accessible(tm)
    choice = group(tm, "Worker").locator("label", has_text=re.compile(f"^{WORKER},"))
    choice.click()
    fill_date(tm, "Start date", today())
    tm.get_by_label("Reason for the allocation").fill("Jordan has moved to the court team.")
    tm.get_by_role("button", name="Allocate").click()
    sees_banner(tm, f"{WORKER} is now {CHILD}'s social worker")
    accessible(tm)

    context = new_context(browser, server)
    try:
        worker = context.new_page()
        sign_in(worker, USERNAME, TEMPORARY)
        sees_heading(worker, "Change your password")
        worker.get_by_label("Current password", exact=True).fill(TEMPORARY)
        worker.get_by_label("New password", exact=True).fill(OWN)
        worker.get_by_label("Type the new password again", exact=True).fill(OWN)
        worker.get_by_role("button", name="Change your password").click()
        sees_heading(worker, "My work")
        accessible(worker)

        open_my_child(worker, CHILD)
        follow(worker, "Record a case note", "Record a case note")
        visited = (now() - timedelta(hours=1)).replace(second=0, microsecond=0)
        choose(worker, "Type of note", "Visit")
        fill_date_time(worker, "Date and time", visited)
        worker.get_by_label("Who was seen or spoken to").fill("Toby and his dad, Craig")
        choose(worker, "Was the child seen?", "Yes")
        choose(worker, "Was the child seen alone?", "Yes")
        choose(worker, "Was the visit announced?", "Yes, the family knew I was coming")
        choose(worker, "Is this note written to the child?", "Yes")
        worker.get_by_label("What happened and what you observed").fill(SAW)
        worker.get_by_label("The child's words").fill("Dad helps me read every night.")
        worker.get_by_label("Your analysis").fill("Toby is settled; the plan is working.")
        worker.get_by_role("button", name="Save the case note").click()
        sees_banner(worker, "Case note recorded")
        accessible(worker)

        worker.get_by_role("link", name=f"Back to {CHILD}'s case notes").click()
        worker.get_by_role("link", name=f"Back to {CHILD}'s record").click()
        follow(worker, "See the full chronology", "Chronology")
        entry = worker.get_by_role("link", name=re.compile(r"^Visit: Toby showed me his"))
        expect(worker.get_by_role("row").filter(has=entry)).to_contain_text("Case notes")
        accessible(worker)
    finally:
        context.close()
