"""Walking the app's pages as a signed-in person would: which links a page offers, which of them
a crawl follows, and what "kind" of page a URL is, so a crawl can visit a few pages of each kind
rather than every record. Shared by the test-client crawl (web/tests) and the browser crawl
(tests/browser)."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Not pages to crawl: signing out (it would end the session), static files and downloads.
SKIPPED = re.compile(r"^/sign-out/|^/static/|\.(csv|pdf|xlsx|xml|json|zip)$")


def kind_of(path: str, query: str) -> str:
    """The kind of page a URL is: its path with record ids, council IDs, LADO references, dates
    and identifiers replaced, and its query's names without their values. The app's own words
    in URLs are joined by hyphens (core-groups); identifiers of things it lists, such as an
    indicator, by underscores (contacts_per_10k)."""
    path = re.sub(r"/\d+(?=/|$)", "/<id>", path)
    # Council IDs: CH for a child added at the front door, SL for the generated county's.
    path = re.sub(r"/(?:CH|SL)\d+(?=/|$)", "/<child>", path)
    path = re.sub(r"/LADO\d+(?=/|$)", "/<reference>", path)
    path = re.sub(r"/\d{4}-\d{2}-\d{2}(?=/|$)", "/<date>", path)
    path = re.sub(r"/[a-z0-9]+(?:_[a-z0-9]+)+(?=/|$)", "/<name>", path)
    names = sorted({pair.split("=")[0] for pair in query.split("&") if pair})
    return path + ("?" + "&".join(names) if names else "")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []  # (href, whether it is a download)

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], "download" in attrs))


def links_in(html: str, page_url: str, *, downloads: re.Pattern[str] | None = None) -> list[str]:
    """The same-site pages a page links to, as paths with their query ("/children/SL1/?tab=x"),
    in the order the page offers them: no fragments, no other sites, nothing `SKIPPED` and no
    link marked `download`, except the downloads whose path `downloads` matches (those cheap
    enough to fetch). `page_url` is the page's own address, which relative links start from."""
    parser = _Links()
    parser.feed(html)
    here = urlsplit(urljoin("http://testserver/", page_url))
    origin = (here.scheme, here.netloc)
    found: list[str] = []
    for href, download in parser.links:
        parts = urlsplit(urldefrag(urljoin(here.geturl(), href)).url)
        if (parts.scheme, parts.netloc) != origin:
            continue
        wanted = downloads is not None and downloads.search(parts.path)
        if not wanted and (download or SKIPPED.search(parts.path)):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url not in found:
            found.append(url)
    return found
