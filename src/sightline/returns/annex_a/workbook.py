"""Reading a council's Annex A workbook: which sheet is which list, which column is which
Annex A column, and each row's cells by canonical header.

Councils rename sheets ("List 3 - Referrals", "L3", "Referrals"), put title rows above the
headers, spell headers their own way and leave formulas in cells. So: a sheet is matched by its
list number, else by the list's subject (`schema.list_for_sheet`); the header row is the row
among the first ten that names most Annex A columns; headers are matched exactly (case,
spacing, quotes aside) or by the schema's header patterns; a formula is read as the value Excel
last calculated for it (a formula never calculated reads as blank); an Excel error such as
#N/A reads as blank. A file that is not an .xlsx workbook, or has no Annex A sheet, or has two
sheets for one list, is refused.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .schema import AnnexList, annex_a_lists, list_for_sheet, match_headers

HEADER_SEARCH_ROWS = 10
EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA"}


@dataclass
class SheetRow:
    list_number: int
    sheet: str  # the sheet's name in the file
    row: int  # the Excel row number
    cells: dict[str, object]  # canonical header -> value (None when blank)


@dataclass
class SheetReading:
    list_number: int
    sheet: str
    header_row: int | None
    columns: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@dataclass
class WorkbookReading:
    rows: list[SheetRow] = field(default_factory=list)
    sheets: dict[int, SheetReading] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    excel_errors: Counter = field(default_factory=Counter)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def _clean(value: object, errors: Counter, where: str) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if value.upper() in EXCEL_ERRORS:
            errors[where] += 1
            return None
    return value


def _header_row(annex: AnnexList, first_rows: list[tuple]) -> tuple[int | None, dict[str, int]]:
    best: tuple[int | None, dict[str, int]] = (None, {})
    for index, values in enumerate(first_rows, start=1):
        found = match_headers(annex, list(values))
        if len(found) > len(best[1]):
            best = (index, found)
    return best


def read_workbook(path: Path) -> WorkbookReading:
    """Every row of every Annex A sheet in `path`; raises ValidationError (on "file") when the
    file cannot be read as an Annex A workbook."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise _refuse(f"{path} cannot be read: there is no such file.") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refuse(
            f"{path.name} is not an Annex A workbook: it cannot be read as an .xlsx file "
            f"({error.__class__.__name__})."
        ) from None
    reading = WorkbookReading()
    lists = annex_a_lists()
    try:
        claimed: dict[int, str] = {}
        for ws in wb.worksheets:
            number = list_for_sheet(ws.title)
            if number is None:
                reading.notes.append(f"Sheet {ws.title!r} is not an Annex A list: not read.")
                continue
            if number in claimed:
                raise _refuse(
                    f"{path.name} has two sheets for {lists[number].sheet_name}: "
                    f"{claimed[number]!r} and {ws.title!r}. Remove one and load it again."
                )
            claimed[number] = ws.title
            _read_sheet(ws, lists[number], reading)
        if not claimed:
            raise _refuse(
                f"{path.name} is not an Annex A workbook: none of its sheets is an Annex A list "
                "(List 1 to List 11)."
            )
    finally:
        wb.close()
    return reading


def _read_sheet(ws, annex: AnnexList, reading: WorkbookReading) -> None:
    first = list(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True))
    header_row, columns = _header_row(annex, first)
    sheet = SheetReading(annex.number, ws.title, header_row, columns)
    reading.sheets[annex.number] = sheet
    if header_row is None:
        reading.notes.append(
            f"Sheet {ws.title!r} ({annex.sheet_name}): no row of Annex A column headers in its "
            f"first {HEADER_SEARCH_ROWS} rows: not read."
        )
        return
    headers = first[header_row - 1]
    sheet.missing = [h for h in annex.headers if h not in columns]
    used = set(columns.values())
    sheet.unknown = [
        str(h) for i, h in enumerate(headers) if i not in used and h is not None and str(h).strip()
    ]
    if sheet.missing:
        reading.notes.append(
            f"Sheet {ws.title!r} ({annex.sheet_name}) has no column for: "
            + "; ".join(sheet.missing)
            + "."
        )
    if sheet.unknown:
        reading.notes.append(
            f"Sheet {ws.title!r} ({annex.sheet_name}): columns that are not Annex A columns were "
            "not read: " + "; ".join(sheet.unknown) + "."
        )
    for number, values in enumerate(
        ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        cells: dict[str, object] = {}
        for header, index in columns.items():
            raw = values[index] if index < len(values) else None
            cells[header] = _clean(raw, reading.excel_errors, ws.title)
        if all(v is None for v in cells.values()):
            continue
        reading.rows.append(SheetRow(annex.number, ws.title, number, cells))
