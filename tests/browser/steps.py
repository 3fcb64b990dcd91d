"""Small steps the browser tests share: opening a child from My work, following a link to its
page, filling GOV.UK date inputs, waiting for banners and error summaries, seeing a record
listed, and dates as the pages show them. Everything is found the way a person using a screen
reader would find it: by label, legend, role and name; every page a step lands on is checked
with axe-core."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from .conftest import accessible

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    """Today in London, the service's day (the test machine's clock may be on UTC)."""
    return datetime.now(LONDON).date()


def now() -> datetime:
    return datetime.now(LONDON)


def shown(day: date) -> str:
    """A date as the pages show it: 7 March 2026."""
    return f"{day.day} {day:%B %Y}"


def shown_short(day: date) -> str:
    """A date as the chronology shows it: 07/03/2026."""
    return f"{day:%d/%m/%Y}"


def group(page, legend: str):
    """The fieldset whose legend starts with `legend` ("Date of birth" is not "Expected date of
    birth (optional)")."""
    return page.get_by_role("group", name=re.compile("^" + re.escape(legend)))


def fill_date(page, legend: str, day: date) -> None:
    """Type a date into the GOV.UK date input under `legend`: day, month and year boxes."""
    fields = group(page, legend)
    fields.get_by_label("Day", exact=True).fill(str(day.day))
    fields.get_by_label("Month", exact=True).fill(str(day.month))
    fields.get_by_label("Year", exact=True).fill(str(day.year))


def fill_date_time(page, legend: str, moment: datetime) -> None:
    fill_date(page, legend, moment.date())
    group(page, legend).get_by_label("Time (24-hour)").fill(f"{moment:%H:%M}")


def choose(page, legend: str, answer: str) -> None:
    """Pick the radio (or tick the checkbox) labelled `answer` in the question `legend`."""
    question = group(page, legend)
    option = question.get_by_role("radio", name=answer, exact=True)
    if option.count() == 0:
        option = question.get_by_role("checkbox", name=answer, exact=True)
    option.check()


def sees_heading(page, name: str, level: int | None = None) -> None:
    """Wait until a heading with exactly this text (at this level, if given) is on the page."""
    heading = page.get_by_role("heading", name=name, exact=True, level=level)
    expect(heading).to_be_visible()


def sees_banner(page, text: str) -> None:
    """Wait until a notification banner ("Success", "Important") on the page says `text`."""
    banners = page.locator(".govuk-notification-banner").filter(has_text=text)
    expect(banners.first).to_be_visible()


def error_summary(page) -> str:
    """The GOV.UK error summary's text; fails if the page has none."""
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    return summary.inner_text()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def open_my_child(page, name: str) -> None:
    """From My work, open a child allocated to the signed-in worker."""
    sees_heading(page, "My work")
    accessible(page)
    mine = page.get_by_role("table", name=re.compile("Children allocated to me"))
    mine.get_by_role("link", name=name, exact=True).click()
    sees_heading(page, name, level=1)
    accessible(page)


def follow(page, link: str, heading: str) -> None:
    """Follow the link named `link` to the page headed `heading`."""
    page.get_by_role("link", name=link).click()
    sees_heading(page, heading)
    accessible(page)


def sees_recorded(page, banner: str, table: str, day: date, text: str) -> None:
    """After saving: the banner says `banner`, and the row for `day` in the table named `table`
    shows `text`."""
    sees_banner(page, banner)
    rows = page.get_by_role("table", name=table).get_by_role("row")
    expect(rows.filter(has_text=shown(day))).to_contain_text(text)
    accessible(page)
