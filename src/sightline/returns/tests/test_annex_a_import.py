"""Importing an Annex A workbook: one transaction, a child's rows loaded together or not at
all, every rejection naming the sheet, row, child and column, councils' spellings understood,
and a file that is not an Annex A workbook refused."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from sightline.access.models import AuditEvent
from sightline.assessments.models import Assessment
from sightline.care.models import AdoptionProcess, CareEpisode, HealthCheck
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact
from sightline.leaving_care.models import CareLeaverContact, PathwayPlan
from sightline.people.models import Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    InitialChildProtectionConference,
    Section47Enquiry,
)
from sightline.returns.annex_a import import_annex_a
from sightline.returns.annex_a.schema import annex_list
from sightline.testing.factories import ChildFactory
from sightline.testing.samples import shared_sample


def _row(number: int, **values) -> list:
    """A row of list `number` in the schema's column order, from {header: value}."""
    headers = annex_list(number).headers
    unknown = set(values) - set(headers)
    assert not unknown, unknown
    return [values.get(h) for h in headers]


CHILD = {
    "Gender": "b) Female",
    "Ethnicity": "a) WBRI",
    "Date of Birth": datetime(2014, 3, 2),
    "Age of Child (Years)": 11,
}


def _write(tmp_path: Path, sheets: dict[str, list[list]], name: str = "annex.xlsx") -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def _list(number: int, *rows: list) -> list[list]:
    return [list(annex_list(number).headers), *rows]


def _referral(child_id: str, day: datetime, source: str = "q) 6: Police", nfa: str = "b) No"):
    return _row(
        3,
        **{"Child Unique ID": child_id, **CHILD},
        **{"Date of referral": day, "Referral Source": source, "Referral NFA?": nfa},
        **{"Number of Referrals in Last 12 Months": 0},
    )


def _plan(child_id: str, start: datetime, category: str = "a) Neglect", **extra):
    return _row(
        7,
        **{"Child Unique ID": child_id, **CHILD},
        **{
            "Child Protection Plan Start Date": start,
            "Initial Category of Abuse": category,
            "Latest Category of Abuse": category,
        },
        **extra,
    )


# -- the sample workbooks -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["annex_a_sample_a.xlsx", "annex_a_sample_b.xlsx"])
def test_both_sample_workbooks_import_with_their_problems_reported_and_nothing_half_loaded(name):
    report = import_annex_a(shared_sample(name))
    assert report.children_loaded == 15
    assert len(report.rejected_children) == 28
    expected = {
        ("List 8", 3, "1373595", "Placement postcode", "'nope' is not a UK postcode"),
        ("List 1", 3, "11973218", "Date of Birth", "blank: a new child needs a date of birth"),
        ("List 8", 4, "14065184", "Ethnicity", "blank: a new child needs their ethnicity"),
    }
    found = {(r.sheet, r.row, r.child_id, r.column, r.problem) for r in report.rejections}
    assert expected <= found
    assert any(
        r.child_id == "10414520" and r.column == "Date of Birth" and "disagrees" in r.problem
        for r in report.rejections
    )
    # Nothing half-loaded: no rejected child exists at all; every loaded child does.
    rejected = set(report.rejected_children)
    assert not Child.objects.filter(council_id__in=rejected).exists()
    assert Child.objects.count() == report.children_loaded
    # The child in care on List 8 row 2 came in with three episodes (S, L and P).
    episodes = CareEpisode.objects.filter(child__council_id="1761444").order_by("start_date")
    assert [(e.start_date, e.reason_new_episode) for e in episodes] == [
        (date(2009, 8, 6), "S"),
        (date(2009, 11, 2), "P"),
        (date(2010, 7, 12), "L"),
    ]
    assert {e.legal_status for e in episodes} == {"E1"}
    text = "\n".join(report.lines())
    assert "List 2: 5 rows read, not loaded" in text
    assert "List 11: 5 rows read, not loaded" in text


@pytest.mark.django_db
def test_the_older_template_without_some_list_9_columns_is_reported_not_refused():
    report = import_annex_a(shared_sample("annex_a_sample_b.xlsx"))
    (note,) = [n for n in report.notes if n.startswith("Sheet 'List 9'")]
    assert "Latest Date of Contact" in note


# -- one child, loaded whole or not at all --------------------------------------------------------


@pytest.mark.django_db
def test_a_childs_rows_are_loaded_together_or_not_at_all(tmp_path):
    path = _write(
        tmp_path,
        {
            "List 3": _list(
                3, _referral("GOOD1", datetime(2025, 5, 1)), _referral("BAD1", datetime(2025, 5, 2))
            ),
            "List 7": _list(
                7,
                _plan("GOOD1", datetime(2025, 6, 1)),
                _plan("BAD1", datetime(2025, 6, 2), category="Smacking"),
            ),
        },
    )
    report = import_annex_a(path)
    assert report.rejected_children == ["BAD1"]
    assert [(r.sheet, r.row, r.child_id, r.column) for r in report.rejections] == [
        ("List 7", 3, "BAD1", "Initial Category of Abuse"),
        ("List 7", 3, "BAD1", "Latest Category of Abuse"),
    ]
    problem = report.rejections[0]
    assert "'Smacking' is not a value Annex A allows here" in str(problem)
    assert not Child.objects.filter(council_id="BAD1").exists()
    assert not CINEpisode.objects.filter(referral_date=date(2025, 5, 2)).exists()
    good = Child.objects.get(council_id="GOOD1")
    assert good.cin_episodes.get().referral_source == "6"
    assert good.cp_plans.get().initial_category == "NEG"


@pytest.mark.django_db
def test_a_model_rule_broken_by_a_row_rejects_the_child_naming_the_column(tmp_path):
    path = _write(
        tmp_path,
        {
            "List 7": _list(
                7,
                _plan(
                    "ENDS1",
                    datetime(2025, 6, 1),
                    **{"Child Protection Plan End Date": datetime(2025, 5, 1)},
                ),
            ),
            "List 6": _list(
                6,
                _row(
                    6,
                    **{"Child Unique ID": "ENDS1", **CHILD},
                    **{"CIN Start Date": datetime(2025, 4, 1), "Primary Need Code": "N1"},
                ),
            ),
        },
    )
    report = import_annex_a(path)
    assert report.rejected_children == ["ENDS1"]
    assert [(r.sheet, r.column) for r in report.rejections] == [
        ("List 7", "Child Protection Plan End Date")
    ]
    assert not Child.objects.filter(council_id="ENDS1").exists()


@pytest.mark.django_db
def test_a_plan_with_no_referral_to_belong_to_rejects_the_child(tmp_path):
    path = _write(tmp_path, {"List 7": _list(7, _plan("ORPHAN1", datetime(2025, 6, 1)))})
    report = import_annex_a(path)
    (problem,) = report.rejections
    assert problem.column == "Child Protection Plan Start Date"
    assert "no referral for the child open on 01/06/2025" in problem.problem
    assert not Child.objects.exists()


@pytest.mark.django_db
def test_a_row_with_no_child_id_is_rejected_on_its_own(tmp_path):
    blank = _referral(None, datetime(2025, 5, 1))
    path = _write(tmp_path, {"List 3": _list(3, blank, _referral("OK1", datetime(2025, 5, 3)))})
    report = import_annex_a(path)
    assert [(r.row, r.child_id, r.column) for r in report.rejections] == [
        (2, "(blank)", "Child Unique ID")
    ]
    assert list(Child.objects.values_list("council_id", flat=True)) == ["OK1"]


# -- the file as a whole ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_loaded(tmp_path):
    path = tmp_path / "annex.xlsx"
    path.write_text("Child Unique ID,Gender\n1,F\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        import_annex_a(path)
    assert "is not an Annex A workbook" in str(refused.value)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).exists()


@pytest.mark.django_db
def test_a_workbook_with_no_annex_a_sheet_is_refused(tmp_path):
    path = _write(tmp_path, {"Cover": [["Council", "Sightline County"]]})
    with pytest.raises(ValidationError, match="none of its sheets is an Annex A list"):
        import_annex_a(path)


@pytest.mark.django_db
def test_a_workbook_with_two_sheets_for_one_list_is_refused_and_nothing_loaded(tmp_path):
    path = _write(
        tmp_path,
        {
            "List 3": _list(3, _referral("TWO1", datetime(2025, 5, 1))),
            "Referrals": _list(3, _referral("TWO2", datetime(2025, 5, 1))),
        },
    )
    with pytest.raises(ValidationError, match="two sheets for List 3"):
        import_annex_a(path)
    assert not Child.objects.exists()


@pytest.mark.django_db
def test_loading_the_same_workbook_twice_changes_nothing(tmp_path):
    path = _write(
        tmp_path,
        {
            "List 1": _list(
                1,
                _row(
                    1,
                    **{"Child Unique ID": "TWICE1", **CHILD},
                    **{"Date of Contact": datetime(2025, 5, 1), "Contact Source": "e) 2A: Schools"},
                ),
            ),
            "List 3": _list(3, _referral("TWICE1", datetime(2025, 5, 1))),
            "List 7": _list(7, _plan("TWICE1", datetime(2025, 6, 1))),
        },
    )
    first = import_annex_a(path)
    counts = [m.objects.count() for m in (Child, Contact, CINEpisode, ChildProtectionPlan)]
    second = import_annex_a(path)
    assert counts == [1, 1, 1, 1]
    assert [m.objects.count() for m in (Child, Contact, CINEpisode, ChildProtectionPlan)] == counts
    assert (first.counts["children_created"], second.counts["children_matched"]) == (1, 1)
    assert second.counts["already_held"] == 3


@pytest.mark.django_db
def test_each_import_writes_one_audit_event(tmp_path):
    path = _write(tmp_path, {"List 3": _list(3, _referral("AUD1", datetime(2025, 5, 1)))})
    import_annex_a(path)
    (event,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT)
    assert event.detail["return"] == "Annex A"
    assert event.detail["rows_read"] == {"List 3": 1}
    assert event.detail["counts"]["referrals"] == 1
    assert len(event.detail["sha256"]) == 64


@pytest.mark.django_db
def test_an_existing_child_is_matched_and_not_changed(tmp_path):
    ChildFactory(council_id="HELD1", first_name="Ada", sex="F", ethnicity="WIRI")
    path = _write(tmp_path, {"List 3": _list(3, _referral("HELD1", datetime(2025, 5, 1)))})
    report = import_annex_a(path)
    child = Child.objects.get(council_id="HELD1")
    assert (child.first_name, child.ethnicity) == ("Ada", "WIRI")
    assert report.counts["children_matched"] == 1
    assert child.cin_episodes.count() == 1


# -- councils' own spellings ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_workbook_in_a_councils_own_spelling_loads(tmp_path):
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("L3 Referrals")
    ws.append(["Annex A return for Sightline County Council"])  # a title row above the headers
    ws.append([])
    ws.append(
        [
            "Child ID",
            "Sex",
            "Ethnicity",
            "DOB",
            "Age",
            "Date Of Referral",
            "Referral source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
        ]
    )
    ws.append(["4411", "Female", "White British", "02/03/2014", 11, "16/09/2020", "Police", "N", 0])
    ws.append(
        [
            4412.0,
            "1 - Male",
            "WBRI - White British",
            41700,
            11,
            datetime(2020, 9, 17),
            "e) 2A: Schools",
            "1 - Yes",
            0,
        ]
    )
    path = tmp_path / "council.xlsx"
    wb.save(path)
    report = import_annex_a(path)
    assert report.rejections == []
    first, second = (Child.objects.get(council_id=c) for c in ("4411", "4412"))
    assert (first.sex, first.ethnicity, first.date_of_birth) == ("F", "WBRI", date(2014, 3, 2))
    assert (second.sex, second.date_of_birth) == ("M", date(2014, 3, 2))  # Excel day 41700
    referral = first.cin_episodes.get()
    assert (referral.referral_date, referral.referral_source, referral.referral_nfa) == (
        date(2020, 9, 16),
        "6",
        False,
    )
    nfa = second.cin_episodes.get()
    assert (nfa.referral_nfa, nfa.closure_date, nfa.closure_reason) == (
        True,
        date(2020, 9, 17),
        "RC8",
    )


@pytest.mark.django_db
def test_a_value_naming_only_a_group_of_codes_is_rejected_not_guessed(tmp_path):
    row = _referral("GROUP1", datetime(2025, 5, 1), source="a) Individual")
    report = import_annex_a(_write(tmp_path, {"List 3": _list(3, row)}))
    (problem,) = report.rejections
    assert problem.column == "Referral Source"
    assert "could be any of the DfE codes 1A, 1B, 1C, 1D" in problem.problem


# -- what each list creates ----------------------------------------------------------------------


@pytest.mark.django_db
def test_each_list_creates_the_records_it_carries(tmp_path):
    child = {"Child Unique ID": "ALL1", **CHILD, "Does the Child have a Disability": "a) Yes"}
    sheets = {
        "List 1": _list(
            1,
            _row(
                1,
                **{k: v for k, v in child.items() if k in annex_list(1).headers},
                **{"Date of Contact": datetime(2025, 4, 2), "Contact Source": "q) 6: Police"},
            ),
        ),
        "List 3": _list(3, _referral("ALL1", datetime(2025, 4, 2))),
        "List 4": _list(
            4,
            _row(
                4,
                **child,
                **{
                    "Continuous Assessment Start Date": datetime(2025, 4, 3),
                    "Continuous Assessment Date of Authorisation": datetime(2025, 5, 1),
                },
            ),
        ),
        "List 5": _list(
            5,
            _row(
                5,
                **child,
                **{
                    "Strategy discussion initiating Section 47 Enquiry Start Date": datetime(
                        2025, 5, 2
                    ),
                    "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
                    "Date of Initial Child Protection Conference": datetime(2025, 5, 20),
                    "Number of Section 47 Enquiries in the last 12 months": 0,
                    "Number of ICPCs in the last 12 months": 0,
                },
            ),
        ),
        "List 6": _list(
            6,
            _row(
                6,
                **child,
                **{
                    "CIN Start Date": datetime(2025, 4, 2),
                    "Primary Need Code": "a) Abuse or neglect",
                    "Case Status": "b) Child Protection plan",
                },
            ),
        ),
        "List 7": _list(
            7,
            _plan(
                "ALL1",
                datetime(2025, 5, 20),
                **{
                    "Date of latest review conference": datetime(2025, 8, 12),
                    "Date of the Last Statutory Visit": datetime(2025, 9, 1),
                    "Was the Child Seen Alone?": "a) Yes",
                },
            ),
        ),
        "List 8": _list(
            8,
            _row(
                8,
                **child,
                **{
                    "Date Started to be Looked After": datetime(2025, 7, 1),
                    "Child's Category of Need": "a) Abuse or neglect",
                    "Start date of current legal status": datetime(2025, 7, 1),
                    "Child's Legal Status": "C1: ICO",
                    "Date of Last Health Assessment": datetime(2025, 7, 20),
                    "Date of Last Dental Check": datetime(2025, 8, 20),
                    "Start Date of Most Recent Placement": datetime(2025, 7, 1),
                    "Placement Type": "f) U6: Foster placement - not FFA",
                    "Placement Provider": "b) PR1: Own provision",
                    "Placement postcode": "sl1 4ab",
                },
            ),
        ),
        "List 10": _list(
            10,
            _row(
                10,
                **child,
                **{
                    "Date the Child Entered Care": datetime(2025, 7, 1),
                    "Date of Decision that Child Should be Placed for Adoption": datetime(
                        2025, 8, 1
                    ),
                    "Date of Placement Order": datetime(2025, 9, 1),
                },
            ),
        ),
    }
    report = import_annex_a(_write(tmp_path, sheets))
    assert report.rejections == []
    child = Child.objects.get(council_id="ALL1")
    assert child.first_name == "Not known"
    assert list(ChildDisability.objects.filter(child=child).values_list("code", flat=True)) == [
        "DDA"
    ]
    referral = CINEpisode.objects.get(child=child)
    assert (referral.referral_source, referral.primary_need) == ("6", "N1")
    contact = Contact.objects.get(child=child)
    assert (contact.source, contact.decision, contact.consent) == ("6", "", "not_sought")
    assert Assessment.objects.get(child=child).cin_episode == referral
    s47 = Section47Enquiry.objects.get(child=child)
    conference = InitialChildProtectionConference.objects.get(child=child)
    assert (s47.start_date, conference.section47, conference.plan_made) == (
        date(2025, 5, 2),
        s47,
        True,
    )
    plan = ChildProtectionPlan.objects.get(child=child)
    assert plan.icpc == conference
    assert ChildProtectionReview.objects.get(cp_plan=plan).date == date(2025, 8, 12)
    assert plan.visits.get().seen_alone is True
    episode = CareEpisode.objects.get(child=child)
    assert (episode.reason_new_episode, episode.placement_postcode) == ("S", "SL1 4AB")
    kinds = set(HealthCheck.objects.filter(child=child).values_list("kind", flat=True))
    assert kinds == {"initial", "dental"}
    assert AdoptionProcess.objects.get(child=child).placement_order_date == date(2025, 9, 1)


@pytest.mark.django_db
def test_a_care_leaver_row_becomes_a_keeping_in_touch_record_and_a_pathway_plan(tmp_path):
    row = _row(
        9,
        **{"Child Unique ID": "LEAVER1", **CHILD, "Date of Birth": datetime(2006, 1, 5)},
        **{
            "LA in Touch": "a) Yes",
            "Latest Date of Contact": datetime(2025, 8, 1),
            "Latest Pathway Plan Review Date": datetime(2025, 7, 1),
            "Type of Accommodation": "U: Independent living",
            "Suitability of Accommodation": "a) Suitable",
            "Activity Status": "F2: Full time in education other than higher",
        },
    )
    report = import_annex_a(_write(tmp_path, {"List 9": _list(9, row)}))
    assert report.rejections == []
    contact = CareLeaverContact.objects.get(child__council_id="LEAVER1")
    assert (contact.in_touch, contact.accommodation, contact.activity) == ("YES", "U1", "F2")
    assert PathwayPlan.objects.get(child__council_id="LEAVER1").start_date == date(2025, 7, 1)


def _child_with_plan(tmp_path, previous):
    referral = _row(
        6,
        **{"Child Unique ID": "PREV1", **CHILD},
        **{"CIN Start Date": datetime(2025, 4, 1), "Primary Need Code": "N1"},
    )
    plan = _plan(
        "PREV1",
        datetime(2025, 6, 1),
        **{"Number of Previous Child Protection Plans": previous},
    )
    return _write(tmp_path, {"List 6": _list(6, referral), "List 7": _list(7, plan)})


@pytest.mark.django_db
def test_previous_plans_the_workbook_counts_are_kept_as_plans_held_elsewhere(tmp_path):
    report = import_annex_a(_child_with_plan(tmp_path, 2))
    assert report.rejections == []
    assert ChildProtectionPlan.objects.get().previous_plans_elsewhere == 2
    assert report.counts["cp_plans"] == 1


@pytest.mark.django_db
def test_a_previous_plans_count_that_is_not_a_number_rejects_the_child(tmp_path):
    report = import_annex_a(_child_with_plan(tmp_path, "two"))
    (problem,) = report.rejections
    assert (problem.sheet, problem.column) == (
        "List 7",
        "Number of Previous Child Protection Plans",
    )
    assert "'two' is not a whole number, 0 or more" in problem.problem
    assert not ChildProtectionPlan.objects.exists()
