"""The first pages, in a real browser, as the demo's users would use them."""

import re

import pytest

from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_social_worker_signs_in_sees_my_work_and_opens_a_child(page, demo_users):
    worker = demo_users["Social worker"]
    sign_in(page, worker["username"], worker["password"])
    page.get_by_role("heading", name="My work").wait_for()
    assert axe_violations(page) == []
    first_child = page.locator("table.govuk-table tbody tr a").first
    name = first_child.inner_text()
    first_child.click()
    page.get_by_role("heading", name=name).wait_for()
    assert page.get_by_role("heading", name="Due and overdue").is_visible()
    assert page.get_by_role("heading", name="Latest visits and notes").is_visible()
    assert axe_violations(page) == []


def test_search_by_name_and_a_child_outside_scope_is_not_found(page, demo_users):
    worker = demo_users["Social worker"]
    sign_in(page, worker["username"], worker["password"])
    page.get_by_role("link", name="Find a child").click()
    assert axe_violations(page) == []
    page.get_by_label("Name, council ID or date of birth").fill("zzzz-nobody")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="No children found").wait_for()
    response = page.goto("/children/NOSUCHCHILD/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert axe_violations(page) == []


def test_sign_in_page_and_error_are_accessible(page):
    page.goto("/sign-in/")
    assert axe_violations(page) == []
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []


def test_administrator_reads_the_audit_trail(page, demo_users):
    social_worker = demo_users["Social worker"]
    sign_in(page, social_worker["username"], social_worker["password"])
    link = page.locator("table.govuk-table tbody tr a").first
    council_id = re.search(r"/children/([^/]+)/", link.get_attribute("href")).group(1)
    link.click()
    page.get_by_role("button", name="Sign out").click()

    admin = demo_users["Administrator"]
    sign_in(page, admin["username"], admin["password"])
    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Child's council ID").fill(council_id)
    page.get_by_role("button", name="Show events").click()
    assert page.get_by_role("cell", name=re.compile(social_worker["username"])).first.is_visible()
    assert axe_violations(page) == []


def test_no_csp_violations_with_the_policy_in_force(browser, server, demo_users):
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    worker = demo_users["Social worker"]
    sign_in(page, worker["username"], worker["password"])
    page.get_by_role("heading", name="My work").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    context.close()
    assert errors == []
