"""Finding the right child, in a real browser: the front door is shown a known child before it
adds a new one, and a manager merges two records of the same child.

The children are the demo county's own (synth/stories.yml): Noah Pemberton, known before and
in no front-door worker's scope, and Evie Sutherland, recorded twice (the duplicate is "Evie
Southerland"). Every page each person sees is checked with axe-core.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import (
    choose,
    fill_date,
    fill_date_time,
    follow,
    now,
    sees_banner,
    sees_heading,
    shown,
    today,
)

pytestmark = pytest.mark.browser


def test_adding_a_child_the_front_door_is_shown_the_known_child_and_chooses_them(as_user):
    born = today() - timedelta(days=3000)  # Noah's date of birth in the stories
    fd = as_user("fd.demo")
    sees_heading(fd, "My work")
    accessible(fd)
    fd.get_by_role("link", name="Front door", exact=True).click()
    sees_heading(fd, "Front door", level=1)
    accessible(fd)
    follow(fd, "Record a contact", "Who is the contact about?")

    # Noah is known, but not to the front door: the search in scope does not find him.
    follow(fd, "Add a child we do not know yet", "Add a child we do not know yet")
    fd.get_by_label("First name").fill("Noah")
    fd.get_by_label("Last name").fill("Pembleton")  # as the caller spelt it
    fill_date(fd, "Date of birth", born)
    choose(fd, "Sex", "Male")
    fd.get_by_label("Ethnicity").select_option(label="White British")
    fd.get_by_role("button", name="Add this child").click()

    sees_heading(fd, "Is this a child we already know?")
    accessible(fd)
    known = fd.get_by_role("row").filter(has_text="Noah Pemberton")
    expect(known).to_have_count(1)
    expect(known).to_contain_text(shown(born))
    expect(known).to_contain_text("SF3")  # the postcode district only, not the address
    expect(known).to_contain_text("Known before")
    expect(fd.get_by_text("Canal Street")).to_have_count(0)

    # Adding him anyway needs the confirmation that none of these is the child.
    fd.get_by_role("button", name="Add Noah Pembleton as a new child").click()
    expect(fd.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that none of these is the child, or choose the child from the list"
    )
    accessible(fd)

    known.get_by_role("button", name=re.compile("^Choose Noah Pemberton")).click()
    sees_heading(fd, "Who is the contact about?")
    children = fd.get_by_role("table", name="Children this contact is about")
    expect(children.get_by_role("row", name=re.compile("Noah Pemberton"))).to_have_count(1)
    expect(children).not_to_contain_text("New")
    accessible(fd)

    fd.get_by_role("button", name="Continue").click()
    sees_heading(fd, "What was reported")
    accessible(fd)
    fill_date_time(fd, "Date and time received", now() - timedelta(minutes=10))
    fd.get_by_label("Source of the contact").select_option(label="2A SCHOOLS")
    fd.get_by_label("Reported by").fill("Mr Adeyemi, class teacher")
    fd.get_by_label("What was reported").fill("Noah said he does not want to go home tonight.")
    choose(fd, "Consent", "Consent given")
    choose(fd, "Was the contact received out of hours?", "No")
    fd.get_by_role("button", name="Save the contact").click()
    # The contact is on Noah's own record, which the front door may now screen.
    sees_heading(fd, "Contact about Noah Pemberton")
    sees_banner(fd, "Contact recorded for Noah Pemberton")
    accessible(fd)


def open_child(page, name: str) -> str:
    """Find the child by name and open their record; returns their council ID."""
    page.get_by_role("link", name="Find a child", exact=True).click()
    accessible(page)
    page.get_by_label("Name, council ID or date of birth").fill(name)
    page.get_by_role("button", name="Search").click()
    accessible(page)
    page.get_by_role("link", name=name, exact=True).click()
    sees_heading(page, name, level=1)
    accessible(page)
    return re.search(r"Council ID (\w+)", page.inner_text("main"))[1]


def test_a_manager_merges_two_records_of_one_child_and_both_show_it(as_user):
    manager = as_user("fdtm.demo")
    accessible(manager)
    duplicate = open_child(manager, "Evie Southerland")
    kept = open_child(manager, "Evie Sutherland")

    follow(manager, "Merge a duplicate record into this one", "Merge two records of the same child")
    expect(manager.get_by_label("Council ID of the record to keep")).to_have_value(kept)
    manager.get_by_label("Council ID of the duplicate record").fill(duplicate)
    manager.get_by_role("button", name="Merge the records").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "Enter why these records are the same child"
    )
    accessible(manager)
    manager.get_by_label("Why these are the same child").fill(
        "Same date of birth, nursery and mother: the front door misspelt the surname."
    )
    manager.get_by_role("button", name="Merge the records").click()

    # The record kept now holds both contacts.
    sees_heading(manager, "Evie Sutherland", level=1)
    sees_banner(manager, f"Records merged into Evie Sutherland ({kept})")
    accessible(manager)
    tabs = manager.get_by_role("navigation", name="Child's record")
    tabs.get_by_role("link", name="Chronology", exact=True).click()
    sees_heading(manager, "Chronology")
    accessible(manager)
    rows = manager.get_by_role("row")
    expect(rows.filter(has_text="Contact received")).to_have_count(2)
    merge = rows.filter(has_text="Duplicate record merged into this one")
    expect(merge).to_contain_text(f"Evie Southerland ({duplicate})")
    expect(merge).to_contain_text("the front door misspelt the surname")

    # The duplicate shows as merged into the record kept.
    manager.goto("/front-door/merge/")
    sees_heading(manager, "Merge two records of the same child")
    merged = manager.get_by_role("row").filter(has_text=f"Evie Southerland ({duplicate})")
    expect(merged).to_contain_text(f"Evie Sutherland ({kept})")
    accessible(manager)
