"""The Standard Safeguarding Dataset (SSD) item reference of each model field holding an SSD field.

The SSD is the national standard data model for children's social care: each of its fields
has an `item_ref` (e.g. PERS001A for `ssd_person.pers_person_id`). `SSD_ITEM_REFS` is the one
place that says which Sightline model field carries which item_ref, so a council's SSD extract
imports, and Sightline's own data exports, without guesswork.

Conventions:

* Keys are "app_label.ModelName.field_name"; values are item_refs that exist in the SSD YAML
  packaged under `sightline/reference/data/ssd/` (read by `load_ssd_fields`, never retyped).
* A foreign key to `people.Child` carries the child's `council_id` (PERS001A) in the SSD; any
  other mapped foreign key, and a mapped `id`, carries the SSD row ID of the record it names
  (unless its note says the SSD holds a name instead).
* A model field maps to at most one item_ref. An item_ref is held by one model field, except
  where several fields are parts of one SSD fact (listed in `SHARED_ITEM_REFS`).
* `SSD_NOTES` says how a value is coded or filtered where the match is not one to one.
* SSD fields the CIN census, SSDA903 or Annex A use that no model field carries are the known
  gaps (`unmapped_ssd_fields`); `SSD_DERIVED` says how those that can be worked out from fields
  Sightline holds are derived, and `SSD_GAP_NOTES` what a reader should know about the rest.

`write_mapping_document` writes docs/ssd-mapping.md (`script/sightline reference ssd-map`); a
test fails if the committed document differs from `render_mapping_document()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

from sightline.reference import DATA_DIR

SSD_DIR = DATA_DIR / "ssd"

# The statutory returns Sightline produces, as the SSD YAML names them.
RELEVANT_RETURNS = ("CIN", "SSDA903", "AnnexA")

# Apps whose models hold case data, in the order the document lists them.
MAPPED_APPS = (
    "people",
    "frontdoor",
    "cin",
    "assessments",
    "protection",
    "care",
    "leaving_care",
    "lado",
)

# Obvious typos in the SSD YAML's `returns` lists, corrected when read.
_RETURN_TYPOS = {"Loca;": "Local", "SSD903": "SSDA903"}

SSD_ITEM_REFS: dict[str, str] = {
    # --- people: ssd_person ---------------------------------------------------------------
    "people.Child.council_id": "PERS001A",  # pers_person_id (LAchildID)
    "people.Child.first_name": "PERS015A",  # pers_forename
    "people.Child.last_name": "PERS016A",  # pers_surname
    "people.Child.upn": "SEND002A",  # send_upn (the SSD keeps the UPN in ssd_send)
    "people.Child.former_upn": "LINK004A",  # link_identifier_value
    "people.Child.upn_unknown_reason": "PERS007A",  # pers_upn_unknown
    "people.Child.uln": "SEND003A",  # send_uln
    "people.Child.nhs_number": "PERS013A",  # pers_common_child_id (NHS number)
    "people.Child.date_of_birth": "PERS005A",  # pers_dob
    "people.Child.expected_date_of_birth": "PERS009A",  # pers_expected_dob
    "people.Child.sex": "PERS002A",  # pers_sex
    "people.Child.gender_identity": "PERS003A",  # pers_gender
    "people.Child.ethnicity": "PERS004A",  # pers_ethnicity
    "people.Child.date_of_death": "PERS010A",  # pers_death_date
    # ssd_disability
    "people.ChildDisability.id": "DISA003A",
    "people.ChildDisability.child": "DISA001A",
    "people.ChildDisability.code": "DISA002A",
    # ssd_address
    "people.Address.id": "ADDR007A",
    "people.Address.child": "ADDR002A",
    "people.Address.line_1": "ADDR001A",
    "people.Address.line_2": "ADDR001A",
    "people.Address.town": "ADDR001A",
    "people.Address.postcode": "ADDR006A",
    "people.Address.start_date": "ADDR004A",
    "people.Address.end_date": "ADDR005A",
    # ssd_mother: a relationship of kind "mother" between two children
    "people.Relationship.child": "MOTH001A",  # moth_childs_person_id
    "people.Relationship.other_child": "MOTH002A",  # moth_person_id
    # ssd_family
    "people.Household.reference": "FAMI001A",
    "people.HouseholdMember.id": "FAMI003A",
    "people.HouseholdMember.child": "FAMI002A",
    # ssd_involvements
    "people.Allocation.id": "INVO005A",
    "people.Allocation.child": "INVO011A",
    "people.Allocation.worker": "INVO006A",
    "people.Allocation.team": "INVO009A",
    "people.Allocation.kind": "INVO007A",
    "people.Allocation.start_date": "INVO002A",
    "people.Allocation.end_date": "INVO003A",
    # ssd_professionals
    "people.Worker.id": "PROF001A",
    "people.Worker.staff_id": "PROF010A",
    "people.Worker.first_name": "PROF013A",
    "people.Worker.last_name": "PROF013A",
    "people.Worker.role": "PROF007A",
    "people.Worker.team": "PROF012A",
    "people.Worker.is_agency": "PROF014A",
    "people.Worker.registration_number": "PROF002A",
    # ssd_department
    "people.Team.id": "DEPT1001A",
    "people.Team.name": "DEPT1002A",
    "people.Team.service": "DEPT1003A",
    "people.Service.name": "DEPT1004A",
    # --- frontdoor: ssd_contacts ----------------------------------------------------------
    "frontdoor.Contact.id": "CONT001A",
    "frontdoor.Contact.child": "CONT002A",
    "frontdoor.Contact.received_at": "CONT003A",
    "frontdoor.Contact.source": "CONT004A",
    "frontdoor.Contact.decision": "CONT005A",
    # --- cin: ssd_cin_episodes ------------------------------------------------------------
    "cin.CINEpisode.id": "CINE001A",
    "cin.CINEpisode.child": "CINE002A",
    "cin.CINEpisode.referral_date": "CINE003A",
    "cin.CINEpisode.referral_source": "CINE004A",
    "cin.CINEpisode.primary_need": "CINE010A",
    "cin.CINEpisode.referral_nfa": "CINE011A",
    "cin.CINEpisode.closure_date": "CINE007A",
    "cin.CINEpisode.closure_reason": "CINE006A",
    # ssd_cin_plans
    "cin.CINPlan.id": "CINP001A",
    "cin.CINPlan.child": "CINP002A",
    "cin.CINPlan.cin_episode": "CINP007A",
    "cin.CINPlan.start_date": "CINP003A",
    "cin.CINPlan.end_date": "CINP004A",
    # ssd_cin_visits
    "cin.CINVisit.id": "CINV001A",
    "cin.CINVisit.child": "CINV007A",
    "cin.CINVisit.visit_date": "CINV003A",
    "cin.CINVisit.seen": "CINV004A",
    "cin.CINVisit.seen_alone": "CINV005A",
    # --- assessments: ssd_cin_assessments -------------------------------------------------
    "assessments.Assessment.id": "CINA001A",
    "assessments.Assessment.child": "CINA002A",
    "assessments.Assessment.cin_episode": "CINA010A",
    "assessments.Assessment.start_date": "CINA003A",
    "assessments.Assessment.authorised_date": "CINA005A",
    "assessments.Assessment.worker": "CINA008A",
    # ssd_assessment_factors
    "assessments.AssessmentFactor.id": "CINF003A",
    "assessments.AssessmentFactor.assessment": "CINF001A",
    "assessments.AssessmentFactor.code": "CINF002A",
    # --- protection: ssd_s47_enquiry ------------------------------------------------------
    "protection.Section47Enquiry.id": "S47E001A",
    "protection.Section47Enquiry.child": "S47E002A",
    "protection.Section47Enquiry.cin_episode": "S47E010A",
    "protection.Section47Enquiry.start_date": "S47E004A",
    "protection.Section47Enquiry.end_date": "S47E005A",
    "protection.Section47Enquiry.outcome": "S47E007A",
    # ssd_initial_cp_conference
    "protection.InitialChildProtectionConference.id": "ICPC001A",
    "protection.InitialChildProtectionConference.child": "ICPC010A",
    "protection.InitialChildProtectionConference.cin_episode": "ICPC012A",
    "protection.InitialChildProtectionConference.section47": "ICPC002A",
    "protection.InitialChildProtectionConference.date": "ICPC005A",
    "protection.InitialChildProtectionConference.plan_made": "ICPC013A",
    # ssd_cp_plans
    "protection.ChildProtectionPlan.id": "CPPL001A",
    "protection.ChildProtectionPlan.child": "CPPL002A",
    "protection.ChildProtectionPlan.cin_episode": "CPPL007A",
    "protection.ChildProtectionPlan.icpc": "CPPL008A",
    "protection.ChildProtectionPlan.start_date": "CPPL003A",
    "protection.ChildProtectionPlan.end_date": "CPPL004A",
    "protection.ChildProtectionPlan.initial_category": "CPPL009A",
    "protection.ChildProtectionPlan.latest_category": "CPPL010A",
    # ssd_cp_reviews
    "protection.ChildProtectionReview.id": "CPPR001A",
    "protection.ChildProtectionReview.child": "CPPR008A",
    "protection.ChildProtectionReview.cp_plan": "CPPR002A",
    "protection.ChildProtectionReview.date": "CPPR004A",
    "protection.ChildProtectionReview.plan_continues": "CPPR005A",
    # ssd_cp_visits
    "protection.ChildProtectionVisit.id": "CPPV007A",
    "protection.ChildProtectionVisit.child": "CPPV008A",
    "protection.ChildProtectionVisit.cp_plan": "CPPV001A",
    "protection.ChildProtectionVisit.visit_date": "CPPV003A",
    "protection.ChildProtectionVisit.seen": "CPPV004A",
    "protection.ChildProtectionVisit.seen_alone": "CPPV005A",
    # --- care: ssd_cla_episodes, ssd_legal_status and ssd_cla_placement -------------------
    "care.CareEpisode.id": "CLAE001A",
    "care.CareEpisode.child": "CLAE002A",
    "care.CareEpisode.start_date": "CLAE003A",  # DECOM
    "care.CareEpisode.reason_new_episode": "CLAE004A",  # RNE
    "care.CareEpisode.legal_status": "LEGA003A",  # LS
    "care.CareEpisode.category_of_need": "CLAE009A",  # CIN
    "care.CareEpisode.placement_type": "CLAP004A",  # PLACE
    "care.CareEpisode.placement_provider": "CLAP007A",  # PLACE_PROVIDER
    "care.CareEpisode.placement_postcode": "CLAP008A",  # PL_POST
    "care.CareEpisode.home_postcode": "ADDR006A",  # HOME_POST
    "care.CareEpisode.urn": "CLAP005A",  # URN
    "care.CareEpisode.end_date": "CLAE005A",  # DEC
    "care.CareEpisode.reason_ceased": "CLAE006A",  # REC
    "care.CareEpisode.reason_place_change": "CLAP010A",  # REASON_PLACE_CHANGE
    # ssd_cla_reviews (the SSD table has no person ID column)
    "care.CareReview.id": "CLAR001A",
    "care.CareReview.date": "CLAR004A",
    "care.CareReview.participation": "CLAR007A",
    # ssd_cla_visits
    "care.CareVisit.id": "CLAV001A",
    "care.CareVisit.child": "CLAV008A",
    "care.CareVisit.visit_date": "CLAV003A",
    "care.CareVisit.seen": "CLAV004A",
    "care.CareVisit.seen_alone": "CLAV005A",
    # ssd_missing
    "care.MissingEpisode.id": "MISS001A",
    "care.MissingEpisode.child": "MISS002A",
    "care.MissingEpisode.kind": "MISS004A",
    "care.MissingEpisode.started_at": "MISS003A",
    "care.MissingEpisode.returned_at": "MISS005A",
    "care.MissingEpisode.rhi_offered_at": "MISS006A",
    "care.MissingEpisode.rhi_accepted": "MISS007A",
    # ssd_cla_health and ssd_sdq_scores
    "care.HealthCheck.id": "CLAH001A",
    "care.HealthCheck.child": "CLAH002A",
    "care.HealthCheck.kind": "CLAH003A",
    "care.HealthCheck.date": "CLAH004A",
    "care.HealthCheck.sdq_score": "CSDQ005A",
    "care.HealthCheck.sdq_reason": "CSDQ004A",
    # ssd_immigration_status
    "care.UASCPeriod.id": "IMMI005A",
    "care.UASCPeriod.child": "IMMI001A",
    "care.UASCPeriod.start_date": "IMMI003A",
    "care.UASCPeriod.end_date": "IMMI004A",  # DUC
    # ssd_permanence
    "care.AdoptionProcess.id": "PERM001A",
    "care.AdoptionProcess.child": "PERM002A",
    "care.AdoptionProcess.should_be_placed_date": "PERM003A",
    "care.AdoptionProcess.placement_order_date": "PERM006A",
    "care.AdoptionProcess.matched_date": "PERM008A",
    "care.AdoptionProcess.placed_date": "PERM007A",
    "care.AdoptionProcess.placed_ceased_date": "PERM010A",
    "care.AdoptionProcess.reason_placed_ceased": "PERM016A",
    "care.AdoptionProcess.adoption_order_date": "PERM017A",
    # --- leaving_care: ssd_care_leavers ---------------------------------------------------
    "leaving_care.CareLeaverContact.child": "CLEA002A",
    "leaving_care.CareLeaverContact.contact_date": "CLEA005A",
    "leaving_care.CareLeaverContact.in_touch": "CLEA004A",
    "leaving_care.CareLeaverContact.activity": "CLEA008A",
    "leaving_care.CareLeaverContact.accommodation": "CLEA006A",
    "leaving_care.PathwayPlan.start_date": "CLEA009A",
    "leaving_care.PathwayPlan.personal_adviser": "CLEA010A",
    "leaving_care.PathwayPlanReview.date": "CLEA009A",
    # --- lado: the SSD has no table for allegations against adults (LADO) -----------------
}

# item_refs held by more than one model field, because those fields are parts of one SSD fact.
SHARED_ITEM_REFS: dict[str, str] = {
    "ADDR001A": "The SSD holds the address as one JSON value; Sightline splits it into lines.",
    "ADDR006A": (
        "HOME_POST is the postcode of the child's home address when the episode started: the "
        "postcode of the ssd_address row current on DECOM."
    ),
    "PROF013A": "The SSD holds the worker's name as one value; Sightline splits it in two.",
    "CLEA009A": (
        "The SSD value is the later of the pathway plan's start date and its latest review date."
    ),
}

# How a value is coded, or which rows carry it, where the match is not one to one.
SSD_NOTES: dict[str, str] = {
    "people.Child.upn": "The SSD has no UPN column in ssd_person; it is send_upn in ssd_send.",
    "people.Child.former_upn": (
        "A row in ssd_linked_identifiers whose link_identifier_type is 'Former UPN'."
    ),
    "people.Child.nhs_number": "pers_common_child_id is the NHS number.",
    "people.Child.gender_identity": (
        "Sightline keeps the child's own words; the SSD codes gender 00/01/02/09 (09: "
        "self-described)."
    ),
    "people.Address.line_1": "Keys HOUSE and STREET of addr_address_json.",
    "people.Address.line_2": "Keys FLAT, BUILDING and FLOOR of addr_address_json.",
    "people.Address.town": "Key TOWN of addr_address_json.",
    "people.Relationship.child": "Rows of kind 'mother' whose other_child is the mother.",
    "people.Relationship.other_child": "Rows of kind 'mother': the child who is the mother.",
    "people.Household.reference": "Sightline's household is the SSD's family grouping.",
    "people.Worker.first_name": "With last_name, the SSD's single professional name.",
    "people.Worker.last_name": "With first_name, the SSD's single professional name.",
    "people.Worker.team": "The SSD holds the team's name (dept_team_name), not its ID.",
    "frontdoor.Contact.decision": (
        "Flags in cont_contact_outcome_json: referral NEW_REFERRAL_FLAG, strategy "
        "CP_ENQUIRY_FLAG, nfa NFA_FLAG, advice ADVICE_FLAG, early_help OTHER_OUTCOMES_EXIST_FLAG."
    ),
    "frontdoor.Contact.source": "Coded with the CIN census referral source codes.",
    "assessments.AssessmentFactor.code": (
        "One Sightline row per factor code; the SSD lists an assessment's codes in one JSON array."
    ),
    "assessments.Assessment.worker": "The worker who completed the assessment.",
    "protection.Section47Enquiry.start_date": (
        "The SSD and the CIN census (S47ActualStartDate) take this to be the date of the "
        "strategy discussion that started the enquiry."
    ),
    "protection.Section47Enquiry.outcome": (
        "Flags in s47e_s47_outcome_json: icpc CP_CONFERENCE_FLAG, cin PROV_OF_SERVICES_FLAG, "
        "nfa NFA_FLAG."
    ),
    "protection.InitialChildProtectionConference.plan_made": "Y when a plan was made.",
    "care.CareEpisode.legal_status": (
        "ssd_legal_status keeps each legal status with its own dates; an SSDA903 episode starts "
        "whenever it changes."
    ),
    "care.CareEpisode.placement_type": (
        "ssd_cla_placement keeps each placement with its own dates; an SSDA903 episode starts "
        "whenever it changes."
    ),
    "care.CareEpisode.home_postcode": "See ADDR006A under the shared item references.",
    "care.CareEpisode.reason_place_change": "Recorded on the episode that ends.",
    "care.CareReview.id": (
        "ssd_cla_reviews has no person ID column: a review names its period of care (clar_cla_id)."
    ),
    "care.MissingEpisode.rhi_offered_at": "Y when the offer date and time is recorded.",
    "care.HealthCheck.kind": (
        "Immunisation rows belong in ssd_cla_immunisations and SDQ rows in ssd_sdq_scores."
    ),
    "care.HealthCheck.date": (
        "For SDQ rows the SSD field is csdq_sdq_completed_date (CSDQ003A); for immunisation "
        "rows clai_immunisations_status_date (CLAI005A)."
    ),
    "care.AdoptionProcess.should_be_placed_date": "The agency decision maker's decision.",
    "care.AdoptionProcess.adoption_order_date": (
        "A row whose perm_permanence_order_type is 'Adoption'."
    ),
    "leaving_care.CareLeaverContact.contact_date": (
        "The latest contact's date; left blank when not in touch."
    ),
    "leaving_care.PathwayPlan.personal_adviser": "The SSD holds the adviser's name, not an ID.",
    "leaving_care.PathwayPlan.start_date": "See CLEA009A under the shared item references.",
    "leaving_care.PathwayPlanReview.date": "See CLEA009A under the shared item references.",
}

# Return-relevant SSD fields no model field carries, but that follow from fields Sightline holds.
SSD_DERIVED: dict[str, str] = {
    "PERS011A": (
        "Y when a Relationship of kind 'mother' names the child as other_child "
        "(the SSD itself calculates it this way)."
    ),
    "MOTH003A": "Relationship.child's date_of_birth, for the rows behind PERS011A.",
    "CINE005A": (
        "From the records that follow the referral: Assessment, StrategyDiscussion, "
        "InitialChildProtectionConference, CareEpisode, and referral_nfa."
    ),
    "CINE008A": "The team of the worker in CINE009A.",
    "CINE009A": "Contact.decided_by on the contact whose cin_episode is the referral.",
    "CINA007A": "The team of Assessment.worker (Allocation.team when allocated).",
    "CINP005A": "Allocation.team of the social worker allocated while the plan ran.",
    "CINP006A": "Allocation.worker of the social worker allocated while the plan ran.",
    "S47E006A": "Y when Section47Enquiry.outcome is 'nfa'.",
    "ICPC004A": (
        "The child_protection.icpc timescale: 15 working days from the strategy discussion "
        "that started the section 47 enquiry."
    ),
    "ICPC011A": "The ChildProtectionPlan whose icpc is the conference.",
    "CLAE014A": "The start_date of the first CareEpisode in the period of care.",
    "CLAP003A": "The start_date of the first of consecutive episodes with the same placement.",
    "CLAP009A": "The end_date of the last of consecutive episodes with the same placement.",
    "CLAP011A": "The distance between CareEpisode.home_postcode and placement_postcode.",
    "CLAI004A": "From HealthCheck rows of kind 'immunisations'.",
    "IMMI002A": "Every UASCPeriod is the status 'Unaccompanied Asylum Seeking Child'.",
    "CLEA007A": "The second character of the accommodation code: 1 suitable, 2 unsuitable.",
    "CLEA011A": "Allocation.team of the allocated personal adviser.",
    "CLEA012A": "Allocation.worker of the allocated personal adviser or social worker.",
}

# What a reader should know about a return-relevant SSD field Sightline does not hold.
SSD_GAP_NOTES: dict[str, str] = {
    "CLEA003A": (
        "Could be worked out from CareEpisode history and Child.date_of_birth, except a relevant "
        "child detained or in hospital on their 16th birthday."
    ),
    "CINA009A": (
        "CINEpisode.closure_reason RC8 (closed after assessment, no further action) is the "
        "nearest fact Sightline holds."
    ),
    "LACP003A": "CareEpisode.long_term_placement covers only LTFOST18 (long-term foster care).",
    "CLAH005A": (
        "A HealthCheck row is a check that took place (Completed); planned, refused and "
        "cancelled checks are not held."
    ),
    "ICPC006A": "InitialChildProtectionConference.plan_made gives only CP_FLAG.",
    "ICPC007A": "InitialChildProtectionConference.chair is free text, not a team.",
    "ICPC008A": "InitialChildProtectionConference.chair is free text, not a worker.",
    "LAPP004A": "The 903_previous_permanence code list is loaded, but no model field uses it.",
    "EARL003A": "Contact.decision 'early_help' records the decision; no early help episode.",
    "EARL004A": "Sightline keeps no early help episodes.",
    "EARL007A": "Sightline keeps no early help episodes.",
}


class MappingRow(NamedTuple):
    """One model field and the SSD field it carries."""

    model: str  # "app_label.ModelName"
    field: str
    verbose_name: str
    item_ref: str
    ssd_field: str  # "ssd_table.field_name"
    returns: tuple[str, ...]


def _returns(value) -> list[str]:
    if not value:
        return []
    items = [value] if isinstance(value, str) else list(value)
    found: list[str] = []
    for item in items:
        for part in str(item).split(","):
            name = _RETURN_TYPOS.get(part.strip(), part.strip())
            if name and name not in found:
                found.append(name)
    return found


def _clean_text(value) -> str:
    return " ".join(str(value).split()) if value else ""


@cache
def _ssd_fields() -> dict[str, dict]:
    fields: dict[str, dict] = {}
    for path in sorted(SSD_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for node in document.get("nodes") or []:
            for spec in node.get("fields") or []:
                ref = spec["item_ref"]
                if ref in fields:
                    raise ValueError(f"SSD item_ref {ref} appears twice (in {path.name}).")
                fields[ref] = {
                    "item_ref": ref,
                    "table": node["name"],
                    "field": spec["name"],
                    "description": _clean_text(spec.get("description")),
                    "type": spec.get("type") or "",
                    "returns": _returns(spec.get("returns")),
                    "cms_field": list(spec.get("cms_field") or []),
                    "foreign_key": spec.get("foreign_key") or "",
                    "primary_key": bool(spec.get("primary_key")),
                    "guidance": _clean_text(spec.get("guidance")),
                }
    return fields


def load_ssd_fields() -> dict[str, dict]:
    """Every SSD field by item_ref: {item_ref, table, field, description, type, returns,
    cms_field, foreign_key, primary_key, guidance}, in the YAML's file and field order.

    `returns` is a list with the YAML's typos corrected ("SSD903" is SSDA903). Read once and
    cached: treat the result as read-only.
    """
    return _ssd_fields()


def is_return_relevant(spec: dict) -> bool:
    """Whether the CIN census, SSDA903 or Annex A uses this SSD field."""
    return any(name in RELEVANT_RETURNS for name in spec["returns"])


def unmapped_ssd_fields() -> list[dict]:
    """The known gaps: SSD fields the CIN census, SSDA903 or Annex A use that no model field
    carries, by table and then in the YAML's field order. Each is the `load_ssd_fields` entry
    plus `derivation`: how it follows from fields Sightline holds (`SSD_DERIVED`), or "" when
    Sightline does not hold it at all; and `note` (`SSD_GAP_NOTES`), or ""."""
    mapped = set(SSD_ITEM_REFS.values())
    return [
        {**spec, "derivation": SSD_DERIVED.get(ref, ""), "note": SSD_GAP_NOTES.get(ref, "")}
        for ref, spec in load_ssd_fields().items()
        if is_return_relevant(spec) and ref not in mapped
    ]


def _split_key(key: str) -> tuple[str, str, str]:
    app_label, model_name, field_name = key.split(".")
    return app_label, model_name, field_name


def mapping_rows() -> Iterator[MappingRow]:
    """Each mapped model field with its SSD field: by app (`MAPPED_APPS` order), by model (in the
    order `SSD_ITEM_REFS` first names it) and by field (in the model's definition order)."""
    from django.apps import apps
    from django.utils.text import capfirst

    ssd = load_ssd_fields()
    model_order: dict[str, int] = {}
    ordered = []
    for key, ref in SSD_ITEM_REFS.items():
        app_label, model_name, field_name = _split_key(key)
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        spec = ssd[ref]
        row = MappingRow(
            model=model._meta.label,
            field=field_name,
            verbose_name=capfirst(str(field.verbose_name)),
            item_ref=ref,
            ssd_field=f"{spec['table']}.{spec['field']}",
            returns=tuple(spec["returns"]),
        )
        position = (
            MAPPED_APPS.index(app_label) if app_label in MAPPED_APPS else len(MAPPED_APPS),
            model_order.setdefault(model._meta.label, len(model_order)),
            [f.name for f in model._meta.get_fields()].index(field_name),
        )
        ordered.append((position, row))
    for _position, row in sorted(ordered, key=lambda pair: pair[0]):
        yield row


def _cell(value: str) -> str:
    return _clean_text(value).replace("|", "\\|")


def _returns_cell(returns) -> str:
    return ", ".join(returns) if returns else "(none)"


def _gap_table(lines: list[str], gaps: list[dict], last_column: str, key: str) -> None:
    by_table: dict[str, list[dict]] = {}
    for spec in gaps:
        by_table.setdefault(spec["table"], []).append(spec)
    for table, specs in by_table.items():
        lines += [
            f"#### {table}",
            "",
            f"| item_ref | SSD field | Description | Used in returns | {last_column} |",
            "| --- | --- | --- | --- | --- |",
        ]
        for spec in specs:
            cells = [
                spec["item_ref"],
                f"`{spec['field']}`",
                _cell(spec["description"]) or "(no description)",
                _returns_cell(spec["returns"]),
                _cell(spec[key]),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")


def render_mapping_document() -> str:
    """The Markdown document listing each model field with its SSD item_ref, and the gaps."""
    from django.apps import apps

    ssd = load_ssd_fields()
    rows = list(mapping_rows())
    gaps = unmapped_ssd_fields()
    derived = [spec for spec in gaps if spec["derivation"]]
    missing = [spec for spec in gaps if not spec["derivation"]]
    relevant = [spec for spec in ssd.values() if is_return_relevant(spec)]
    lines = [
        "# Sightline model fields and Standard Safeguarding Dataset item references",
        "",
        "This document is generated by `script/sightline reference ssd-map` from "
        "`SSD_ITEM_REFS` in `src/sightline/returns/ssd.py` and the SSD specification packaged "
        "in `src/sightline/reference/data/ssd/`. Do not edit it by hand: change the mapping and "
        "run the command again. A test fails when this file and the mapping disagree.",
        "",
        "Each row names a model field and the Standard Safeguarding Dataset (SSD) field it "
        "carries, by its `item_ref`, so a council's SSD extract imports without guesswork. "
        "A foreign key to a child carries the child's council ID (PERS001A, "
        "`ssd_person.pers_person_id`); any other mapped foreign key, and a mapped `id`, carries "
        'the SSD row ID of the record it names. "Used in returns" is the SSD\'s own list; '
        "Sightline produces the CIN census (CIN), the SSDA903 and Annex A (AnnexA).",
        "",
        f"- Model fields mapped: {len(rows)}, carrying {len({r.item_ref for r in rows})} "
        "SSD fields.",
        f"- SSD fields defined: {len(ssd)}; used in the CIN census, SSDA903 or Annex A: "
        f"{len(relevant)}.",
        f"- Of those, not carried by a model field: {len(gaps)} "
        f"({len(derived)} derived from fields Sightline holds, {len(missing)} not held).",
        "",
    ]
    for app_label in MAPPED_APPS:
        config = apps.get_app_config(app_label)
        app_rows = [row for row in rows if row.model.split(".")[0] == app_label]
        lines += [f"## {config.verbose_name} (`{app_label}`)", ""]
        if not app_rows:
            lines += [
                "No field in this app has an SSD counterpart: the SSD defines no table for "
                "these records.",
                "",
            ]
            continue
        lines += [
            "| Model field | item_ref | SSD table.field | Used in returns | Notes |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in app_rows:
            model_name = row.model.split(".")[1]
            key = f"{row.model}.{row.field}"
            lines.append(
                f"| `{model_name}.{row.field}` ({_cell(row.verbose_name)}) | {row.item_ref} "
                f"| `{row.ssd_field}` | {_returns_cell(row.returns)} "
                f"| {_cell(SSD_NOTES.get(key, ''))} |"
            )
        lines.append("")
    lines += ["## Item references held by more than one model field", ""]
    lines += ["| item_ref | SSD table.field | Model fields | Why |", "| --- | --- | --- | --- |"]
    for ref, reason in SHARED_ITEM_REFS.items():
        holders = ", ".join(f"`{key}`" for key, value in SSD_ITEM_REFS.items() if value == ref)
        spec = ssd[ref]
        lines.append(f"| {ref} | `{spec['table']}.{spec['field']}` | {holders} | {_cell(reason)} |")
    lines += [
        "",
        "## Return fields Sightline does not hold",
        "",
        "These SSD fields are used in the CIN census, SSDA903 or Annex A, but no Sightline model "
        "field carries them. An SSD import cannot keep them, and a return that needs them must "
        "derive them or leave them blank.",
        "",
        "### Not held",
        "",
    ]
    _gap_table(lines, missing, "Note", "note")
    lines += [
        "### Derived from fields Sightline holds",
        "",
        "No model field carries these, but each follows from fields Sightline does hold.",
        "",
    ]
    _gap_table(lines, derived, "Derived from", "derivation")
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def write_mapping_document(path: Path) -> Path:
    """Write the mapping document to `path` (creating its folder) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_mapping_document(), encoding="utf-8")
    return path
