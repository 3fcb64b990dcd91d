"""End-to-end tests in a real browser: Debian's chromium driven by Playwright.

The app under test is started for real: `sightline demo --no-serve` builds a throwaway SQLite
database with the demo data, then `sightline serve` runs it on a free loopback port. Nothing
is mocked and nothing is downloaded: the browser is /usr/bin/chromium and axe-core is vendored.

Without chromium these tests are skipped locally, but under CI (CI=true) they must run.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SIGHTLINE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config, items) -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI needs {CHROMIUM} for the browser tests; .ci/run installs it.")
    skip = pytest.mark.skip(reason=f"no browser at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


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


@pytest.fixture
def page(browser, server):
    # axe-core is injected as a script, which the app's content security policy would rightly
    # block; test_no_csp_violations checks the policy with it in force.
    context = browser.new_context(base_url=server.url, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_users(server) -> dict[str, dict[str, str]]:
    """The demo logins by role, read through the CLI exactly as script/demo prints them."""
    out = subprocess.run(
        [sys.executable, "-m", "sightline", "demo-users", "--format", "json"],
        env={**os.environ, "DATABASE_URL": server.database_url},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {user["role"]: user for user in json.loads(out)}


def sign_in(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page (WCAG 2.x A and AA)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
