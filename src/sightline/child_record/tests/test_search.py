"""Finding the right child: misspelt and former names, dates of birth as people type them, a
name and a date of birth together, any identifier or part of one, a postcode; results that tell
children apart and say when more matched; and only children the worker may see."""

import datetime as dt

import pytest

from sightline.access.scope import SEARCH_LIMIT, search_children
from sightline.people.models import Address, Adult, ChildName, Relationship
from sightline.testing.factories import AllocationFactory, ChildFactory, CINEpisodeFactory

pytestmark = pytest.mark.django_db

BORN = dt.date(2016, 4, 16)


@pytest.fixture
def ava(social_worker):
    child = ChildFactory(
        first_name="Ava",
        last_name="Smith",
        date_of_birth=BORN,
        council_id="CH0004521",
        nhs_number="9434765919",
        uln="1234567890",
    )
    AllocationFactory(worker=social_worker, child=child)
    Address.objects.create(
        child=child, line_1="4 Mill Lane", town="Sightford", postcode="SF3 7QT", start_date=BORN
    )
    return child


@pytest.fixture
def others(social_worker):
    """Children in the same caseload who must not be found by Ava's details."""
    return [
        AllocationFactory(
            worker=social_worker,
            child=ChildFactory(first_name=first, last_name=last, date_of_birth=born),
        ).child
        for first, last, born in [
            ("Eva", "Jones", dt.date(2015, 1, 2)),
            ("Noah", "Smith", dt.date(2014, 6, 30)),
            ("Oliver", "Brown", BORN),
        ]
    ]


def found(worker, text: str) -> list[str]:
    return [c.full_name for c in search_children(worker.user, text)]


def search_page(client, text: str) -> str:
    return client.get("/children/", {"q": text}).content.decode()


@pytest.mark.parametrize("text", ["Ava Smith", "ava smyth", "Aava Smith", "Smiht", "Ava Smit"])
def test_a_misspelt_name_finds_the_child(social_worker, ava, others, text):
    assert "Ava Smith" in found(social_worker, text)
    assert "Oliver Brown" not in found(social_worker, text)


def test_the_closest_name_comes_first(social_worker, ava, others):
    AllocationFactory(
        worker=social_worker, child=ChildFactory(first_name="Ava", last_name="Smithers")
    )
    assert found(social_worker, "Ava Smith") == ["Ava Smith", "Ava Smithers"]
    assert found(social_worker, "Ava Smither") == ["Ava Smithers", "Ava Smith"]
    assert found(social_worker, "Smyth") == ["Ava Smith", "Noah Smith"]


def test_a_former_name_finds_the_child_and_says_which_name_matched(social_worker, ava, others):
    ChildName.objects.create(child=ava, first_name="Ava", last_name="Kowalski")
    results = list(search_children(social_worker.user, "Ava Kowalsky"))
    assert [c.full_name for c in results] == ["Ava Smith"]
    assert results[0].matched_name == "Ava Kowalski"


@pytest.mark.parametrize(
    "text", ["16/4/2016", "16/04/2016", "16 April 2016", "16 Apr 2016", "2016-04-16", "16/04/16"]
)
def test_a_date_of_birth_in_any_usual_form_finds_the_children_born_that_day(
    social_worker, ava, others, text
):
    assert sorted(found(social_worker, text)) == ["Ava Smith", "Oliver Brown"]


@pytest.mark.parametrize("text", ["Ava Smith 16/4/2016", "Avah Smyth 16 April 2016"])
def test_a_name_and_a_date_of_birth_together_find_only_that_child(social_worker, ava, others, text):
    assert found(social_worker, text) == ["Ava Smith"]


def test_a_name_with_another_date_of_birth_finds_no_one(social_worker, ava, others):
    assert found(social_worker, "Ava Smith 17/4/2016") == []


@pytest.mark.parametrize(
    "text", ["CH0004521", "4521", "9434765919", "943 476 5919", "4765919", "1234567890"]
)
def test_any_identifier_or_part_of_one_finds_the_child(social_worker, ava, others, text):
    assert found(social_worker, text) == ["Ava Smith"]


def test_the_upn_finds_the_child(social_worker, ava, others):
    assert found(social_worker, ava.upn) == ["Ava Smith"]
    assert found(social_worker, ava.upn[-6:].lower()) == ["Ava Smith"]


@pytest.mark.parametrize("text", ["SF3 7QT", "sf37qt", "SF3"])
def test_the_postcode_of_the_current_address_finds_the_child(social_worker, ava, others, text):
    assert found(social_worker, text) == ["Ava Smith"]


def test_an_old_address_does_not_find_the_child(social_worker, ava, others):
    Address.objects.filter(child=ava).update(end_date=dt.date(2020, 1, 1))
    assert found(social_worker, "SF3 7QT") == []


def test_a_child_outside_the_workers_scope_is_never_found(ava, outsider):
    for text in ("Ava Smith", "16/4/2016", "CH0004521", "SF3 7QT"):
        assert found(outsider, text) == [], text


def test_a_search_says_how_many_more_matched_than_it_shows(social_worker, sign_in):
    for _ in range(SEARCH_LIMIT + 3):
        AllocationFactory(worker=social_worker, child=ChildFactory(last_name="Patel"))
    result = search_children(social_worker.user, "Patel")
    assert len(result) == SEARCH_LIMIT
    assert result.total == SEARCH_LIMIT + 3
    page = search_page(sign_in(social_worker), "Patel")
    assert f"{SEARCH_LIMIT + 3} children found: the closest {SEARCH_LIMIT} shown" in page
    assert "3 more matches not shown" in page


def test_results_show_what_tells_two_children_of_the_same_name_apart(social_worker, ava, sign_in):
    mother = Adult.objects.create(first_name="Grace", last_name="Smith")
    Relationship.objects.create(
        child=ava, adult=mother, kind=Relationship.Kind.MOTHER, parental_responsibility=True
    )
    twin = AllocationFactory(
        worker=social_worker,
        child=ChildFactory(first_name="Ava", last_name="Smith", date_of_birth=dt.date(2012, 9, 1)),
    ).child
    page = search_page(sign_in(social_worker), "Ava Smith")
    assert "2 children found" in page
    assert "16/04/2016" in page and "01/09/2012" in page
    assert "4 Mill Lane, Sightford SF3 7QT" in page
    assert "Grace Smith (mother)" in page
    assert f"{social_worker.full_name} (allocated social worker)" in page
    assert f"/children/{twin.council_id}/" in page


def test_results_name_the_open_involvement(social_worker, ava, sign_in):
    CINEpisodeFactory(child=ava, referral_date=dt.date(2025, 9, 1))
    closed = AllocationFactory(worker=social_worker, child=ChildFactory(last_name="Smith")).child
    CINEpisodeFactory(
        child=closed, referral_date=dt.date(2024, 9, 1), closure_date=dt.date(2024, 12, 1)
    )
    page = search_page(sign_in(social_worker), "Smith")
    assert page.count("Open referral") == 1
