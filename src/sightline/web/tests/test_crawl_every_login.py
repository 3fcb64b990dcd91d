"""Every page any demo login reaches answers every demo login with 200, 302 or 404: never 403,
never a server error (issue 9). Someone not signed in is sent to sign in from every one of them,
and a page the role may not use looks exactly like a missing one.

The small demo county (`sightline.synth.demo`: about 2,000 children, the named stories and the
13 demo logins) is built once for the module, inside a transaction rolled back at its end. With
Django's test client, no browser, each demo login signs in through the real sign-in page and
follows links breadth-first from My work: same-site `<a href>` only, and a same-site redirect's
target. It only ever GETs (no form is submitted, so nothing but the audit trail changes), and
never signs out or fetches a static file or download (`sightline.testing.crawl.SKIPPED`) but
a child's chronology as CSV (`DOWNLOADS`).

The crawl samples, to keep this module to well under a minute on two cores: pages of one kind
(`kind_of`: the URL with record ids, council IDs, LADO references, dates and identifiers
replaced, a query by its names) differ only in their record, so a login follows at most
`PER_KIND` links of each kind, and visits at most `MAX_PAGES` pages. Every page found by any
login is then requested by every other demo login, and by someone not signed in. All failures
are reported together, by URL, login and status.
"""

import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from sightline.access.scope import children_visible_to
from sightline.people.models import Child
from sightline.synth.demo import DEMO_PASSWORD, demo_workers, ensure_demo_data
from sightline.testing.crawl import SKIPPED, kind_of, links_in

pytestmark = pytest.mark.django_db

PER_KIND = 2
MAX_PAGES = 300
HOME = "/"
SIGN_IN = "/sign-in/"
# A refusal looks like a missing page (404); a redirect is a step in a journey (302).
ANSWERS = {200, 302, 404}
# A child's chronology as CSV is fetched too: it is cheap and scoped like the record. The
# performance pack's PDF is not: it takes a couple of seconds each.
DOWNLOADS = re.compile(r"/chronology\.csv$")
# The crawl reached most of the app: at the time of writing, some 70 kinds of page.
MIN_KINDS = 50


@dataclass(frozen=True)
class Answer:
    status: int
    note: str = ""  # a server error's exception, or where a redirect goes

    def __str__(self) -> str:
        return f"{self.status} {self.note}".rstrip()


@dataclass
class Crawl:
    clients: dict[str, Client]  # each demo login's signed-in client, by username
    reached: dict[str, dict[str, Answer]]  # username -> {url: answer}, in the order visited
    requests: int = 0
    seconds: float = 0.0

    def pages(self) -> list[str]:
        """Every page any login reached, each once, in a stable order."""
        return sorted({url for answers in self.reached.values() for url in answers})


def fetch(client: Client, url: str) -> tuple[Answer, str]:
    """GET `url`: its answer, and its HTML if it is a page to read links from.

    A view's exception is a 500 naming the exception. Each request runs in a savepoint, so a
    database error rolls back only that request: PostgreSQL would otherwise refuse every later
    query in the module's transaction."""
    try:
        with transaction.atomic():
            response = client.get(url)
    except Exception as error:  # the test client re-raises what the view raised
        first_line = next(iter(str(error).splitlines()), "")
        return Answer(500, f"{type(error).__name__}: {first_line}"), ""
    if response.status_code in (301, 302):
        return Answer(response.status_code, f"to {response['Location']}"), ""
    html = ""
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode()
    return Answer(response.status_code), html


def signed_in(username: str) -> Client:
    client = Client(raise_request_exception=True)
    response = client.post(SIGN_IN, {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not sign in with the demo password"
    assert response["Location"] == HOME, f"{username} was sent to {response['Location']}"
    return client


def same_site(location: str) -> str | None:
    """A redirect's target as a path (and query), if it stays on the site and is a page."""
    parts = urlsplit(location)
    if parts.netloc not in ("", "testserver") or SKIPPED.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_as(client: Client) -> dict[str, Answer]:
    """Breadth-first from My work: {url: answer} for every page visited (a request each)."""
    reached: dict[str, Answer] = {}
    queue, queued, kinds = deque([HOME]), {HOME}, Counter()
    while queue and len(reached) < MAX_PAGES:
        url = queue.popleft()
        answer, html = fetch(client, url)
        reached[url] = answer
        links = links_in(html, url, downloads=DOWNLOADS) if html else []
        if answer.status == 302 and (target := same_site(answer.note.removeprefix("to "))):
            links.append(target)
        for link in links:
            if link in queued:
                continue
            parts = urlsplit(link)
            kind = kind_of(parts.path, parts.query)
            if kinds[kind] >= PER_KIND:
                continue
            kinds[kind] += 1
            queued.add(link)
            queue.append(link)
    return reached


@pytest.fixture(scope="module")
def logins(django_db_setup, django_db_blocker) -> Iterator[list[str]]:
    """The small demo county, built once for the module; the demo logins' usernames."""
    with django_db_blocker.unblock(), transaction.atomic():
        assert ensure_demo_data(timezone.localdate()) is True
        yield [worker.user.username for worker in demo_workers()]
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def crawl(logins, django_db_blocker) -> Crawl:
    started = time.perf_counter()
    with django_db_blocker.unblock():
        clients = {username: signed_in(username) for username in logins}
        result = Crawl(clients=clients, reached={})
        for username, client in clients.items():
            result.reached[username] = crawl_as(client)
            result.requests += len(result.reached[username])
    result.seconds = time.perf_counter() - started
    return result


@pytest.fixture(scope="module")
def everyone_asks(crawl, django_db_blocker) -> dict[tuple[str, str], Answer]:
    """{(url, username): answer} for every page any login reached and every demo login: the
    crawl's own answers, then each other login's."""
    started = time.perf_counter()
    answers = {
        (url, username): answer
        for username, reached in crawl.reached.items()
        for url, answer in reached.items()
    }
    requests = 0
    with django_db_blocker.unblock():
        for username, client in crawl.clients.items():
            for url in crawl.pages():
                if (url, username) not in answers:
                    answers[url, username] = fetch(client, url)[0]
                    requests += 1
    seconds = time.perf_counter() - started
    print(
        f"\ncrawl: {crawl.requests} requests by {len(crawl.clients)} logins in "
        f"{crawl.seconds:.1f}s, {len(crawl.pages())} pages of {len(kinds(crawl))} kinds; "
        f"every login asks: {requests} more requests in {seconds:.1f}s"
    )
    return answers


def kinds(crawl: Crawl) -> list[str]:
    return sorted({kind_of(urlsplit(url).path, urlsplit(url).query) for url in crawl.pages()})


def by_login(failures: list[tuple[str, str, Answer]]) -> str:
    """The failures, login by login, a line each: status, URL, and the exception or redirect."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for url, username, answer in failures:
        grouped[username].append(f"  {answer.status} {url} {answer.note}".rstrip())
    return "\n".join(f"{username}:\n" + "\n".join(lines) for username, lines in grouped.items())


def test_every_login_reaches_its_home_page_and_the_crawl_reaches_most_kinds_of_page(crawl):
    for username, reached in crawl.reached.items():
        assert reached.get(HOME) == Answer(200), f"{username}'s My work: {reached.get(HOME)}"
        assert len(reached) >= 3, (
            f"{username} reached only {list(reached)}: is the navigation there?"
        )
    reached = kinds(crawl)
    assert len(reached) >= MIN_KINDS, f"the crawl reached only {len(reached)} kinds: {reached}"


def test_every_page_any_login_reaches_answers_every_login_200_302_or_404(everyone_asks):
    failures = [
        (url, username, answer)
        for (url, username), answer in sorted(everyone_asks.items())
        if answer.status not in ANSWERS
    ]
    if failures:
        pytest.fail(
            f"{len(failures)} of {len(everyone_asks)} answers were not 200, 302 or 404:\n"
            + by_login(failures)
        )


def test_every_link_a_login_is_offered_opens_for_them(crawl):
    # A link offered to someone that then refuses them (404) or fails is a broken page.
    failures = [
        (url, username, answer)
        for username, reached in crawl.reached.items()
        for url, answer in reached.items()
        if answer.status not in (200, 302)
    ]
    if failures:
        pytest.fail(
            f"{len(failures)} links did not open for who was offered them:\n" + by_login(failures)
        )


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_page(crawl):
    anonymous = Client(raise_request_exception=True)
    failures = []
    for url in crawl.pages():
        answer = fetch(anonymous, url)[0]
        if answer.status != 302 or not answer.note.startswith(f"to {SIGN_IN}"):
            failures.append((url, "(not signed in)", answer))
    if failures:
        pytest.fail(f"{len(failures)} pages did not send to sign in:\n" + by_login(failures))


def main_and_title(html: str) -> tuple[str, str]:
    """The page's <title> and its <main> as text: what a reader sees, not the header's
    navigation, which marks the page it is on."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    main = re.search(r"<main\b.*?</main>", html, re.S)
    assert title and main, "not a page of the service"
    text = re.sub(r"<[^>]+>", " ", main.group())
    return " ".join(title.group(1).split()), " ".join(text.split())


def test_a_page_the_role_may_not_use_looks_exactly_like_a_missing_one(logins):
    username = "sw.demo"
    client = signed_in(username)
    worker = next(w for w in demo_workers() if w.user.username == username)
    outside = Child.objects.exclude(pk__in=children_visible_to(worker.user)).first()
    assert outside is not None, f"every child is in {username}'s scope"
    pages = {
        "a page the role may not use": "/audit/",
        "a child outside their scope": f"/children/{outside.council_id}/",
        "a child who does not exist": "/children/SL9999999999/",
        "a record that does not exist": "/assessments/999999999/",
        "a page that does not exist": "/no-such-page/",
    }
    seen = {}
    for what, url in pages.items():
        response = client.get(url)
        assert response.status_code == 404, f"{what} ({url}) answered {response.status_code}"
        seen[what] = main_and_title(response.content.decode())
    assert seen["a page that does not exist"][0].startswith("Page not found")
    different = {
        what: page for what, page in seen.items() if page != seen["a page that does not exist"]
    }
    assert not different, f"not the missing page: {different}"
