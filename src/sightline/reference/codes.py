"""DfE code lists, read from the CIN census schema, the SSDA903 schema and code_lists.json.

`code_list("CIN_ethnicity")` gives an ordered {code: description} mapping. Model fields use
`choices_for(name)` (a callable, so changing a code list never needs a migration).
"""

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from . import DATA_DIR

XS = "{http://www.w3.org/2001/XMLSchema}"
CIN_XSD = DATA_DIR / "CIN_schema_2026.xsd"
SSDA903_YEARS = (2019, 2022, 2024, 2025, 2026)

# Our names for the CIN schema's simple types.
CIN_TYPES = {
    "CIN_sex": "sextype",
    "CIN_ethnicity": "ethnicitytype",
    "CIN_disability": "disabilitytype",
    "CIN_referral_source": "referralsourcetype",
    "CIN_category_of_abuse": "categoryofabusetype",
    "CIN_primary_need": "primaryneedcodetype",
    "CIN_reason_for_closure": "reasonforclosuretype",
    "CIN_assessment_factor": "assessmentfactorstype",
    "CIN_upn_unknown": "unknownupntype",
}
# Our names for SSDA903 (table, column) code lists; the latest year's schema applies.
SSDA903_FIELDS = {
    "903_reason_new_episode": ("episodes", "RNE"),
    "903_legal_status": ("episodes", "LS"),
    "903_category_of_need": ("episodes", "CIN"),
    "903_placement_type": ("episodes", "PLACE"),
    "903_placement_provider": ("episodes", "PLACE_PROVIDER"),
    "903_reason_episode_ceased": ("episodes", "REC"),
    "903_reason_placement_change": ("episodes", "REASON_PLACE_CHANGE"),
    "903_review_participation": ("reviews", "REVIEW_CODE"),
    "903_missing_type": ("missing", "MISSING"),
    "903_care_leaver_in_touch": ("oc3", "IN_TOUCH"),
    "903_care_leaver_activity": ("oc3", "ACTIV"),
    "903_care_leaver_accommodation": ("oc3", "ACCOM"),
    "903_sdq_reason": ("oc2", "SDQ_REASON"),
    "903_reason_placed_ceased": ("placed_adoption", "REASON_PLACED_CEASED"),
    "903_previous_permanence": ("prev_perm", "PREV_PERM"),
}


@cache
def _cin_schema() -> dict[str, dict[str, str]]:
    root = ET.parse(CIN_XSD).getroot()  # noqa: S314 - our own packaged copy of the DfE schema
    lists: dict[str, dict[str, str]] = {}
    for simple in root.iter(f"{XS}simpleType"):
        name = simple.get("name")
        if not name:
            continue
        values = {}
        for enum in simple.iter(f"{XS}enumeration"):
            doc = enum.find(f"{XS}annotation/{XS}documentation")
            values[enum.get("value")] = (doc.text or "").strip() if doc is not None else ""
        if values:
            lists[name] = values
    return lists


@cache
def _descriptions() -> dict:
    return json.loads((DATA_DIR / "code_lists.json").read_text(encoding="utf-8"))


@cache
def ssda903_schema() -> dict:
    """The SSDA903 column map with every year's published changes applied, oldest first."""
    base = yaml.safe_load((DATA_DIR / "SSDA903_schema_2017.yml").read_text(encoding="utf-8"))
    for year in SSDA903_YEARS:
        diff = yaml.safe_load(
            (DATA_DIR / f"SSDA903_schema_{year}.diff.yml").read_text(encoding="utf-8")
        )
        for dotted, change in (diff or {}).items():
            *parents, leaf = dotted.split(".")
            node = base
            for part in parents:
                node = node.setdefault(part, {})
            if change.get("type") == "remove":
                node.pop(leaf, None)
            else:
                node[leaf] = change["value"]
    return base["column_map"]


def _name_text(name) -> str:
    if isinstance(name, list):
        return str(name[0])
    return "" if name is None else str(name)


@cache
def code_list(name: str) -> dict[str, str]:
    """Ordered {code: description} for one of the names in CIN_TYPES or SSDA903_FIELDS."""
    if name in CIN_TYPES:
        values = dict(_cin_schema()[CIN_TYPES[name]])
        described = {
            "CIN_referral_source": "CIN_referralsourcetype",
            "CIN_category_of_abuse": "CIN_categoryofabuse",
            "CIN_primary_need": "CIN_primaryneedcodetype",
            "CIN_reason_for_closure": "CIN_reasonforclosuretype",
            "CIN_assessment_factor": "CIN_assessmentfactorstype",
        }.get(name)
        if described:
            for code, text in _descriptions()[described].items():
                if code in values:
                    values[code] = text.replace("&amp;", "&").strip().lstrip("(")
        return values
    if name in SSDA903_FIELDS:
        table, column = SSDA903_FIELDS[name]
        spec = ssda903_schema()[table][column]["category"]
        return {str(item["code"]).strip(): _name_text(item.get("name")) for item in spec}
    raise KeyError(f"No code list called {name!r}")


@cache
def _meanings() -> dict[str, dict[str, str]]:
    """What each code means where the reference pack gives the code alone (see the file), for
    people to read (`describe`, field choices); the returns read the codes as published."""
    text = (Path(__file__).parent / "code_meanings.yml").read_text(encoding="utf-8")
    return {
        name: {str(code): str(meaning) for code, meaning in codes.items()}
        for name, codes in yaml.safe_load(text).items()
    }


def describe(name: str, code: str | None) -> str:
    """'N1 Abuse or neglect' for display; the bare code when the list has no description."""
    if not code:
        return ""
    text = code_list(name).get(code, "") or _meanings().get(name, {}).get(code, "")
    return f"{code} {text}".strip() if text and text != code else code


def _make_choices(name: str) -> Callable[[], list[tuple[str, str]]]:
    def choices() -> list[tuple[str, str]]:
        return [(code, describe(name, code)) for code in code_list(name)]

    choices.__name__ = choices.__qualname__ = f"choices_{name}"
    return choices


# Module-level functions, one per code list, so migrations can refer to them by name.
for _name in (*CIN_TYPES, *SSDA903_FIELDS):
    globals()[f"choices_{_name}"] = _make_choices(_name)


def choices_for(name: str) -> Callable[[], list[tuple[str, str]]]:
    """The choices callable for a code list (a callable keeps code lists out of migrations)."""
    return globals()[f"choices_{name}"]
