"""The CIN census export: valid against the DfE schema, the DfE's rules on which records belong
in a year, everything as it stood on 31 March, and the same bytes for the same records."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from sightline.access.models import AuditEvent
from sightline.cin.models import CINEpisode
from sightline.people.models import Child
from sightline.returns.cin_census import export_cin_census
from sightline.returns.cin_census.sample import build_sample_county
from sightline.returns.cin_census.schema import schema_problems
from sightline.testing.factories import AllocationFactory, ChildFactory, CINEpisodeFactory

D = date


@pytest.fixture
def county(db):
    return build_sample_county()


@pytest.fixture
def census(county, tmp_path) -> etree._Element:
    """The sample county's census for 2025 to 2026, as written."""
    return _export(tmp_path)[0]


def _export(tmp_path: Path, year: int = 2026, **kwargs) -> tuple[etree._Element, Path]:
    out = tmp_path / f"cin-{year}.xml"
    export_cin_census(year, out, **kwargs)
    return etree.parse(str(out)).getroot(), out


def _child(root: etree._Element, la_child_id: str) -> etree._Element | None:
    found = root.xpath(f"Children/Child[ChildIdentifiers/LAchildID='{la_child_id}']")
    return found[0] if found else None


def _texts(el: etree._Element, path: str) -> list[str]:
    return [x.text for x in el.findall(path)]


def _items(el: etree._Element, expected: dict[str, str]) -> dict[str, str | None]:
    """What `el` holds for each census item `expected` names, to compare with `expected`."""
    return {path: el.findtext(path) for path in expected}


def test_export_is_valid_against_the_dfe_schema(county, tmp_path) -> None:
    root, out = _export(tmp_path)
    assert schema_problems(out) == []
    assert len(root.findall("Children/Child")) == 10


def test_a_file_breaking_the_schema_is_reported_by_line_and_element(county, tmp_path) -> None:
    _, out = _export(tmp_path)
    broken = tmp_path / "broken.xml"
    broken.write_text(out.read_text().replace("<Sex>F</Sex>", "<Sex>Q</Sex>", 1))
    problems = schema_problems(broken)
    assert len(problems) == 1
    assert "/ChildIdentifiers/Sex" in problems[0]
    assert "'Q' is not an element of the set" in problems[0]
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(out.read_text()[:500])
    assert "not well-formed XML" in schema_problems(truncated)[0]


def test_header_names_the_collection_year_reference_date_and_council(county, tmp_path) -> None:
    root, _ = _export(tmp_path, la_code="123", serial_no=7)
    header = root.find("Header")
    expected = {
        "CollectionDetails/Collection": "CIN",
        "CollectionDetails/Year": "2026",
        "CollectionDetails/ReferenceDate": "2026-03-31",
        "Source/LEA": "123",
        "Source/SoftwareCode": "Sightline",
        "Source/SerialNo": "007",
        "Source/DateTime": "2026-03-31T23:59:59+01:00",
    }
    assert _items(header, expected) == expected


def test_header_date_time_can_be_given(county, tmp_path) -> None:
    when = datetime(2026, 5, 6, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    root, _ = _export(tmp_path, generated_at=when)
    assert root.findtext("Header/Source/DateTime") == "2026-05-06T09:30:00+01:00"


def test_children_are_in_council_id_order(census) -> None:
    ids = _texts(census, "Children/Child/ChildIdentifiers/LAchildID")
    assert ids == sorted(ids)


def test_same_records_give_the_same_bytes(county, tmp_path) -> None:
    first = tmp_path / "first.xml"
    second = tmp_path / "second.xml"
    export_cin_census(2026, first)
    export_cin_census(2026, second)
    assert first.read_bytes() == second.read_bytes()


def test_episode_closed_on_31_march_of_the_previous_year_is_left_out(census) -> None:
    assert _child(census, "CEN008") is None  # closed 31 March 2025


def test_referral_on_31_march_is_included(census) -> None:
    child = _child(census, "CEN009")
    assert _texts(child, "CINdetails/CINreferralDate") == ["2026-03-31"]


def test_referral_after_31_march_is_left_out(census) -> None:
    assert _child(census, "CEN010") is None  # referred 2 April 2026


def test_closure_after_31_march_is_not_shown(db, tmp_path) -> None:
    child = ChildFactory(council_id="LATE1")
    CINEpisodeFactory(
        child=child, referral_date=D(2025, 9, 1), closure_date=D(2026, 5, 1), closure_reason="RC7"
    )
    root, _ = _export(tmp_path)
    details = _child(root, "LATE1").find("CINdetails")
    assert details.find("CINclosureDate") is None
    assert details.find("ReasonForClosure") is None


def test_earlier_episode_closed_before_the_year_is_left_out(census) -> None:
    assert _texts(_child(census, "CEN004"), "CINdetails/CINreferralDate") == ["2025-06-02"]


def test_cp_plan_ended_before_the_year_is_left_out_but_its_episode_is_returned(census) -> None:
    details = _child(census, "CEN011").find("CINdetails")
    assert details.findall("ChildProtectionPlans") == []  # ended 14 March 2025
    assert _texts(details, "CINPlanDates/CINPlanStartDate") == ["2025-03-17"]


def test_cp_plan_from_before_the_year_ending_in_it_is_returned_with_every_review(census) -> None:
    details = _child(census, "CEN005").find("CINdetails")
    (plan,) = details.findall("ChildProtectionPlans")
    expected = {
        "CPPstartDate": "2024-11-04",
        "CPPendDate": "2025-08-15",
        "InitialCategoryOfAbuse": "PHY",
    }
    assert _items(plan, expected) == expected
    assert _texts(plan, "Reviews/CPPreviewDate") == ["2025-01-27", "2025-07-18"]
    # Its section 47 enquiry and assessment finished before the year.
    assert details.findall("Section47") == []
    assert details.findall("Assessments") == []


def test_assessment_completed_before_the_year_is_left_out(census) -> None:
    assert _child(census, "CEN003").find("CINdetails/Assessments") is None


def test_assessment_authorised_after_31_march_is_returned_as_not_complete(census) -> None:
    (assessment,) = _child(census, "CEN011").findall("CINdetails/Assessments")
    assert assessment.findtext("AssessmentActualStartDate") == "2026-02-16"
    assert assessment.find("AssessmentAuthorisationDate") is None
    assert assessment.find("FactorsIdentifiedAtAssessment") is None  # factors only when complete


def test_authorised_assessment_carries_its_factors_in_dfe_order(census) -> None:
    (assessment,) = _child(census, "CEN004").findall("CINdetails/Assessments")
    assert assessment.findtext("AssessmentAuthorisationDate") == "2025-07-10"
    factors = _texts(assessment, "FactorsIdentifiedAtAssessment/AssessmentFactors")
    assert factors == ["3A", "4B", "16A"]


def test_assessment_open_since_before_the_year_is_listed_for_fixing(db, tmp_path) -> None:
    from sightline.assessments.models import Assessment

    episode = CINEpisodeFactory(child=ChildFactory(council_id="SLOW1"), referral_date=D(2025, 2, 3))
    Assessment.objects.create(child=episode.child, cin_episode=episode, start_date=D(2025, 2, 4))
    summary = export_cin_census(2026, tmp_path / "out.xml")
    assert any("SLOW1" in note and "8736" in note for note in summary.notes)
    root = etree.parse(str(tmp_path / "out.xml")).getroot()
    assert _child(root, "SLOW1").find("CINdetails/Assessments") is None


def test_section47_has_its_conference_and_a_target_15_working_days_after_it_started(census) -> None:
    details = _child(census, "CEN004").find("CINdetails")
    (s47,) = details.findall("Section47")
    expected = {
        "S47ActualStartDate": "2025-06-05",
        "InitialCPCtarget": "2025-06-26",
        "DateOfInitialCPC": "2025-06-20",
        "ICPCnotRequired": "0",
    }
    assert _items(s47, expected) == expected
    # The conference is given once, on the enquiry, not on the referral too (DfE rule 2884).
    assert details.find("DateOfInitialCPC") is None


def test_section47_that_ended_without_a_conference_is_icpc_not_required(census) -> None:
    (s47,) = _child(census, "CEN006").findall("CINdetails/Section47")
    assert s47.find("DateOfInitialCPC") is None
    assert s47.findtext("ICPCnotRequired") == "1"


def test_transfer_in_conference_is_given_on_the_referral(census) -> None:
    details = _child(census, "CEN012").find("CINdetails")
    assert details.findtext("DateOfInitialCPC") == "2025-09-10"
    assert details.findtext("ChildProtectionPlans/CPPstartDate") == "2025-09-10"


def test_number_of_previous_plans_counts_earlier_plans(census) -> None:
    plans = _child(census, "CEN004").findall("CINdetails/ChildProtectionPlans")
    assert [p.findtext("NumberOfPreviousCPP") for p in plans] == ["1"]
    assert (
        _child(census, "CEN012").findtext("CINdetails/ChildProtectionPlans/NumberOfPreviousCPP")
        == "0"
    )


def test_unborn_child_has_expected_date_and_sex_u(census) -> None:
    ids = _child(census, "CEN007").find("ChildIdentifiers")
    assert ids.find("PersonBirthDate") is None
    assert ids.findtext("ExpectedPersonBirthDate") == "2026-05-10"
    assert ids.findtext("Sex") == "U"
    assert ids.findtext("UPNunknown") == "UN1"


def test_child_born_after_31_march_is_returned_as_unborn(db, tmp_path) -> None:
    child = ChildFactory(
        council_id="BORN1", upn="", date_of_birth=D(2026, 4, 20), sex="M", ethnicity="WBRI"
    )
    CINEpisodeFactory(child=child, referral_date=D(2026, 1, 5))
    root, _ = _export(tmp_path)
    ids = _child(root, "BORN1").find("ChildIdentifiers")
    assert ids.find("PersonBirthDate") is None
    assert ids.findtext("ExpectedPersonBirthDate") == "2026-04-20"
    assert ids.findtext("Sex") == "U"


def test_disabilities_are_listed_and_none_is_returned_when_there_are_none(census) -> None:
    assert _texts(_child(census, "CEN003"), "ChildCharacteristics/Disabilities/Disability") == [
        "LD",
        "AUT",
    ]
    assert _texts(_child(census, "CEN002"), "ChildCharacteristics/Disabilities/Disability") == [
        "NONE"
    ]


def test_export_writes_one_audit_event(county, tmp_path) -> None:
    before = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count()
    export_cin_census(2026, tmp_path / "out.xml")
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT)
    assert events.count() == before + 1
    event = events.first()
    assert "CIN census 2025 to 2026" in event.summary
    assert event.detail["counts"]["children"] == 10


def test_a_worker_exports_only_the_children_they_may_see(county, tmp_path) -> None:
    allocation = AllocationFactory(child=Child.objects.get(council_id="CEN004"))
    root, _ = _export(tmp_path, user=allocation.worker.user)
    assert _texts(root, "Children/Child/ChildIdentifiers/LAchildID") == ["CEN004"]


def test_la_code_must_be_three_digits(db, tmp_path) -> None:
    with pytest.raises(ValidationError) as error:
        export_cin_census(2026, tmp_path / "out.xml", la_code="93")
    assert "la_code" in error.value.message_dict
    assert not (tmp_path / "out.xml").exists()


def test_only_open_episodes_count_not_other_records(db, tmp_path) -> None:
    # A child whose only episode is before the year is not in the census at all.
    CINEpisodeFactory(
        child=ChildFactory(council_id="OLD1"),
        referral_date=D(2023, 5, 1),
        closure_date=D(2024, 1, 9),
        closure_reason="RC7",
    )
    CINEpisodeFactory(child=ChildFactory(council_id="NOW1"), referral_date=D(2025, 4, 1))
    root, _ = _export(tmp_path)
    assert _texts(root, "Children/Child/ChildIdentifiers/LAchildID") == ["NOW1"]
    assert CINEpisode.objects.count() == 2


def test_export_command_prints_the_summary_and_succeeds(county, tmp_path, capsys) -> None:
    from sightline.returns.cin_census.commands import export_command

    assert export_command(2026, tmp_path / "cin.xml") == 0
    printed = capsys.readouterr().out
    assert "Wrote the CIN census 2025 to 2026" in printed
    assert "10 children" in printed
    assert "matches the DfE schema" in printed


def test_export_command_refuses_a_bad_la_code(db, tmp_path, capsys) -> None:
    from sightline.returns.cin_census.commands import export_command

    assert export_command(2026, tmp_path / "cin.xml", la_code="ABC") == 2
    assert "3-digit" in capsys.readouterr().err


def test_section47_from_before_the_year_is_returned_only_for_a_conference_in_the_year(
    db, tmp_path
) -> None:
    from sightline.protection.models import InitialChildProtectionConference, Section47Enquiry

    def enquiry(council_id: str, **values) -> Section47Enquiry:
        episode = CINEpisodeFactory(
            child=ChildFactory(council_id=council_id), referral_date=D(2025, 3, 17)
        )
        return Section47Enquiry.objects.create(
            child=episode.child, cin_episode=episode, start_date=D(2025, 3, 24), **values
        )

    s47 = enquiry("CONF1")
    InitialChildProtectionConference.objects.create(
        child=s47.child,
        cin_episode=s47.cin_episode,
        section47=s47,
        date=D(2025, 4, 9),
        plan_made=False,
    )
    enquiry("ENDED1", end_date=D(2025, 4, 10), outcome=Section47Enquiry.Outcome.NFA)

    root, _ = _export(tmp_path)

    (returned,) = _child(root, "CONF1").findall("CINdetails/Section47")
    assert returned.findtext("S47ActualStartDate") == "2025-03-24"
    assert returned.findtext("DateOfInitialCPC") == "2025-04-09"
    assert _child(root, "ENDED1").findall("CINdetails/Section47") == []
