"""The SSD item reference mapping: each item_ref is real, each field exists, the doc is current."""

from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from sightline.returns import ssd
from sightline.returns.ssd import (
    SHARED_ITEM_REFS,
    SSD_DERIVED,
    SSD_GAP_NOTES,
    SSD_ITEM_REFS,
    SSD_NOTES,
    load_ssd_fields,
    mapping_rows,
    render_mapping_document,
    unmapped_ssd_fields,
    write_mapping_document,
)

REPO_ROOT = Path(__file__).resolve().parents[4]
DOCUMENT = REPO_ROOT / "docs" / "ssd-mapping.md"


def _field(key: str):
    app_label, model_name, field_name = key.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


def test_every_mapped_item_ref_exists_in_the_ssd_yaml() -> None:
    ssd_fields = load_ssd_fields()
    unknown = {key: ref for key, ref in SSD_ITEM_REFS.items() if ref not in ssd_fields}
    assert not unknown, f"item_refs not in the SSD YAML: {unknown}"


def test_every_mapped_model_field_exists_on_its_model() -> None:
    problems = []
    for key in SSD_ITEM_REFS:
        try:
            _field(key)
        except (ValueError, LookupError, FieldDoesNotExist) as error:
            problems.append(f"{key}: {error}")
    assert not problems, "mapped model fields that do not exist:\n" + "\n".join(problems)


def test_an_item_ref_is_shared_only_where_declared() -> None:
    counts = Counter(SSD_ITEM_REFS.values())
    shared = {ref for ref, count in counts.items() if count > 1}
    assert shared == set(SHARED_ITEM_REFS), (
        "An item_ref held by several model fields must be one SSD fact split across them, "
        f"declared in SHARED_ITEM_REFS. Shared: {sorted(shared)}; "
        f"declared: {sorted(SHARED_ITEM_REFS)}"
    )


def test_notes_and_derivations_name_mapped_fields_and_real_gaps() -> None:
    assert set(SSD_NOTES) <= set(SSD_ITEM_REFS), set(SSD_NOTES) - set(SSD_ITEM_REFS)
    gaps = {spec["item_ref"] for spec in unmapped_ssd_fields()}
    assert set(SSD_DERIVED) <= gaps, set(SSD_DERIVED) - gaps
    assert set(SSD_GAP_NOTES) <= gaps, set(SSD_GAP_NOTES) - gaps
    assert not set(SSD_DERIVED) & set(SSD_GAP_NOTES)


def test_a_foreign_key_to_a_child_carries_the_ssd_person_id() -> None:
    wrong = {}
    for key, ref in SSD_ITEM_REFS.items():
        field = _field(key)
        if field.is_relation and field.related_model is apps.get_model("people", "Child"):
            name = load_ssd_fields()[ref]["field"]
            if not name.endswith("person_id"):
                wrong[key] = name
    assert not wrong, f"child foreign keys mapped to something other than a person ID: {wrong}"


def test_a_mapped_primary_key_carries_an_ssd_row_id() -> None:
    wrong = {}
    for key, ref in SSD_ITEM_REFS.items():
        if _field(key).primary_key:
            spec = load_ssd_fields()[ref]
            if not (spec["primary_key"] or spec["field"].endswith("_id")):
                wrong[key] = spec["field"]
    assert not wrong, f"primary keys mapped to SSD fields that are not IDs: {wrong}"


@pytest.mark.parametrize(
    ("key", "item_ref", "ssd_field"),
    [
        ("people.Child.council_id", "PERS001A", "ssd_person.pers_person_id"),
        ("people.Child.sex", "PERS002A", "ssd_person.pers_sex"),
        ("cin.CINEpisode.referral_date", "CINE003A", "ssd_cin_episodes.cine_referral_date"),
        ("care.CareEpisode.start_date", "CLAE003A", "ssd_cla_episodes.clae_cla_episode_start_date"),
    ],
)
def test_pinned_item_refs(key: str, item_ref: str, ssd_field: str) -> None:
    assert SSD_ITEM_REFS[key] == item_ref
    spec = load_ssd_fields()[item_ref]
    assert f"{spec['table']}.{spec['field']}" == ssd_field


# Every model field behind an item of the CIN census (2026 schema), by the census's own name.
CIN_CENSUS_FIELDS = {
    "LAchildID": "people.Child.council_id",
    "UPN": "people.Child.upn",
    "FormerUPN": "people.Child.former_upn",
    "UPNunknown": "people.Child.upn_unknown_reason",
    "PersonBirthDate": "people.Child.date_of_birth",
    "ExpectedPersonBirthDate": "people.Child.expected_date_of_birth",
    "Sex": "people.Child.sex",
    "Ethnicity": "people.Child.ethnicity",
    "PersonDeathDate": "people.Child.date_of_death",
    "Disability": "people.ChildDisability.code",
    "CINreferralDate": "cin.CINEpisode.referral_date",
    "ReferralSource": "cin.CINEpisode.referral_source",
    "PrimaryNeedCode": "cin.CINEpisode.primary_need",
    "ReferralNFA": "cin.CINEpisode.referral_nfa",
    "CINclosureDate": "cin.CINEpisode.closure_date",
    "ReasonForClosure": "cin.CINEpisode.closure_reason",
    "AssessmentActualStartDate": "assessments.Assessment.start_date",
    "AssessmentAuthorisationDate": "assessments.Assessment.authorised_date",
    "AssessmentFactors": "assessments.AssessmentFactor.code",
    "CINPlanStartDate": "cin.CINPlan.start_date",
    "CINPlanEndDate": "cin.CINPlan.end_date",
    "S47ActualStartDate": "protection.Section47Enquiry.start_date",
    "DateOfInitialCPC": "protection.InitialChildProtectionConference.date",
    "CPPstartDate": "protection.ChildProtectionPlan.start_date",
    "CPPendDate": "protection.ChildProtectionPlan.end_date",
    "InitialCategoryOfAbuse": "protection.ChildProtectionPlan.initial_category",
    "LatestCategoryOfAbuse": "protection.ChildProtectionPlan.latest_category",
    "CPPreviewDate": "protection.ChildProtectionReview.date",
}

# Every model field behind an SSDA903 column the SSD defines, by the SSDA903's own name.
SSDA903_FIELDS = {
    "header.CHILD": "people.Child.council_id",
    "header.SEX": "people.Child.sex",
    "header.DOB": "people.Child.date_of_birth",
    "header.ETHNIC": "people.Child.ethnicity",
    "header.UPN": "people.Child.upn",
    "episodes.DECOM": "care.CareEpisode.start_date",
    "episodes.RNE": "care.CareEpisode.reason_new_episode",
    "episodes.LS": "care.CareEpisode.legal_status",
    "episodes.CIN": "care.CareEpisode.category_of_need",
    "episodes.PLACE": "care.CareEpisode.placement_type",
    "episodes.PLACE_PROVIDER": "care.CareEpisode.placement_provider",
    "episodes.PL_POST": "care.CareEpisode.placement_postcode",
    "episodes.HOME_POST": "care.CareEpisode.home_postcode",
    "episodes.URN": "care.CareEpisode.urn",
    "episodes.DEC": "care.CareEpisode.end_date",
    "episodes.REC": "care.CareEpisode.reason_ceased",
    "episodes.REASON_PLACE_CHANGE": "care.CareEpisode.reason_place_change",
    "reviews.DOR": "care.CareReview.date",
    "reviews.REVIEW_CODE": "care.CareReview.participation",
    "missing.MISSING": "care.MissingEpisode.kind",
    "missing.MIS_START": "care.MissingEpisode.started_at",
    "missing.MIS_END": "care.MissingEpisode.returned_at",
    "uasc.DUC": "care.UASCPeriod.end_date",
    "oc2.SDQ_SCORE": "care.HealthCheck.sdq_score",
    "oc2.SDQ_REASON": "care.HealthCheck.sdq_reason",
    "oc3.IN_TOUCH": "leaving_care.CareLeaverContact.in_touch",
    "oc3.ACTIV": "leaving_care.CareLeaverContact.activity",
    "oc3.ACCOM": "leaving_care.CareLeaverContact.accommodation",
    "ad1.DATE_INT": "care.AdoptionProcess.should_be_placed_date",
    "ad1.DATE_MATCH": "care.AdoptionProcess.matched_date",
    "placed_adoption.DATE_PLACED_CEASED": "care.AdoptionProcess.placed_ceased_date",
    "placed_adoption.REASON_PLACED_CEASED": "care.AdoptionProcess.reason_placed_ceased",
}


@pytest.mark.parametrize(("item", "key"), sorted(CIN_CENSUS_FIELDS.items()))
def test_every_cin_census_field_is_mapped(item: str, key: str) -> None:
    assert key in SSD_ITEM_REFS, f"{key} (CIN census {item}) has no SSD item_ref"


@pytest.mark.parametrize(("item", "key"), sorted(SSDA903_FIELDS.items()))
def test_every_ssda903_field_the_ssd_defines_is_mapped(item: str, key: str) -> None:
    assert key in SSD_ITEM_REFS, f"{key} (SSDA903 {item}) has no SSD item_ref"


def test_ssd_yaml_is_read_with_unique_item_refs_and_clean_returns() -> None:
    fields = load_ssd_fields()
    assert fields["PERS001A"]["table"] == "ssd_person"
    assert fields["PERS001A"]["field"] == "pers_person_id"
    assert "CIN" in fields["PERS001A"]["returns"]
    # The YAML's typos ("SSD903", "Loca;", "Local,AnnexA") are corrected when read.
    assert fields["CLAE014A"]["returns"] == ["SSDA903"]
    assert fields["CINE001A"]["returns"] == ["Local"]
    assert fields["DEPT1002A"]["returns"] == ["Local", "AnnexA"]
    assert load_ssd_fields() is load_ssd_fields()  # cached


def test_unmapped_fields_are_the_return_relevant_gaps() -> None:
    gaps = unmapped_ssd_fields()
    mapped = set(SSD_ITEM_REFS.values())
    refs = [spec["item_ref"] for spec in gaps]
    assert not set(refs) & mapped
    assert all(set(spec["returns"]) & {"CIN", "SSDA903", "AnnexA"} for spec in gaps)
    # Known gaps: the SSDA903 previous permanence items and the adopters' details.
    assert {"LAPP003A", "LAPP004A", "LAPP005A", "PERM025A", "PERM026A"} <= set(refs)
    # Every return-relevant SSD field is either mapped or listed as a gap.
    relevant = {ref for ref, spec in load_ssd_fields().items() if ssd.is_return_relevant(spec)}
    assert relevant == (relevant & mapped) | set(refs)


def test_mapping_rows_cover_the_whole_mapping() -> None:
    rows = list(mapping_rows())
    assert {f"{row.model}.{row.field}" for row in rows} == set(SSD_ITEM_REFS)
    council = next(row for row in rows if row.model == "people.Child" and row.field == "council_id")
    assert council.item_ref == "PERS001A"
    assert council.ssd_field == "ssd_person.pers_person_id"
    assert council.verbose_name == "Council ID"
    assert "CIN" in council.returns


def test_document_lists_fields_and_gaps() -> None:
    text = render_mapping_document()
    assert "script/sightline reference ssd-map" in text
    assert "| `Child.council_id` (Council ID) | PERS001A | `ssd_person.pers_person_id` |" in text
    assert "## Return fields Sightline does not hold" in text
    assert "| LAPP004A | `lapp_previous_permanence_option` |" in text


def test_write_mapping_document_writes_the_rendered_text(tmp_path: Path) -> None:
    path = write_mapping_document(tmp_path / "docs" / "ssd-mapping.md")
    assert path == tmp_path / "docs" / "ssd-mapping.md"
    assert path.read_text(encoding="utf-8") == render_mapping_document()


def test_committed_document_is_current() -> None:
    message = (
        "docs/ssd-mapping.md is out of date with sightline.returns.ssd: "
        "run `script/sightline reference ssd-map` and commit the result."
    )
    assert DOCUMENT.exists(), message
    assert DOCUMENT.read_text(encoding="utf-8") == render_mapping_document(), message
