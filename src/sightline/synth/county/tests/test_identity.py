"""Identifiers the generator makes pass the national checks and never repeat."""

import re

from sightline.people.identifiers import nhs_number_problem, uln_problem, upn_problem
from sightline.synth.county import identity


def test_upns_have_valid_check_letters_and_are_unique():
    upns = [identity.upn(938, index, 2015 + index % 10) for index in range(0, 2_500_000, 997)]
    assert all(upn_problem(u) is None for u in upns)
    assert all(u[1:4] == "938" for u in upns)
    assert len(set(upns)) == len(upns)


def test_nhs_numbers_are_in_the_test_range_valid_and_unique():
    numbers = [identity.nhs_number(i) for i in range(0, identity.nhs_capacity(), 311)]
    assert all(n.startswith("999") and nhs_number_problem(n) is None for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert identity.nhs_number(identity.nhs_capacity()) == ""


def test_nhs_numbers_cover_every_valid_body_exactly_once():
    capacity = identity.nhs_capacity()
    assert 900_000 < capacity < 1_000_000
    sample = {identity.nhs_number(i) for i in range(50_000)}
    assert len(sample) == 50_000


def test_ulns_are_valid_and_unique():
    ulns = [identity.uln(i) for i in range(0, 3_000_000, 1009)]
    assert all(uln_problem(u) is None for u in ulns)
    assert len(set(ulns)) == len(ulns)


def test_postcodes_look_like_the_countys():
    code = identity.postcode("SL4", 3, 7, 12)
    assert re.fullmatch(r"SL4 3[A-Z]{2}", code)
    assert len(code) <= 8
