"""Values in Annex A cells: Sightline's DfE codes written the way Annex A asks, and a council's
many spellings read back into those codes.

Sightline holds the DfE code (ethnicity WBRI, referral source 1A, legal status C2, ...). Annex A
groups some of those codes into broader values ("a) White", "a) Individual", "e) Accommodated
under S20"). So, for each coded column:

- Export. Where every code has a value of its own in the schema's grouping (gender, primary
  need, category of abuse, ...), the canonical Annex A value is written. Where the grouping
  merges codes (ethnicity, referral source, placement type, reason care ceased, ...), the
  whole column is written in the detailed spelling the schema lists for that code, in Ofsted's
  lettered form where there is one ("a) WBRI", "q) 6: Police", "f) U6: Foster placement - not
  FFA"): it still reads as the right group to anyone using the schema, and nothing is lost. A
  code newer than the schema (none of its spellings name it) is written as the bare code.
- Import. A cell is read as: the DfE code itself; a spelling that starts with it ("N1 - Abuse
  or neglect", "(RD1) The child's needs changed", "a) WBRI"); the DfE description ("Police",
  "Physical abuse"); and, last, any spelling the schema lists, when the group it names can only
  mean one Sightline code. A value that names a group of several codes ("a) White") is not
  guessed: the report says which codes it could be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from sightline.reference.codes import code_list

from .schema import Column, annex_list, normalise

ZZ = "zzCodeError"
_PREFIX = re.compile(r"^\s*[a-z]\)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"^[\(\[]?\s*([A-Za-z0-9]+)\s*[\)\]]?(?=$|[\s:\-\u2013.,)\]=])")

YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"


@dataclass(frozen=True)
class Reading:
    """What a cell holds: the Sightline code, or why it cannot be read."""

    code: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Coding:
    """One coded Annex A column and the DfE code list Sightline keeps it in."""

    list_number: int
    header: str
    codes: tuple[str, ...]
    descriptions: dict[str, str] = field(default_factory=dict, compare=False)
    # Annex A values that mean exactly one Sightline code but carry no spelling of it.
    extra_groups: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def column(self) -> Column:
        return annex_list(self.list_number).column(self.header)

    # -- reading ------------------------------------------------------------------------------

    def _exact(self, value: object) -> str | None:
        """The code the cell names itself (code, code-first spelling or DfE description)."""
        text = str(value).strip()
        if not text:
            return None
        upper, described = _code_keys(self)
        stripped = _PREFIX.sub("", text)
        for candidate in (text, stripped):
            if candidate.upper() in upper:
                return upper[candidate.upper()]
        # The code at the start of a spelling: "N1 - Abuse or neglect", "(RD1) The child's ...".
        # Only after a lettered prefix is removed: "b) Community home" is not code B.
        match = _TOKEN.match(stripped)
        if match and match.group(1).upper() in upper:
            return upper[match.group(1).upper()]
        return described.get(normalise(stripped))

    def read(self, value: object) -> Reading:
        if value is None or str(value).strip() == "":
            return Reading(None)
        code = self._exact(value)
        if code is not None:
            return Reading(code)
        group = self.column.category_of(value)
        if group is None:
            return Reading(None, f"{str(value)!r} is not a value Annex A allows here")
        members = self.group_members().get(group, ())
        if len(members) == 1:
            return Reading(members[0])
        if group == ZZ:
            return Reading(None, f"{str(value)!r} is a code Annex A marks as an error")
        named = (
            f"{str(value)!r}"
            if normalise(value) == normalise(group)
            else (f"{str(value)!r} (Annex A's {group.strip()!r})")
        )
        if members:
            codes = ", ".join(members)
            return Reading(
                None, f"{named} could be any of the DfE codes {codes}: give the code itself"
            )
        return Reading(None, f"{named} is not in the DfE code list Sightline holds")

    # -- the schema's grouping of Sightline's codes -------------------------------------------

    def spellings_for(self, code: str) -> list[str]:
        """Every schema spelling (and canonical value) that names `code`, best first."""
        return [text for text, _group in _spelling_index(self).get(code, ())]

    def group_of(self, code: str) -> str | None:
        found = _spelling_index(self).get(code, ())
        return found[0][1] if found else None

    def group_members(self) -> dict[str, tuple[str, ...]]:
        return _group_members(self)

    def lossless_groups(self) -> bool:
        """Whether each code has an Annex A value of its own (so the canonical value is exact)."""
        groups = [self.group_of(code) for code in self.codes]
        return all(g is not None and g != ZZ for g in groups) and len(set(groups)) == len(groups)

    # -- writing ------------------------------------------------------------------------------

    def export(self, code: str | None) -> str | None:
        if not code:
            return None
        return _export_values(self).get(code, code)


@cache
def _code_keys(coding: Coding) -> tuple[dict[str, str], dict[str, str]]:
    """({CODE: code}, {normalised description or "code description": code})."""
    upper = {c.upper(): c for c in coding.codes}
    described: dict[str, str] = {}
    for code, words in coding.descriptions.items():
        for form in (words, f"{code} {words}", f"{code} - {words}", f"{code}: {words}"):
            described.setdefault(normalise(form), code)
    return upper, described


def _rank(coding: Coding, text: str, code: str, letter: str) -> tuple[int, int]:
    """How good a spelling of `code` is to write: Ofsted's lettered form ("a) WBRI") first
    (preferring the letter of the code's place in the DfE list), then the DfE wording ("RC1 -
    Adopted"), then "CODE: ...", "CODE - ...", anything else starting with the code, the rest."""
    stripped = _PREFIX.sub("", text)
    token = _TOKEN.match(stripped)
    starts_with_code = bool(token) and token.group(1).upper() == code.upper()
    if starts_with_code and stripped != text:
        rank = 0
    elif starts_with_code and _code_keys(coding)[1].get(normalise(stripped)) == code:
        rank = 1
    elif re.match(rf"^{re.escape(code)}\s*:", stripped, re.IGNORECASE):
        rank = 2
    elif re.match(rf"^{re.escape(code)}\s+-", stripped, re.IGNORECASE):
        rank = 3
    elif starts_with_code:
        rank = 4
    else:
        rank = 5
    return rank, 0 if text[:2].lower() == f"{letter})" else 1


@cache
def _spelling_index(coding: Coding) -> dict[str, tuple[tuple[str, str], ...]]:
    """{code: ((spelling, canonical value), ...) best first} over the column's categories.

    A code's own Annex A value (its "home") is the one whose canonical value names it, else the
    one listing most of its spellings: councils' spellings are sometimes filed under a
    neighbouring value ("RC8 School Leaving Age" under "Other"), and must not move the code.
    """
    found: dict[str, list[tuple[str, str, int]]] = {}
    homes: dict[str, str] = {}
    position = 0
    for category in coding.column.categories:
        named = coding._exact(category.code)
        if named is not None:
            homes.setdefault(named, category.code)
        for spelling in (*category.spellings, category.code):
            position += 1
            code = coding._exact(spelling)
            if code is not None:
                found.setdefault(code, []).append((spelling.strip(), category.code, position))
    letters = {code: chr(ord("a") + i) if i < 26 else "" for i, code in enumerate(coding.codes)}
    index: dict[str, tuple[tuple[str, str], ...]] = {}
    for code, items in found.items():
        tally: dict[str, int] = {}
        for _, group, _ in items:
            tally[group] = tally.get(group, 0) + 1
        home = homes.get(code) or max(tally, key=lambda g: (tally[g], -_first(items, g)))
        ranked = sorted(
            items,
            key=lambda item: (
                item[1] != home,
                *_rank(coding, item[0], code, letters[code]),
                item[2],
            ),
        )
        index[code] = tuple((text, group) for text, group, _ in ranked)
    return index


def _first(items: list[tuple[str, str, int]], group: str) -> int:
    return min(position for _, g, position in items if g == group)


@cache
def _group_members(coding: Coding) -> dict[str, tuple[str, ...]]:
    members: dict[str, list[str]] = {}
    for code in coding.codes:
        group = coding.group_of(code)
        if group is not None:
            members.setdefault(group, []).append(code)
    for group, code in coding.extra_groups.items():
        members.setdefault(group, []).append(code)
    return {group: tuple(dict.fromkeys(codes)) for group, codes in members.items()}


@cache
def _export_values(coding: Coding) -> dict[str, str]:
    canonical = coding.lossless_groups()
    values: dict[str, str] = {}
    for code in coding.codes:
        if canonical:
            values[code] = coding.group_of(code) or code
        else:
            spellings = coding.spellings_for(code)
            values[code] = spellings[0] if spellings else code
    return values


def _dfe(name: str) -> tuple[tuple[str, ...], dict[str, str]]:
    codes = code_list(name)
    return tuple(codes), {code: text for code, text in codes.items() if text}


def _coding(list_number: int, header: str, list_name: str, **extra) -> Coding:
    codes, descriptions = _dfe(list_name)
    return Coding(list_number, header, codes, descriptions, **extra)


@cache
def codings() -> dict[str, Coding]:
    """Every coded column Sightline writes or reads, by a short name."""
    accommodation_types = tuple(
        dict.fromkeys(code[0] for code in code_list("903_care_leaver_accommodation") if code != "0")
    )
    return {
        "gender": _coding(
            1,
            "Gender",
            "CIN_sex",
            extra_groups={"d) Neither": "U", "a) Male / d) Neither ": "M"},
        ),
        "ethnicity": _coding(1, "Ethnicity", "CIN_ethnicity"),
        "contact_source": _coding(1, "Contact Source", "CIN_referral_source"),
        "referral_source": _coding(3, "Referral Source", "CIN_referral_source"),
        "primary_need": _coding(6, "Primary Need Code", "CIN_primary_need"),
        "closure_reason": _coding(6, "Reason for Closure", "CIN_reason_for_closure"),
        "initial_category": _coding(7, "Initial Category of Abuse", "CIN_category_of_abuse"),
        "latest_category": _coding(7, "Latest Category of Abuse", "CIN_category_of_abuse"),
        "category_of_need": _coding(8, "Child's Category of Need", "903_category_of_need"),
        "legal_status": _coding(8, "Child's Legal Status", "903_legal_status"),
        "placement_type": _coding(8, "Placement Type", "903_placement_type"),
        "placement_provider": _coding(8, "Placement Provider", "903_placement_provider"),
        "reason_ceased": _coding(
            8, "Reason Ceased to be Looked After", "903_reason_episode_ceased"
        ),
        "in_touch": _coding(9, "LA in Touch", "903_care_leaver_in_touch"),
        "activity": _coding(9, "Activity Status", "903_care_leaver_activity"),
        "accommodation_type": Coding(9, "Type of Accommodation", accommodation_types),
        "reason_placed_ceased": _coding(
            10, "Reason Why Child No Longer Placed for Adoption", "903_reason_placed_ceased"
        ),
    }


def coding(name: str) -> Coding:
    return codings()[name]


# -- yes / no ---------------------------------------------------------------------------------

_YES_NO = {"Yes": True, "No": False, "Unknown": None}


def yes_no(value: bool | None, *, unknown: bool = False) -> str | None:
    """'a) Yes' / 'b) No'; None is 'c) Unknown' where the column has that value, else blank."""
    if value is None:
        return UNKNOWN if unknown else None
    return YES if value else NO


def read_yes_no(column: Column, value: object) -> tuple[bool | None, str | None]:
    """(True / False / None for unknown or blank, problem)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return value, None
    group = column.category_of(value)
    if group in _YES_NO:
        return _YES_NO[group], None
    return None, f"{str(value)!r} is not yes or no"


# -- care leavers' accommodation: one SSDA903 code, two Annex A columns ----------------------

SUITABLE, NOT_SUITABLE = "a) Suitable", "b) Not suitable"


def split_accommodation(code: str | None) -> tuple[str | None, str | None]:
    """SSDA903 'U1' -> (Annex A type of accommodation, suitability)."""
    if not code or code == "0":
        return None, None
    kind = coding("accommodation_type").export(code[0])
    suitability = {"1": SUITABLE, "2": NOT_SUITABLE}.get(code[1:])
    return kind, suitability


def read_suitability(column: Column, value: object) -> tuple[str | None, str | None]:
    """('1' suitable / '2' not suitable / None, problem)."""
    if value is None or not str(value).strip():
        return None, None
    group = column.category_of(value)
    if group == SUITABLE:
        return "1", None
    if group == "b) Not suitable":
        return "2", None
    if group is not None:
        return None, None
    return None, f"{str(value)!r} is not 'suitable' or 'not suitable'"
