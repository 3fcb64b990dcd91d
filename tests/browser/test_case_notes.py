"""Case recording, in a real browser: the social worker (sw.demo) records a visit to Kian
Mercer as a case note written to him, with what they saw, his words, their analysis and the
actions. A note with nothing written is refused first, naming the field. The note then shows in
Kian's chronology as its type and first words, linked to the note, which opens in full.

Every page is checked with axe-core, the error state included.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import (
    choose,
    error_summary,
    fill_date_time,
    follow,
    now,
    open_my_child,
    sees_banner,
    sees_heading,
    shown,
)

pytestmark = pytest.mark.browser

CHILD = "Kian Mercer"
OBSERVED = (
    "I came to see you after school. You showed me the den you built in the garden, and your "
    "mum had made tea for you and your sister."
)


def test_a_social_worker_records_a_visit_and_finds_it_in_the_chronology(as_user):
    sw = as_user("sw.demo")
    open_my_child(sw, CHILD)
    follow(sw, "Record a case note", "Record a case note")

    visited = (now() - timedelta(hours=2)).replace(second=0, microsecond=0)
    choose(sw, "Type of note", "Visit")
    fill_date_time(sw, "Date and time", visited)
    sw.get_by_label("Who was seen or spoken to").fill("Kian, his mum Sian and his sister")
    choose(sw, "Was the child seen?", "Yes")
    choose(sw, "Was the child seen alone?", "Yes")
    choose(sw, "Was the visit announced?", "No, it was unannounced")
    choose(sw, "Is this note written to the child?", "Yes")
    sw.get_by_role("button", name="Save the case note").click()
    assert "Enter what happened and what you observed" in error_summary(sw)
    assert sw.title().startswith("Error: ")
    accessible(sw)

    sw.get_by_label("What happened and what you observed").fill(OBSERVED)
    sw.get_by_label("The child's words").fill("It's calmer at home now. I like my den.")
    sw.get_by_label("Your analysis").fill("Kian is relaxed and his mum is meeting his needs.")
    sw.get_by_label("Actions (optional)", exact=True).fill("Visit again within 10 working days.")
    sw.get_by_role("button", name="Save the case note").click()
    sees_banner(sw, "Case note recorded")
    heading = f"Visit, {shown(visited.date())} at {visited:%H:%M}"
    sees_heading(sw, heading, level=1)
    expect(sw.get_by_text("Written to Kian")).to_be_visible()
    accessible(sw)

    sw.get_by_role("link", name=f"Back to {CHILD}'s case notes").click()
    sees_heading(sw, "Case notes", level=1)
    accessible(sw)
    sw.get_by_role("link", name=f"Back to {CHILD}'s record").click()
    sees_heading(sw, CHILD, level=1)
    accessible(sw)
    follow(sw, "See the full chronology", "Chronology")
    entry = sw.get_by_role("link", name=re.compile(r"^Visit: I came to see you after school\."))
    row = sw.get_by_role("row").filter(has=entry)
    expect(row).to_contain_text("Case notes")
    expect(row).to_contain_text(f"{visited:%d/%m/%Y %H:%M}")

    entry.click()
    sees_heading(sw, heading, level=1)
    for said in (OBSERVED, "It's calmer at home now. I like my den.", "No: unannounced"):
        expect(sw.get_by_text(said)).to_be_visible()
    accessible(sw)
