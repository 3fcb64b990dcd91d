"""Running the workforce, in a real browser: the administrator adds a worker with a temporary
password (a weak one is refused on its field first) and looks over the pages that change a
worker, a team or a service; the worker signs in with it, is made to
choose their own password before anything else, and then reaches My work.

Every page either of them sees is checked with axe-core, error states included.
"""

import pytest
from playwright.sync_api import expect

from .conftest import accessible, new_context, sign_in
from .steps import (
    choose,
    error_summary,
    fill_date,
    follow,
    sees_banner,
    sees_heading,
    today,
)

pytestmark = pytest.mark.browser

TEMPORARY = "tulip-meadow-42x"
OWN = "my-own-harbour-lantern-7"


def test_a_new_worker_changes_their_temporary_password_then_reaches_my_work(
    as_user, browser, server
):
    admin = as_user("admin.demo")
    accessible(admin)
    admin.get_by_role("link", name="Workforce", exact=True).click()
    sees_heading(admin, "Workforce")
    accessible(admin)
    admin.get_by_role("link", name="Add a worker").click()
    sees_heading(admin, "Add a worker")
    accessible(admin)

    admin.get_by_label("First name", exact=True).fill("Imogen")
    admin.get_by_label("Last name", exact=True).fill("Calloway")
    admin.get_by_label("Username", exact=True).fill("icalloway")
    admin.get_by_label("Temporary password").fill("password123")
    admin.get_by_label("Staff ID", exact=True).fill("E2E0001")
    admin.get_by_label("Role", exact=True).select_option(label="Social worker")
    admin.get_by_label("Team", exact=True).select_option(label="Assessment Team North")
    choose(admin, "Agency or employed", "Employed by the council")
    fill_date(admin, "Start date", today())
    admin.get_by_role("button", name="Add the worker").click()

    # A weak password is refused on its field, and what was typed elsewhere is kept.
    assert "This password is too common." in error_summary(admin)
    assert admin.title().startswith("Error: ")
    field = admin.locator(".govuk-form-group--error", has_text="Temporary password")
    expect(field.locator(".govuk-error-message")).to_contain_text("too common")
    expect(admin.get_by_label("Username", exact=True)).to_have_value("icalloway")
    accessible(admin)
    admin.get_by_label("Temporary password").fill(TEMPORARY)
    admin.get_by_role("button", name="Add the worker").click()
    sees_heading(admin, "Imogen Calloway", level=1)
    sees_banner(admin, "Imogen Calloway can now sign in as icalloway")
    accessible(admin)
    # The worker's other pages, opened and left without a change.
    for link, heading in (
        ("Change their details", "Change their details"),
        ("Set a temporary password", "Set a temporary password"),
        ("End this worker", "End this worker and their sign-in"),
    ):
        follow(admin, link, heading)
        admin.get_by_role("link", name="Cancel").click()
        sees_heading(admin, "Imogen Calloway", level=1)
        accessible(admin)
    admin.get_by_role("link", name="Back to the workforce").click()
    follow(admin, "Teams and services", "Teams and services")
    follow(admin, "Add a team", "Add a team")

    # The worker's own browser: their first sign-in goes to "Change your password".
    context = new_context(browser, server)
    try:
        worker = context.new_page()
        sign_in(worker, "icalloway", TEMPORARY)
        sees_heading(worker, "Change your password")
        accessible(worker)
        worker.goto("/")  # nothing else opens until they have
        sees_heading(worker, "Change your password")
        worker.get_by_label("Current password", exact=True).fill(TEMPORARY)
        worker.get_by_label("New password", exact=True).fill(OWN)
        worker.get_by_label("Type the new password again", exact=True).fill(OWN)
        worker.get_by_role("button", name="Change your password").click()
        sees_heading(worker, "My work")
        sees_banner(worker, "Your password has been changed")
        accessible(worker)
    finally:
        context.close()
