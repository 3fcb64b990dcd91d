"""Exporting Annex A: the schema's sheet names and headers, real dates shown dd/mm/yyyy, values
in Annex A's wording, byte-identical files for the same records, and an audit event."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from openpyxl import load_workbook

from sightline.access.models import AuditEvent
from sightline.people.models import Allocation, Worker
from sightline.returns.annex_a import export_annex_a
from sightline.returns.annex_a.export import build_rows
from sightline.returns.annex_a.sample import build_sample
from sightline.returns.annex_a.schema import annex_a_lists
from sightline.testing.factories import WorkerFactory

AS_AT = date(2025, 9, 30)


@pytest.fixture
def sample(db):
    return build_sample(AS_AT)


def _workbook(path: Path):
    return load_workbook(path)


def _rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    headers = values[0]
    return [dict(zip(headers, row, strict=False)) for row in values[1:]]


def test_sheets_and_headers_are_the_schemas_canonical_ones_in_its_order(sample, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    export_annex_a(AS_AT, path)
    wb = _workbook(path)
    lists = annex_a_lists()
    assert wb.sheetnames == [f"List {n}" for n in range(1, 12)]
    for annex in lists.values():
        header = next(wb[annex.sheet_name].iter_rows(max_row=1, values_only=True))
        assert header == annex.headers, annex.sheet_name


def test_lists_with_no_records_still_carry_their_headers(sample, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    export_annex_a(AS_AT, path)
    adopters = _workbook(path)["List 11"]
    assert adopters.max_row == 1
    assert adopters["A1"].value == "Individual adopter identifier"


def test_dates_are_real_excel_dates_shown_day_month_year(sample, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    export_annex_a(AS_AT, path)
    ws = _workbook(path)["List 3"]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=headers.index("Date of referral") + 1)
    assert isinstance(cell.value, datetime)
    assert cell.number_format == "dd/mm/yyyy"
    born = ws.cell(row=2, column=headers.index("Date of Birth") + 1)
    assert born.is_date and born.number_format == "dd/mm/yyyy"


def test_values_are_written_in_annex_a_wording(sample, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    export_annex_a(AS_AT, path)
    wb = _workbook(path)
    (contact,) = [r for r in _rows(wb["List 1"]) if r["Child Unique ID"] == "AX1"]
    assert contact["Gender"] == "b) Female"
    assert contact["Ethnicity"] == "a) WBRI"
    assert contact["Contact Source"] == "e) 2A: Schools"
    assert contact["Age of Child (Years)"] == 10
    (plan,) = _rows(wb["List 7"])
    assert plan["Initial Category of Abuse"] == "b) Physical Abuse"
    assert plan["Latest Category of Abuse"] == "e) Multiple"
    assert plan["Was the Child Seen Alone?"] == "a) Yes"
    assert plan["Does the Child have a Disability"] == "b) No"
    (care,) = [r for r in _rows(wb["List 8"]) if r["Child Unique ID"] == "AX3"]
    assert care["Child's Legal Status"] == "C2: FCO"
    assert care["Placement Type"] == "d) U4: Foster placement - long term"
    assert care["Placement Provider"] == "b) PR1: Own provision"
    assert care["Does the Child have a Disability"] == "c) Unknown"
    referrals = {r["Referral NFA?"] for r in _rows(wb["List 3"]) if r["Child Unique ID"] == "AX2"}
    assert referrals == {"a) Yes"}


def test_list_columns_are_worked_out_from_the_records(sample, tmp_path):
    rows = build_rows(AS_AT)
    lists = annex_a_lists()

    def row(number, child):
        (found,) = [r for r in rows[number] if r[0] == child]
        return dict(zip(lists[number].headers, found, strict=True))

    a = row(6, "AX1")
    assert a["Case Status"] == "b) Child Protection plan"
    assert a["Allocated Worker"] == "Rowan Example"
    assert a["Allocated Team"] == "Annex A Safeguarding Team"
    care = row(8, "AX3")
    # Started in care 20 months ago; the care order came 15 months ago; the placement 3.
    assert care["Date Started to be Looked After"] == date(2024, 1, 30)
    assert care["Start date of current legal status"] == date(2024, 6, 30)
    assert care["Start Date of Most Recent Placement"] == date(2025, 6, 30)
    assert care["Number of Placements in the Last 12 months"] == 2
    missing = annex_a_lists()[8].headers[28]
    offered = annex_a_lists()[8].headers[30]
    assert (care[missing], care[offered]) == (1, "a) Yes")
    leaver = row(9, "AX4")
    assert leaver["Eligibility Category"] == "b) Former relevant child"
    assert leaver["Allocated Personal Advisor"] == "Sam Adviser"
    assert leaver["Type of Accommodation"] == "k) Independent living"
    assert leaver["Suitability of Accommodation"] == "a) Suitable"
    assert leaver["LA in Touch"] == "a) Yes"
    adoption = row(10, "AX5")
    assert adoption["Date the Child Entered Care"] == date(2024, 10, 30)
    fostering = annex_a_lists()[10].headers[15]
    assert adoption[fostering] == date(2024, 10, 30)
    closed = row(6, "AX2")
    assert closed["Case Status"] == "e) Closed episode"
    assert closed["Reason for Closure"] == (
        "RC7 - Services ceased for any other reason, including child no longer in need"
    )


def test_the_same_records_give_byte_identical_files(sample, tmp_path):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    with freeze_time("2025-10-01 09:00:00"):
        export_annex_a(AS_AT, first)
    with freeze_time("2025-11-02 17:45:31"):
        export_annex_a(AS_AT, second)
    assert first.read_bytes() == second.read_bytes()
    props = load_workbook(first, read_only=True).properties
    assert props.created == props.modified == datetime(2025, 9, 30)


def test_a_changed_record_changes_the_file(sample, tmp_path):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    export_annex_a(AS_AT, first)
    child = sample.children["AX1"]
    child.ethnicity = "WIRI"
    child.save()
    export_annex_a(AS_AT, second)
    assert first.read_bytes() != second.read_bytes()


def test_each_export_writes_one_audit_event(sample, tmp_path):
    before = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count()
    summary = export_annex_a(AS_AT, tmp_path / "annex-a.xlsx")
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT)
    assert events.count() == before + 1
    event = events.first()
    assert event.detail["return"] == "Annex A"
    assert event.detail["as_at"] == "2025-09-30"
    assert event.detail["rows"]["List 8"] == summary.rows[8] == 3
    assert "as at 30/09/2025" in event.summary


def test_an_as_at_date_in_the_future_is_refused_and_nothing_written(db, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    with freeze_time("2025-09-30 12:00:00"), pytest.raises(ValidationError) as refused:
        export_annex_a(date(2025, 10, 1), path)
    assert "as-at date" in str(refused.value)
    assert not path.exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()


def test_a_social_worker_exports_only_the_children_allocated_to_them(sample):
    worker = WorkerFactory(role=Worker.Role.SOCIAL_WORKER)
    Allocation.objects.create(
        child=sample.children["AX3"], worker=worker, team=worker.team, start_date=date(2025, 1, 6)
    )
    listed = {row[0] for rows in build_rows(AS_AT, user=worker.user).values() for row in rows}
    assert listed == {"AX3"}
    nobody = WorkerFactory(role=Worker.Role.SOCIAL_WORKER)
    assert all(rows == [] for rows in build_rows(AS_AT, user=nobody.user).values())


def test_a_council_with_no_records_gets_every_list_with_its_headers_only(db, tmp_path):
    path = tmp_path / "empty.xlsx"
    summary = export_annex_a(AS_AT, path)
    assert summary.children == 0
    wb = _workbook(path)
    assert [wb[name].max_row for name in wb.sheetnames] == [1] * 11


def test_previous_plans_count_plans_held_elsewhere_too(sample):
    from sightline.protection.models import ChildProtectionPlan

    lists = annex_a_lists()

    def previous() -> int:
        (found,) = build_rows(AS_AT)[7]
        return dict(zip(lists[7].headers, found, strict=True))[
            "Number of Previous Child Protection Plans"
        ]

    held = previous()
    ChildProtectionPlan.objects.update(previous_plans_elsewhere=2)
    assert previous() == held + 2
