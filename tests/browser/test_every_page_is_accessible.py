"""Every page each demo login can reach passes axe-core, and every link they are offered works.

For each login (one per role, plus the front door's manager, whose team changes what the pages
offer: adding a child, screening before allocation) the test signs in and follows links
breadth-first from My work: the navigation, the lists, children's records and the actions on
them. It stays on the app's own origin, only ever GETs (no form is submitted, so nothing is
changed), and skips signing out and downloads. Every page visited must answer 200 and have no
serious or critical axe-core violation (WCAG 2.x A and AA); all problems for a login are
reported together, by URL and rule.

Pages of one kind (a plan, an assessment, a form for one record) differ only in their record,
so each kind is visited once per login (`PER_KIND`), or a few times when the page is named by
an identifier such as an indicator, since each draws a different chart (`PER_NAMED_KIND`).
Children's records are visited up to `CHILD_RECORDS` each, since their actions differ with each
child's story (the most pressing first, as My work lists them). Then the pages the role must
not use, and a child outside its scope, must answer 404 exactly as a missing page does.

Set SIGHTLINE_E2E_CRAWL=full to lift those limits and visit up to `MAX_PAGES` pages a login.

A page whose HTML is the same as one already checked in this session, but for the signed-in
person's name and the form's CSRF token, has the same axe-core result, so it is not run twice:
the sign-in page, the 404 page and most forms are the same for everyone who sees them.
"""

import hashlib
import os
import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest

from sightline.testing.crawl import SKIPPED, kind_of

from .conftest import axe_violations, login_for, new_context, sign_in

pytestmark = pytest.mark.browser

# One login per role (as `demo_users` picks them), then the front door's manager. The front
# door's social worker sees what the manager sees but the queue; the journeys check their pages.
CRAWLED = [
    "sw.demo",
    "tm.demo",
    "sm.demo",
    "iro.demo",
    "pa.demo",
    "lado.demo",
    "qa.demo",
    "leader.demo",
    "admin.demo",
    "fdtm.demo",
]
MAX_PAGES = 150
# SIGHTLINE_E2E_CRAWL=full visits every page up to MAX_PAGES a login, one of a kind or not
# (several minutes); the default keeps the whole browser suite to a few minutes.
FULL = os.environ.get("SIGHTLINE_E2E_CRAWL") == "full"
PER_KIND = MAX_PAGES if FULL else 1
# Pages named by an identifier (an indicator) each draw different data: a few of each kind.
PER_NAMED_KIND = MAX_PAGES if FULL else 2
CHILD_RECORDS = MAX_PAGES if FULL else 8
# What differs between two people's copies of the same page.
PERSONAL = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1"),
    (re.compile(r'(<p class="sightline-header__user">).*?(</p>)', re.S), r"\1\2"),
]

# Pages only some roles may use: for everyone else they must not exist (404).
ONLY_FOR = {
    "/audit/": {"admin.demo"},
    "/lado/": {"lado.demo"},
    "/front-door/": {"sw.demo", "tm.demo", "sm.demo", "fdtm.demo"},
    "/front-door/authorisations/": {"tm.demo", "sm.demo", "fdtm.demo"},
    "/front-door/contacts/new/": {"sw.demo", "tm.demo", "sm.demo", "fdtm.demo"},
    "/front-door/monitor/": {"sm.demo", "leader.demo"},
}
# Those who see every child; for the rest, Mason Reid (the assessment team's, with no recent
# contact at the front door) is outside their scope.
SEE_EVERY_CHILD = {"qa.demo", "leader.demo"}


def limit(kind: str) -> int:
    if kind == "/children/<child>/":
        return CHILD_RECORDS
    return PER_NAMED_KIND if "<name>" in kind else PER_KIND


def links_on(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map(link => link.href)"
    )
    found = []
    for href in hrefs:
        url = urldefrag(href).url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == origin and not SKIPPED.search(parts.path):
            found.append(url)
    return found


def same_page_key(html: str) -> str:
    for personal, blank in PERSONAL:
        html = personal.sub(blank, html)
    return hashlib.sha256(html.encode()).hexdigest()


@pytest.fixture(scope="module")
def checked() -> dict[str, list[dict]]:
    """axe-core's violations for each page already checked, by `same_page_key`."""
    return {}


def describe(violations: list[dict]) -> list[str]:
    return [f"axe {v['id']} ({v['impact']}) at {v['nodes']}" for v in violations]


@pytest.fixture(scope="module")
def mason_reid(browser, server, demo_users) -> str:
    """Mason Reid's council ID, found as a senior leader would find him."""
    context = new_context(browser, server)
    page = context.new_page()
    leader = demo_users["Senior leader"]
    sign_in(page, leader["username"], leader["password"])
    page.get_by_role("link", name="Find a child", exact=True).click()
    page.get_by_label("Name, council ID or date of birth").fill("Mason Reid")
    page.get_by_role("button", name="Search").click()
    href = page.get_by_role("link", name="Mason Reid").get_attribute("href")
    context.close()
    return href.strip("/").split("/")[-1]


def test_the_accessibility_check_finds_real_violations(page):
    # The crawl passing means something only if the check can fail.
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main>'
        '<img src="data:,"><label>Name</label><input type="text" id="name">'
        '<p style="color:#ccc;background:#fff">Pale text</p></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label", "color-contrast"} <= found


def test_every_role_is_crawled(demo_users):
    assert {user["username"] for user in demo_users.values()} <= set(CRAWLED)


@pytest.mark.parametrize("username", CRAWLED)
def test_every_page_a_login_can_reach_is_accessible_and_works(
    username, browser, server, demo_logins, mason_reid, checked
):
    context = new_context(browser, server)
    page = context.new_page()
    problems: list[str] = []

    def visit(url: str) -> int:
        response = page.goto(url)
        page.wait_for_load_state("load")
        key = same_page_key(page.content())
        if key not in checked:
            checked[key] = axe_violations(page)
        problems.extend(f"{url}: {p}" for p in describe(checked[key]))
        return response.status if response else 0

    visit("/sign-in/")
    login = login_for(demo_logins, username)
    sign_in(page, login["username"], login["password"])
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    start = page.url
    queue, queued, kinds, visited = deque([start]), {start}, Counter(), 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        status = visit(url)
        visited += 1
        if status != 200:
            problems.append(f"{url}: answered {status}, but it is linked from a page")
            continue
        for link in links_on(page, server.url):
            if link in queued:
                continue
            parts = urlsplit(link)
            kind = kind_of(parts.path, parts.query)
            if kinds[kind] >= limit(kind):
                continue
            kinds[kind] += 1
            queued.add(link)
            queue.append(link)
    assert visited >= 3, f"{username} reached only {visited} pages: is the navigation there?"

    missing = visit("/children/NOSUCHCHILD/")
    missing_title = page.title()
    not_for_them = [path for path, allowed in ONLY_FOR.items() if username not in allowed]
    if username not in SEE_EVERY_CHILD:
        not_for_them.append(f"/children/{mason_reid}/")
    for path in not_for_them:
        status = visit(path)
        if status != 404 or page.title() != missing_title:
            problems.append(f"{path}: answered {status} ({page.title()}), not as a missing page")
    assert missing == 404
    context.close()
    assert not problems, (
        f"{username}: {len(problems)} problem(s) in {visited} pages:\n" + "\n".join(problems)
    )
