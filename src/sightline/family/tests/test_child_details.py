"""Changing a child's own details: every change says why and keeps the old value and who
changed it, shows in the chronology, and bad input is refused on its field with nothing saved."""

import datetime as dt

import pytest

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.family.child_actions import actions
from sightline.people.models import Address, ChildDetailChange, ChildName
from sightline.plugins import discover
from sightline.testing.helpers import (
    assert_looks_missing,
    date_fields,
    error_page,
    unlabelled_controls,
)

from .conftest import VALID_NHS_NUMBER, WRONG_CHECK_DIGIT, details_url

pytestmark = pytest.mark.django_db

REASON = "Health visitor confirmed the number from the child's red book."


def identifiers(child, **changes) -> dict[str, str]:
    """The identifiers form as the child's current values, with `changes` typed over them."""
    current = {
        "nhs_number": child.nhs_number,
        "upn": child.upn,
        "former_upn": child.former_upn,
        "upn_unknown_reason": child.upn_unknown_reason,
        "uln": child.uln,
    }
    return {**current, **changes}


def change_url(child, section: str) -> str:
    return f"{details_url(child)}change/{section}/"


def test_a_new_nhs_number_is_saved_with_the_old_one_why_and_who(sw, child, sign_in):
    client = sign_in(sw)
    data = identifiers(child, nhs_number=VALID_NHS_NUMBER, reason=REASON)
    response = client.post(change_url(child, "identifiers"), data)
    assert response.status_code == 302
    assert response["Location"] == details_url(child)
    child.refresh_from_db()
    assert child.nhs_number == VALID_NHS_NUMBER
    change = ChildDetailChange.objects.get()
    assert (change.label, change.old_value, change.new_value) == (
        "NHS number",
        "",
        VALID_NHS_NUMBER,
    )
    assert change.reason == REASON
    assert change.changed_by == sw
    event = AuditEvent.objects.get(event_type=EventType.CHILD_DETAILS_CHANGED)
    assert event.child == child
    assert event.summary == "Changed NHS number"


def test_the_chronology_shows_the_change_with_the_old_and_new_value(sw, child, sign_in):
    names = {"first_name": "Rubie", "last_name": child.last_name, "preferred_name": ""}
    reason = "Spelling on the birth certificate."
    sign_in(sw).post(change_url(child, "names"), names | {"reason": reason})
    entries = [e for module in discover("chronology") for e in module.entries(child)]
    (entry,) = [e for e in entries if e.title.startswith("Details changed")]
    assert (entry.area, entry.title) == ("Personal details", "Details changed: First name")
    assert entry.detail == f"Ruby → Rubie. {reason} (Sam Okafor)"
    assert (entry.when, entry.url) == (dt.date(2025, 9, 22), f"{details_url(child)}#changes")


def test_an_nhs_number_with_a_wrong_check_digit_is_refused_on_its_field(sw, child, sign_in):
    client = sign_in(sw)
    data = identifiers(child, nhs_number=WRONG_CHECK_DIGIT, reason=REASON)
    html = error_page(client.post(change_url(child, "identifiers"), data))
    assert f"NHS number {WRONG_CHECK_DIGIT} fails the NHS number check digit" in html
    assert 'id="id_nhs_number_error"' in html
    child.refresh_from_db()
    assert child.nhs_number == ""
    assert not ChildDetailChange.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.CHILD_DETAILS_CHANGED).exists()


def test_a_change_without_a_reason_is_refused(sw, child, sign_in):
    client = sign_in(sw)
    data = identifiers(child, nhs_number=VALID_NHS_NUMBER, reason="  ")
    html = error_page(client.post(change_url(child, "identifiers"), data))
    assert "Enter why the details are changing" in html
    child.refresh_from_db()
    assert child.nhs_number == ""
    assert not ChildDetailChange.objects.exists()


def test_saving_with_nothing_changed_says_so_and_keeps_no_history(sw, child, sign_in):
    client = sign_in(sw)
    data = identifiers(child, reason=REASON)
    html = error_page(client.post(change_url(child, "identifiers"), data))
    assert "Nothing has changed" in html
    assert not ChildDetailChange.objects.exists()


def test_each_changed_field_keeps_its_own_history_in_one_audit_event(sw, child, sign_in):
    client = sign_in(sw)
    data = {
        "sex": "F",
        "gender_identity": "Non-binary",
        "ethnicity": "MWBA",
        "religion": "Christian",
        "reason": "Ruby told her worker how she identifies.",
    }
    assert client.post(change_url(child, "identity"), data).status_code == 302
    rows = {c.label: (c.old_value, c.new_value) for c in ChildDetailChange.objects.all()}
    assert rows == {
        "Gender identity": ("", "Non-binary"),
        "Ethnicity": ("WBRI White British", "MWBA White and Black African"),
        "Religion": ("", "Christian"),
    }
    assert AuditEvent.objects.filter(event_type=EventType.CHILD_DETAILS_CHANGED).count() == 1


def test_the_ethnicity_list_shows_each_code_with_its_meaning(sw, child, sign_in):
    html = sign_in(sw).get(change_url(child, "identity")).content.decode()
    assert '<option value="WBRI" selected>WBRI White British</option>' in html


def test_a_date_of_birth_cannot_be_taken_away_without_an_expected_date(sw, child, sign_in):
    client = sign_in(sw)
    data = {"reason": "Entered by mistake."}
    html = error_page(client.post(change_url(child, "birth"), data))
    assert "Enter a date of birth, or an expected date for an unborn child." in html
    child.refresh_from_db()
    assert child.date_of_birth == dt.date(2016, 3, 27)


def test_disabilities_are_changed_from_the_code_list(sw, child, sign_in):
    client = sign_in(sw)
    data = {"disabilities": ["AUT", "COMM"], "reason": "Diagnosis letter from the paediatrician."}
    assert client.post(change_url(child, "disabilities"), data).status_code == 302
    assert sorted(child.disabilities.values_list("code", flat=True)) == ["AUT", "COMM"]
    change = ChildDetailChange.objects.get()
    assert change.new_value == "AUT Autism, COMM Communication"
    both = {"disabilities": ["NONE", "AUT"], "reason": "Checking."}
    html = error_page(client.post(change_url(child, "disabilities"), both))
    assert "Select NONE, or the child&#x27;s disabilities, not both" in html


def test_interpreter_and_first_language_are_kept(sw, child, sign_in):
    client = sign_in(sw)
    data = {"first_language": "Polish", "interpreter_needed": "yes", "reason": "Asked mother."}
    assert client.post(change_url(child, "language"), data).status_code == 302
    child.refresh_from_db()
    assert (child.first_language, child.interpreter_needed) == ("Polish", True)
    assert ChildDetailChange.objects.get(field="interpreter_needed").new_value == "Yes"


def address(start: dt.date, end: dt.date | None = None, **fields) -> dict[str, str]:
    data = {
        "line_1": "12 Mill Lane",
        "line_2": "",
        "town": "Sightford",
        "postcode": "sl1 4ab",
        "reason": "The family moved.",
        **date_fields("start_date", start),
        **fields,
    }
    return data | (date_fields("end_date", end) if end else {})


def lives_at_old_road(child, since: dt.date) -> Address:
    return Address.objects.create(
        child=child, line_1="3 Old Road", town="Sightford", postcode="SL2 3CD", start_date=since
    )


def test_a_new_address_ends_the_one_before_on_the_day_the_child_moved(sw, child, sign_in):
    lives_at_old_road(child, since=dt.date(2020, 1, 1))
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/addresses/new/"
    assert client.post(url, address(dt.date(2025, 9, 1))).status_code == 302
    old, new = child.addresses.order_by("start_date")
    assert old.end_date == dt.date(2025, 9, 1)
    assert (new.postcode, new.end_date) == ("SL1 4AB", None)
    change = ChildDetailChange.objects.get()
    assert change.old_value == "3 Old Road, Sightford SL2 3CD"
    assert change.new_value == "12 Mill Lane, Sightford SL1 4AB"
    assert AuditEvent.objects.filter(event_type=EventType.ADDRESS_RECORDED).count() == 1


def test_an_address_that_ends_before_it_starts_is_refused(sw, child, sign_in):
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/addresses/new/"
    data = address(dt.date(2024, 6, 1), dt.date(2024, 5, 1))
    html = error_page(client.post(url, data))
    assert "End date must be on or after the start date." in html
    assert 'id="id_end_date_error"' in html
    assert not Address.objects.exists()
    assert not ChildDetailChange.objects.exists()


def test_a_current_address_cannot_start_before_the_current_one(sw, child, sign_in):
    lives_at_old_road(child, since=dt.date(2024, 1, 1))
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/addresses/new/"
    html = error_page(client.post(url, address(dt.date(2023, 6, 1))))
    assert "Start date must be on or after 1 January 2024" in html
    assert Address.objects.get().end_date is None


def test_another_name_is_kept_with_when_it_was_used_until(sw, child, sign_in):
    client = sign_in(sw)
    data = {"kind": "former", "first_name": "Ruby", "last_name": "Hart"}
    data |= date_fields("until", dt.date(2019, 5, 4)) | {"reason": "Name changed by deed poll."}
    response = client.post(f"/children/{child.council_id}/details/other-names/new/", data)
    assert response.status_code == 302
    assert ChildName.objects.get().last_name == "Hart"
    assert ChildDetailChange.objects.get().new_value == (
        "Ruby Hart (former name, used until 04/05/2019)"
    )
    html = client.get(details_url(child)).content.decode()
    assert "Ruby Hart" in html and "4 May 2019" in html


def test_a_leader_reads_the_details_but_has_no_change_links(leader, child, sign_in):
    client = sign_in(leader)
    html = client.get(details_url(child)).content.decode()
    assert '<h1 class="govuk-heading-l">Details and family</h1>' in html
    assert ">Change<" not in html and "Add an address" not in html
    assert client.get(change_url(child, "names")).status_code == 404


def test_a_worker_outside_the_childs_circle_finds_no_details_page(outsider, child, sign_in):
    client = sign_in(outsider)
    assert_looks_missing(client, f"/children/{child.council_id}/details/", "/children/X0/details/")


def test_the_childs_record_links_to_details_and_family(sw, leader, child):
    labels = [a.label for a in actions(child, sw.user)]
    assert labels[0] == "Details and family: see and change"
    assert {a.group for a in actions(child, sw.user)} == {"Details and family"}
    assert [a.label for a in actions(child, leader.user)] == ["See details and family"]


@pytest.mark.parametrize(
    "path",
    [
        "change/names/",
        "change/identifiers/",
        "change/birth/",
        "change/identity/",
        "change/language/",
        "change/disabilities/",
        "change/school/",
        "other-names/new/",
        "addresses/new/",
        "adults/new/",
        "siblings/new/",
        "households/new/",
    ],
)
def test_every_input_has_a_label_and_an_empty_form_is_refused(sw, child, sign_in, path):
    client = sign_in(sw)
    url = f"/children/{child.council_id}/details/{path}"
    response = client.get(url)
    assert response.status_code == 200
    assert unlabelled_controls(response.content.decode()) == []
    assert "There is a problem" in error_page(client.post(url, {}))


def test_the_importers_notes_point_at_pages_that_exist():
    """A child imported from a return is completed through the Details and family pages; the
    import report's notes name the page, and it exists."""
    import re
    from pathlib import Path

    from django.urls import resolve

    from sightline.returns.annex_a.importer import SUMMARY_NOTES
    from sightline.returns.loading import ImportReport

    report = ImportReport(path=Path("return.xml"))
    report.counts["children_created"] = 2
    report.counts["disability_yes"] = 1
    report.add_summary_notes("The return", "child ID", SUMMARY_NOTES)
    paths = re.findall(r"\(/children/<council ID>(/[^)]*)\)", " ".join(report.notes))
    assert len(paths) == 2
    for path in paths:
        assert resolve(f"/children/CH1{path}").url_name == "child-details-change"
