"""Codes are always shown with their meaning: a worker never reads a bare "C2"."""

from sightline.reference.codes import CIN_TYPES, SSDA903_FIELDS, code_list, describe


def test_a_looked_after_childs_legal_status_reads_as_words():
    assert describe("903_legal_status", "C2") == "C2 Full care order"
    assert describe("903_care_leaver_accommodation", "W2") == "W2 Bed and breakfast - not suitable"


def test_every_code_the_service_records_has_a_meaning():
    bare = [
        f"{name} {code}"
        for name in [*CIN_TYPES, *SSDA903_FIELDS]
        for code in code_list(name)
        if describe(name, code) == code
    ]
    assert not bare, f"codes with no meaning: {bare}"
