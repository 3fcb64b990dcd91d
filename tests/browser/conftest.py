"""End-to-end tests in a real browser: Debian's chromium driven by Playwright.

The app under test is started for real: `sightline demo --no-serve` builds a throwaway SQLite
database with the demo data, then `sightline serve` runs it on a free loopback port. Nothing
is mocked and nothing is downloaded: the browser is /usr/bin/chromium and axe-core is vendored.

Without chromium these tests are skipped locally, but under CI (CI=true) they must run.

One server and one browser serve the whole session; each test gets fresh browser contexts, one
per person acting in it (`as_user`), so a journey passes between people as it would between
their desks. Journeys change the demo county, so each uses children no other test changes.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SIGHTLINE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
# Every page here answers in well under a second: a step that waits longer has failed.
ACTION_TIMEOUT_MS = 10_000
# WCAG 2.x A and AA, as the public sector accessibility regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_configure(config) -> None:
    try:
        from playwright.sync_api import expect
    except ImportError:  # only the browser tests need it; their fixture will say so
        return
    expect.set_options(timeout=ACTION_TIMEOUT_MS)


def pytest_collection_modifyitems(config, items) -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI needs {CHROMIUM} for the browser tests; .ci/run installs it.")
    skip = pytest.mark.skip(reason=f"no browser at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test, so a fixture's teardown can tell whether the test
    # itself passed (and not pile a second failure on top of the first).
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    database_url: str


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("sightline-e2e")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    cli = [sys.executable, "-m", "sightline"]
    subprocess.run(
        [*cli, "demo", "--no-serve", "--small"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    port = _free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/sign-in/", timeout=1)  # noqa: S310 - loopback only
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        raise RuntimeError(f"server did not start: {(workdir / 'server.log').read_text()}")
    yield Server(url, env["DATABASE_URL"])
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_context(browser, server: Server):
    """A fresh browser context (its own cookies: one person) with axe-core loaded in every page.

    axe-core is added as an init script, which the app's content security policy would rightly
    block, so the policy is bypassed here; test_no_csp_violations checks it in force. An init
    script is parsed once per page, a third quicker than injecting a script tag each time.
    """
    context = browser.new_context(base_url=server.url, bypass_csp=True)
    context.add_init_script(path=AXE)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser, server):
    context = new_context(browser, server)
    page = context.new_page()
    yield page
    context.close()


def _cli(server: Server, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "sightline", *args],
        env={**os.environ, "DATABASE_URL": server.database_url},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="session")
def demo_logins(server) -> dict[str, dict[str, str]]:
    """Every demo login by username, read through the CLI exactly as script/demo prints them."""
    users = json.loads(_cli(server, "demo-users", "--format", "json"))
    return {user["username"]: user for user in users}


def login_for(demo_logins: dict[str, dict[str, str]], username: str) -> dict[str, str]:
    """A demo login by username. Every demo login has the same password, so one the CLI fails
    to list can still sign in (test_demo_logins reports the listing on its own)."""
    if username in demo_logins:
        return demo_logins[username]
    password = next(iter(demo_logins.values()))["password"]
    return {"username": username, "password": password}


@pytest.fixture(scope="session")
def demo_users(demo_logins) -> dict[str, dict[str, str]]:
    """The main demo login for each role (sw.demo for "Social worker"), keyed by the role's name.

    The CLI lists one login per role first, then more for some roles (fd.demo is a social worker
    too), so the first login listed for a role is the one kept.
    """
    users: dict[str, dict[str, str]] = {}
    for user in demo_logins.values():
        users.setdefault(user["role"], user)
    return users


def working_days_after(server: Server, day: date, n: int) -> date:
    """`n` working days after `day` by the app's own calendar (bank holidays and the council's
    closure days), asked through the CLI, so a test never re-implements the rule it checks."""
    return date.fromisoformat(_cli(server, "workdays", "add", day.isoformat(), str(n)).strip())


def sign_in(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page (WCAG 2.x A and AA)."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {resultTypes: ['violations'], runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@dataclass
class Visits:
    """Every page a person's browser showed, and which of them were checked with axe-core, so a
    journey cannot quietly skip the accessibility check on a page it passed through."""

    shown: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    def navigated(self, frame) -> None:
        if frame.parent_frame is None and frame.url.startswith("http"):
            self.shown.append(frame.url.split("#")[0])

    def unchecked(self) -> list[str]:
        return [url for url in dict.fromkeys(self.shown) if url not in self.checked]


def accessible(page) -> None:
    """Assert the page has no serious or critical axe-core violations, and note it as checked."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url} ({page.title()}): {violations}"
    visits = getattr(page, "_sightline_visits", None)
    if visits is not None:
        visits.checked.add(page.url.split("#")[0])


@pytest.fixture
def as_user(request, browser, server, demo_logins) -> Iterator[Callable[[str], object]]:
    """`as_user("fd.demo")`: a page in a fresh context, signed in as that demo login (sign-in
    page checked with axe). At the end of the test every page any of them showed must have
    been checked with `accessible(page)`."""
    opened: list[tuple[object, Visits]] = []

    def open_as(username: str):
        context = new_context(browser, server)
        page = context.new_page()
        visits = Visits()
        page._sightline_visits = visits
        page.on("framenavigated", visits.navigated)
        opened.append((context, visits))
        page.goto("/sign-in/")
        accessible(page)
        login = login_for(demo_logins, username)
        sign_in(page, login["username"], login["password"])
        return page

    yield open_as
    missed = {url for _, visits in opened for url in visits.unchecked()}
    for context, _ in opened:
        context.close()
    passed = getattr(request.node, "report_call", None) and request.node.report_call.passed
    assert not (passed and missed), f"pages shown but never checked with axe-core: {sorted(missed)}"
