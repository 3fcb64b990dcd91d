"""Allocation, in a real browser: Jordan's manager (tm.demo) finds Ruby Fletcher, whose social
worker's allocation has ended, on their unallocated work; chooses a social worker in the team
from the candidates and their caseloads, with a reason; sees it in Ruby's allocation history;
and Ruby is no longer waiting. Every page is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import error_summary, fill_date, group, sees_banner, sees_heading, today

pytestmark = pytest.mark.browser

CHILD = "Ruby Fletcher"
WAITING = re.compile("^Children waiting for a social worker")


def open_unallocated_work(page):
    page.get_by_role("link", name="Unallocated work", exact=True).click()
    sees_heading(page, "Unallocated work", level=1)
    accessible(page)
    return page.get_by_role("table", name=WAITING)


def test_a_team_manager_allocates_a_waiting_child_with_a_reason(as_user, demo_logins):
    tm = as_user("tm.demo")
    sees_heading(tm, "My work")
    accessible(tm)
    waiting = open_unallocated_work(tm)
    expect(waiting.get_by_role("row").filter(has_text=CHILD)).to_have_count(1)
    waiting.get_by_role("link", name=f"Allocate a social worker to {CHILD}").click()
    sees_heading(tm, "Allocate a social worker", level=1)
    accessible(tm)
    expect(
        tm.get_by_role("table", name="Workers you can choose, and their caseloads")
    ).to_be_visible()

    # Nothing chosen: refused, saying what to do.
    tm.get_by_role("button", name="Allocate").click()
    assert "Choose a worker" in error_summary(tm)
    accessible(tm)

    # Someone in Jordan's team other than Jordan (sw.demo), whose caseload other tests read;
    # a worker in the same team keeps Ruby in the manager's sight afterwards.
    jordan = demo_logins["sw.demo"]
    labels = group(tm, "Worker").locator("label").all_inner_texts()
    chosen = next(
        label
        for label in labels
        if f", {jordan['team']} (" in label and not label.startswith(jordan["name"])
    )
    worker = chosen.split(",")[0]
    group(tm, "Worker").get_by_label(chosen, exact=True).check()
    fill_date(tm, "Start date", today())
    reason = "Jordan has moved to the court team; Ruby's plan needs a new social worker."
    tm.get_by_label("Reason for the allocation").fill(reason)
    tm.get_by_role("button", name="Allocate").click()

    sees_banner(tm, f"{worker} is now {CHILD}'s social worker")
    sees_heading(tm, "Allocations", level=1)
    now = tm.get_by_role("table", name="Workers allocated now").get_by_role("row")
    expect(now.filter(has_text=worker)).to_contain_text(reason)
    ended = tm.get_by_role("table", name=re.compile("^Allocations that have ended"))
    expect(ended.get_by_role("row").filter(has_text=jordan["name"])).to_have_count(1)
    accessible(tm)

    open_unallocated_work(tm)
    expect(tm.get_by_role("link", name=CHILD, exact=True)).to_have_count(0)
