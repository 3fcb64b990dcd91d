"""The work lists are tables people (and screen readers, and Playwright) can navigate: every
table has a caption, every column header a scope, every page one h1; and the "My team" link
and counts carry text that says what they are for."""

import re

import pytest

from sightline.testing.factories import AllocationFactory, ContactFactory
from sightline.testing.helpers import london

pytestmark = pytest.mark.django_db

TABLE = re.compile(r"<table\b.*?</table>", re.S)


def check_tables(html: str) -> int:
    tables = TABLE.findall(html)
    for table in tables:
        assert re.search(r"<caption[^>]*>\s*\S", table), table[:200]
        headers = re.findall(r"<th\b[^>]*>", table)
        assert headers and all('scope="col"' in th for th in headers), headers
    assert html.count("<h1") == 1
    assert '<html lang="en-GB"' in html
    return len(tables)


@pytest.fixture
def pages(tm, sw, service_manager):
    child = AllocationFactory(worker=sw).child
    ContactFactory(child=child, received_at=london(2025, 10, 1, 9, 0))
    return {
        sw: ["/"],
        tm: [f"/teams/{tm.team_id}/", f"/teams/{tm.team_id}/workers/{sw.pk}/"],
        service_manager: ["/teams/"],
    }


def test_every_table_has_a_caption_and_column_headers_with_scope(pages, sign_in):
    for worker, urls in pages.items():
        client = sign_in(worker)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert check_tables(response.content.decode()) >= 1, url


def test_links_from_counts_say_what_they_count(pages, tm, sw, sign_in):
    page = sign_in(tm).get(f"/teams/{tm.team_id}/").content.decode()
    assert f'1<span class="govuk-visually-hidden"> overdue for {sw.full_name}</span>' in page
    mine = sign_in(sw).get("/").content.decode()
    assert re.search(r'>Open<span class="govuk-visually-hidden"> [^<]+ for [^<]+</span>', mine)
