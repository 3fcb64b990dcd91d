"""Ofsted's Annex A as the reference schema describes it: the 11 lists, their canonical sheet
names and column headers, and every spelling councils use for each value.

The schema (`Annex_A_schema.yml`, from the LIIA tools pipeline) is read at run time from the
packaged reference data, never retyped. For each list it gives the columns in order; for each
column its type (string, date, numeric or category), whether it may be blank, patterns that
recognise the header as councils write it, and, for a category, the canonical value with the
many spellings (and patterns) that mean it.

Two quirks of the file are handled here rather than copied into the code that uses it:
- YAML 1.1 reads an unquoted `Yes`/`No` as a boolean, so the loader below keeps them as text
  (only true/false are booleans), which makes the yes/no categories read "Yes", "No", "Unknown".
- A header pattern is written `/regex/flags`; one entry carries stray text after the flags
  (a YAML anchor swallowed into the string), which the parser ignores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from sightline.reference import DATA_DIR

SCHEMA_FILE = "Annex_A_schema.yml"

# The subject of each list, for messages and for recognising sheets a council has renamed.
LIST_TITLES: dict[int, str] = {
    1: "Contacts",
    2: "Early help",
    3: "Referrals",
    4: "Assessments",
    5: "Section 47 enquiries",
    6: "Children in need",
    7: "Child protection",
    8: "Children in care",
    9: "Care leavers",
    10: "Adoption",
    11: "Adopters",
}

# Words in a sheet name that say which list it is when the name has no list number. Checked in
# this order: the more specific phrase first ("early help assessment" before "assessment").
_SHEET_WORDS: tuple[tuple[str, int], ...] = (
    ("adopter", 11),
    ("adoption", 10),
    ("care leaver", 9),
    ("leaving care", 9),
    ("early help", 2),
    ("contact", 1),
    ("referral", 3),
    ("section 47", 5),
    ("s47", 5),
    ("child protection", 7),
    ("looked after", 8),
    ("in care", 8),
    ("cla", 8),
    ("children in need", 6),
    ("child in need", 6),
    ("cin", 6),
    ("assessment", 4),
)
# Headers councils write that the schema's patterns do not catch: the CIN census says "Sex"
# where Annex A says "Gender", and "DOB" is everywhere. Kept short: the schema is the source.
EXTRA_HEADERS: dict[str, str] = {
    "sex": "Gender",
    "dob": "Date of Birth",
    "d.o.b.": "Date of Birth",
    "d.o.b": "Date of Birth",
}
_LIST_NUMBER = re.compile(r"^\s*(?:list|l)\s*[-_.:]?\s*0*(\d{1,2})(?!\d)", re.IGNORECASE)
_PATTERN = re.compile(r"^/(.*)/([a-z]*)")


def normalise(text: object) -> str:
    """How a header or a value is compared: case, spacing, curly quotes and dashes ignored."""
    value = str(text)
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        value = value.replace(curly, plain)
    for dash in ("\u2013", "\u2014"):
        value = value.replace(dash, "-")
    return " ".join(value.replace("\xa0", " ").split()).casefold()


def _pattern(text: str) -> re.Pattern | None:
    """A schema pattern `/regex/i` as a compiled regex (None when it is not one)."""
    match = _PATTERN.match(str(text).strip())
    if not match:
        return None
    flags = re.IGNORECASE if "i" in match.group(2) else 0
    try:
        return re.compile(match.group(1), flags)
    except re.error:
        return None


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    """YAML with only true/false as booleans: `No` and `Yes` stay the words the schema means."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class Category:
    """One canonical value of a category column and the spellings that mean it."""

    code: str
    spellings: tuple[str, ...]
    patterns: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # "string", "date", "numeric" or "category"
    can_be_blank: bool
    header_patterns: tuple[re.Pattern, ...] = ()
    categories: tuple[Category, ...] = ()
    string_kind: str = ""  # "alphanumeric", "postcode", ...
    _lookup: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def category_of(self, value: object) -> str | None:
        """The canonical value a cell means, or None when the schema does not know it."""
        if value is None:
            return None
        key = normalise(value)
        if not key:
            return None
        if key in self._lookup:
            return self._lookup[key]
        for category in self.categories:
            for pattern in category.patterns:
                if pattern.search(str(value)):
                    return category.code
        return None

    def matches_header(self, header: object) -> bool:
        return any(p.search(str(header)) for p in self.header_patterns)


@dataclass(frozen=True)
class AnnexList:
    number: int
    columns: tuple[Column, ...]

    @property
    def sheet_name(self) -> str:
        """The canonical sheet name: "List 1" to "List 11"."""
        return f"List {self.number}"

    @property
    def title(self) -> str:
        return LIST_TITLES[self.number]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def column(self, header: str) -> Column:
        for c in self.columns:
            if c.header == header:
                return c
        raise KeyError(f"{self.sheet_name} has no column {header!r}")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _column(header: str, spec: dict) -> Column:
    kind = next((k for k in ("category", "date", "numeric", "string") if k in spec), "string")
    blank = spec.get("canbeblank", True)
    can_be_blank = blank if isinstance(blank, bool) else str(blank).strip().lower() != "false"
    patterns = tuple(p for p in map(_pattern, _as_list(spec.get("header_regex"))) if p)
    categories: list[Category] = []
    lookup: dict[str, str] = {}
    for item in _as_list(spec.get("category")):
        code = str(item["code"])
        spellings = tuple(str(n) for n in _as_list(item.get("name")))
        cell = tuple(p for p in map(_pattern, _as_list(item.get("cell_regex"))) if p)
        categories.append(Category(code, spellings, cell))
        # The canonical value first, so a spelling listed under two values reads as its own.
        lookup.setdefault(normalise(code), code)
    for category in categories:
        for spelling in category.spellings:
            lookup.setdefault(normalise(spelling), category.code)
    return Column(
        header=header,
        kind=kind,
        can_be_blank=can_be_blank,
        header_patterns=patterns,
        categories=tuple(categories),
        string_kind=str(spec.get("string", "")) if kind == "string" else "",
        _lookup=lookup,
    )


def schema_path() -> Path:
    return DATA_DIR / SCHEMA_FILE


@cache
def annex_a_lists() -> dict[int, AnnexList]:
    """Every list of the schema, by number (1 to 11)."""
    path = schema_path()
    if not path.exists():
        raise FileNotFoundError(
            f"The Annex A schema is not in the packaged reference data ({path}): run "
            "`sightline reference sync` to copy it from the shared reference folder."
        )
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)  # noqa: S506 - a safe loader (see _Loader)
    lists: dict[int, AnnexList] = {}
    for key, columns in data["column_map"].items():
        number = int(str(key).rsplit("_", 1)[1])
        lists[number] = AnnexList(
            number, tuple(_column(str(header), spec or {}) for header, spec in columns.items())
        )
    return dict(sorted(lists.items()))


def annex_list(number: int) -> AnnexList:
    return annex_a_lists()[number]


def list_for_sheet(name: str) -> int | None:
    """Which list a sheet is, from its name ("List 3", "L3 Referrals", "Referrals"), or None."""
    match = _LIST_NUMBER.match(name)
    if match:
        number = int(match.group(1))
        return number if number in LIST_TITLES else None
    key = normalise(name)
    for words, number in _SHEET_WORDS:
        if re.search(rf"(?<![a-z]){re.escape(words)}", key):
            return number
    return None


def match_headers(annex: AnnexList, headers: list[object]) -> dict[str, int]:
    """{canonical header: column index} for a sheet's header row.

    A header the council wrote exactly (case, spacing and quotes aside) is matched first, then
    the few common spellings in `EXTRA_HEADERS`; the schema's header patterns then place the
    rest, so a pattern never takes a column that another header names exactly. Each column is
    used once.
    """
    found: dict[str, int] = {}
    used: set[int] = set()
    written = [normalise(h) if h is not None else "" for h in headers]
    for column in annex.columns:
        key = normalise(column.header)
        for i, text in enumerate(written):
            if i not in used and text == key:
                found[column.header] = i
                used.add(i)
                break
    for i, text in enumerate(written):
        header = EXTRA_HEADERS.get(text)
        if i not in used and header in annex.headers and header not in found:
            found[header] = i
            used.add(i)
    for column in annex.columns:
        if column.header in found or not column.header_patterns:
            continue
        for i, header in enumerate(headers):
            if i not in used and header is not None and column.matches_header(header):
                found[column.header] = i
                used.add(i)
                break
    return found
