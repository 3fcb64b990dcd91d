"""The child's record, its timescales and chronology pages, search and export: in scope they
work, out of scope they are 404; the record opens on what matters now, and the chronology
filters by type and dates."""

import datetime as dt
import re

import pytest

from sightline.access.models import AuditEvent
from sightline.assessments.models import AssessmentFactor
from sightline.casenotes.models import CaseNote
from sightline.people.models import Adult, Allocation, Relationship, Worker
from sightline.testing.factories import (
    AllocationFactory,
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    DecidedContactFactory,
    TeamFactory,
    WorkerFactory,
)
from sightline.testing.helpers import assert_looks_missing, date_fields, london

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider():
    return WorkerFactory(team=TeamFactory(name="Another team"))


def test_worker_outside_the_team_gets_404_on_record_search_and_export(
    social_worker, outsider, sign_in
):
    child = AllocationFactory(worker=social_worker).child
    client = sign_in(outsider)
    # Forbidden and missing are indistinguishable, body and all (bar the per-page CSRF token).
    assert_looks_missing(client, f"/children/{child.council_id}/", "/children/NOSUCHCHILD1/")
    assert client.get(f"/children/{child.council_id}/chronology.csv").status_code == 404
    search = client.get("/children/", {"q": child.last_name})
    assert child.council_id not in search.content.decode()
    assert "No children found" in search.content.decode()
    # A refused read leaves no view event, but the search itself is on the trail.
    assert not AuditEvent.objects.filter(child=child).exists()


def test_search_finds_by_name_council_id_and_uk_date_of_birth(social_worker, sign_in):
    child = AllocationFactory(
        worker=social_worker, child=ChildFactory(first_name="Amira", last_name="Khan")
    ).child
    client = sign_in(social_worker)
    for query in ("amira khan", "Khan", child.council_id, "27/03/2016", "2016-03-27"):
        page = client.get("/children/", {"q": query}).content.decode()
        assert f"/children/{child.council_id}/" in page, query


def test_child_record_shows_summary_and_chronology(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    page = sign_in(social_worker).get(f"/children/{child.council_id}/").content.decode()
    assert child.full_name in page
    assert "27 March 2016" in page
    assert "White British" in page
    assert social_worker.full_name in page  # allocated worker


def test_export_is_csv_with_uk_dates(social_worker, sign_in):
    child = AllocationFactory(worker=social_worker).child
    response = sign_in(social_worker).get(f"/children/{child.council_id}/chronology.csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Date,Time,Area,Event,Detail"
    assert "27/03/2016,,Personal details,Born," in lines


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


# -- the record opens on what matters now -----------------------------------------------------

FRONT_DOOR_ENTRY = '<td class="govuk-table__cell">Front door</td>'


@pytest.fixture
def ava(social_worker):
    child = ChildFactory(
        first_name="Ava",
        last_name="Reyes",
        school="Ashwell Green Primary School",
        first_language="Tagalog",
        interpreter_needed=True,
    )
    AllocationFactory(worker=social_worker, child=child, start_date=dt.date(2025, 9, 1))
    iro = WorkerFactory(role=Worker.Role.IRO, team=social_worker.team)
    AllocationFactory(
        worker=iro, child=child, kind=Allocation.Kind.IRO, start_date=dt.date(2025, 9, 2)
    )
    mother = Adult.objects.create(first_name="Maria", last_name="Reyes", phone="07700 900123")
    gran = Adult.objects.create(first_name="Rosa", last_name="Cruz")
    Relationship.objects.create(
        child=child,
        adult=mother,
        kind=Relationship.Kind.MOTHER,
        parental_responsibility=True,
        lives_with_child=True,
    )
    Relationship.objects.create(child=child, adult=gran, kind=Relationship.Kind.GRANDPARENT)
    return child


def test_record_opens_on_who_the_child_is_and_who_is_involved(social_worker, ava, sign_in):
    page = sign_in(social_worker).get(f"/children/{ava.council_id}/").content.decode()
    assert "Ashwell Green Primary School" in page
    assert "Tagalog; <strong>needs an interpreter</strong>" in page
    assert ava.upn in page
    assert f"{social_worker.full_name} ({social_worker.team.name}), since 1 September 2025" in page
    assert "Independent reviewing officer</dt>" in page
    assert "Maria Reyes, has parental responsibility; lives with Ava" in page
    assert "Rosa Cruz" not in page  # one of the others, counted and a link away
    assert "1 other person in Ava's family and network" in page
    assert f'href="/children/{ava.council_id}/details/"' in page


def test_record_shows_only_open_timescales_and_the_latest_visits_and_notes(
    social_worker, ava, sign_in
):
    ContactFactory(child=ava, received_at=london(2025, 10, 6, 9, 0))  # decision due, open
    DecidedContactFactory(child=ava, received_at=london(2025, 9, 1, 9, 0))  # decided: met
    for day in range(1, 8):
        CaseNote.objects.create(
            child=ava,
            note_type="phone_call",
            happened_at=london(2025, 10, day, 10, 0),
            seen=False,
            seen_alone=False,
            observed=f"Call number {day} with Ava's mother about school.",
            worker=social_worker,
        )
    client = sign_in(social_worker)
    response = client.get(f"/children/{ava.council_id}/")
    page = response.content.decode()
    assert response.context["due"] and all(i.is_open for i in response.context["due"])
    assert "Met on time" not in page and "Met late" not in page
    assert FRONT_DOOR_ENTRY not in page  # the chronology's other entries are a tab away
    assert "Call number 7" in page and "Call number 3" in page  # the latest five, newest first
    assert "Call number 2" not in page
    assert page.index("Call number 7") < page.index("Call number 3")
    timescales = client.get(f"/children/{ava.council_id}/timescales/").content.decode()
    assert "Met on time" in timescales or "Met late" in timescales
    chronology = client.get(f"/children/{ava.council_id}/chronology/").content.decode()
    assert "Call number 2" in chronology and FRONT_DOOR_ENTRY in chronology


def test_the_record_pages_are_linked_by_a_sub_navigation_marking_the_current_one(
    social_worker, ava, sign_in
):
    client = sign_in(social_worker)
    for path, current in [("", "Overview"), ("timescales/", "Timescales")]:
        page = client.get(f"/children/{ava.council_id}/{path}").content.decode()
        assert f'aria-current="page">{current}</a>' in page
        for other in ("", "timescales/", "chronology/"):
            assert f'href="/children/{ava.council_id}/{other}"' in page


# -- the chronology and its filter ------------------------------------------------------------


@pytest.fixture
def chronology_of(social_worker, ava, sign_in):
    """A chronology with the birth (2016), the allocations (September 2025), a contact
    (6 October 2025) and a case note with a page of its own (8 October 2025)."""
    ContactFactory(child=ava, received_at=london(2025, 10, 6, 9, 0))
    note = CaseNote.objects.create(
        child=ava,
        note_type="visit",
        happened_at=london(2025, 10, 8, 15, 30),
        seen=True,
        seen_alone=True,
        announced=False,
        observed="I saw you at home and you showed me your drawings.",
        worker=social_worker,
    )
    client = sign_in(social_worker)

    def chronology(**filters) -> str:
        query = {}
        for name, value in filters.items():
            query |= date_fields(name, value) if isinstance(value, dt.date) else {name: value}
        return client.get(f"/children/{ava.council_id}/chronology/", query).content.decode()

    chronology.note = note
    chronology.client = client
    return chronology


def rows(page: str) -> list[str]:
    """The type of each entry the chronology lists, in order (the cell after the date)."""
    after_date = r'sightline-nowrap">[^<]*</td>\s*<td class="govuk-table__cell">([^<]+)<'
    return re.findall(after_date, page)


def test_chronology_filters_by_type(chronology_of):
    page = chronology_of(area="Front door")
    assert set(rows(page)) == {"Front door"}
    assert "1 of 5 entries match the filter" in page


def test_chronology_filters_by_date_range(chronology_of):
    page = chronology_of(since=dt.date(2025, 10, 1), until=dt.date(2025, 10, 7))
    assert rows(page) == ["Front door"]
    page = chronology_of(since=dt.date(2025, 9, 2))
    assert rows(page) == ["Case notes", "Front door", "Allocation"]  # the IRO's, 2 September


def test_chronology_refuses_a_range_that_ends_before_it_starts(chronology_of):
    page = chronology_of(since=dt.date(2025, 10, 7), until=dt.date(2025, 10, 1))
    assert "<title>Error: Chronology" in page
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in page
    assert "Born" in page  # nothing filtered on a filter with a mistake


def test_chronology_links_an_entry_to_its_own_page_and_shows_its_summary(chronology_of):
    page = chronology_of()
    note = chronology_of.note
    assert (
        f'<a class="govuk-link" href="{note.get_absolute_url()}">Visit: I saw you at home' in page
    )
    assert "08/10/2025 15:30" in page
    assert "Everything known about this child, newest first (5 entries)" in page


def test_the_csv_export_takes_the_chronology_filter(chronology_of, ava):
    response = chronology_of.client.get(
        f"/children/{ava.council_id}/chronology.csv", {"area": "Front door"}
    )
    lines = response.content.decode().splitlines()
    assert lines[0] == "Date,Time,Area,Event,Detail"
    assert [line.split(",")[2] for line in lines[1:]] == ["Front door"]


def test_every_code_in_the_chronology_is_shown_with_its_meaning(chronology_of, ava):
    assessment = AssessmentFactory(
        cin_episode=CINEpisodeFactory(child=ava, referral_date=dt.date(2025, 9, 1)),
        start_date=dt.date(2025, 9, 1),
        authorised_date=dt.date(2025, 10, 3),
    )
    AssessmentFactor.objects.create(assessment=assessment, code="3A")
    page = chronology_of()
    assert "From 2A SCHOOLS" in page
    assert "Factors: 3A Domestic violence: concerns about the child" in page
