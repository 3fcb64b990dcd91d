"""The child's record, in a real browser: the social worker (sw.demo) finds Isla Murray by a
misspelt name and her date of birth together; her record opens on who is involved; the
chronology's filter narrows it by type and by dates. Every page is checked with axe-core.

Nothing here changes the demo county, so any other test may use Isla too.
"""

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from .conftest import accessible
from .steps import fill_date, sees_heading

pytestmark = pytest.mark.browser

CHILD = "Isla Murray"


def isla_on_my_work(page):
    """Isla's row on My work, and her date of birth as it shows it (the demo dates her birth
    from the day it is loaded, so the test reads it rather than working it out)."""
    sees_heading(page, "My work")
    accessible(page)
    mine = page.get_by_role("table", name=re.compile("Children allocated to me"))
    row = mine.get_by_role("row").filter(has=page.get_by_role("link", name=CHILD, exact=True))
    born = row.get_by_role("cell").nth(1).inner_text().strip()
    return row, datetime.strptime(born, "%d %B %Y").date()


def entry_types(page) -> list[str]:
    """The type of each entry the chronology lists (its second column)."""
    table = page.get_by_role("table", name=re.compile("newest first"))
    return [t.strip() for t in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]


def test_a_misspelt_name_and_date_of_birth_find_the_child_whose_record_shows_who_is_involved(
    as_user,
):
    sw = as_user("sw.demo")
    _, born = isla_on_my_work(sw)

    sw.get_by_role("link", name="Find a child").click()
    sees_heading(sw, "Find a child")
    accessible(sw)
    sw.get_by_label("Name, council ID or date of birth").fill(
        f"Ilsa Murrey {born.day}/{born.month}/{born.year}"
    )
    sw.get_by_role("button", name="Search").click()
    results = sw.get_by_role("table", name=re.compile("found"))
    expect(results).to_have_accessible_name(re.compile("^1 child found"))
    row = results.get_by_role("row").filter(has=sw.get_by_role("link", name=CHILD))
    expect(row).to_contain_text(f"{born:%d/%m/%Y}")
    expect(row).to_contain_text("Lisa Murray (mother)")
    expect(row).to_contain_text("(allocated social worker)")
    accessible(sw)

    row.get_by_role("link", name=CHILD).click()
    sees_heading(sw, CHILD, level=1)
    sees_heading(sw, "Who is involved")
    involved = sw.locator("h2:has-text('Who is involved') + dl")
    expect(involved).to_contain_text("Allocated social worker")
    expect(involved).to_contain_text("Lisa Murray, has parental responsibility")
    expect(sw.get_by_role("link", name="Overview", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    accessible(sw)


def test_the_chronology_filter_narrows_the_entries_by_type_and_by_dates(as_user):
    sw = as_user("sw.demo")
    isla, born = isla_on_my_work(sw)
    isla.get_by_role("link", name=CHILD, exact=True).click()
    sees_heading(sw, CHILD, level=1)
    accessible(sw)

    sw.get_by_role("link", name="Chronology", exact=True).click()
    sees_heading(sw, "Chronology")
    everything = entry_types(sw)
    assert {"Front door", "Assessment", "Personal details"} <= set(everything)
    accessible(sw)

    sw.get_by_label("Type (optional)").select_option("Front door")
    sw.get_by_role("button", name="Show entries").click()
    sees_heading(sw, "Chronology")
    narrowed = entry_types(sw)
    assert narrowed and set(narrowed) == {"Front door"}
    assert len(narrowed) < len(everything)
    accessible(sw)

    sw.get_by_role("link", name="Clear the filter").click()
    sees_heading(sw, "Chronology")
    fill_date(sw, "From", born)
    fill_date(sw, "To", born)
    sw.get_by_role("button", name="Show entries").click()
    sees_heading(sw, "Chronology")
    assert entry_types(sw) == ["Personal details"]
    expect(sw.get_by_role("table", name=re.compile("match the filter"))).to_contain_text("Born")
    accessible(sw)
