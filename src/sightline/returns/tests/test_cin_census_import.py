"""Importing a CIN census file: one transaction, a child loaded whole or not at all, every
rejection naming the child, the record and the field; a file that is not a census is refused."""

import textwrap
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.assessments.models import Assessment, AssessmentFactor
from sightline.cin.models import CINEpisode, CINPlan
from sightline.people.models import Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    InitialChildProtectionConference,
    Section47Enquiry,
)
from sightline.returns.cin_census import export_cin_census, import_cin_census
from sightline.returns.cin_census.sample import build_sample_county
from sightline.testing.factories import ChildFactory, make_upn
from sightline.testing.samples import shared_sample


@pytest.fixture
def fake_census() -> Path:
    return shared_sample("cin_census_fake.xml")


def _census(tmp_path: Path, children: str, name: str = "census.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year>"
        "<ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails><Source><LEA>938</LEA>"
        f"</Source></Header><Children>{textwrap.dedent(children)}</Children></Message>",
        encoding="utf-8",
    )
    return path


def _child_xml(la_id: str, details: str, upn: str | None = None, extra: str = "") -> str:
    upn = make_upn(77) if upn is None else upn
    return f"""
    <Child>
      <ChildIdentifiers><LAchildID>{la_id}</LAchildID><UPN>{upn}</UPN>
        <PersonBirthDate>2014-03-02</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>{extra}</ChildCharacteristics>
      {details}
    </Child>"""


GOOD_DETAILS = """
  <CINdetails>
    <CINreferralDate>2024-05-03</CINreferralDate><ReferralSource>2A</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode>
    <Assessments><AssessmentActualStartDate>2024-05-10</AssessmentActualStartDate>
      <AssessmentAuthorisationDate>2024-06-20</AssessmentAuthorisationDate>
      <FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors>
      </FactorsIdentifiedAtAssessment></Assessments>
    <Section47><S47ActualStartDate>2024-05-13</S47ActualStartDate>
      <InitialCPCtarget>2024-06-04</InitialCPCtarget>
      <DateOfInitialCPC>2024-05-31</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired>
    </Section47>
    <ReferralNFA>0</ReferralNFA>
    <ChildProtectionPlans><CPPstartDate>2024-05-31</CPPstartDate>
      <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
      <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
      <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
      <Reviews><CPPreviewDate>2024-08-22</CPPreviewDate></Reviews>
    </ChildProtectionPlans>
  </CINdetails>"""


def test_a_good_child_is_loaded_with_every_record(db, tmp_path) -> None:
    report = import_cin_census(_census(tmp_path, _child_xml("GOOD1", GOOD_DETAILS)))

    assert report.rejections == []
    child = Child.objects.get(council_id="GOOD1")
    assert child.first_name == "Not known"
    episode = child.cin_episodes.get()
    assert episode.referral_date == date(2024, 5, 3)
    assessment = Assessment.objects.get(cin_episode=episode)
    assert list(assessment.factors.values_list("code", flat=True)) == ["3A"]
    s47 = Section47Enquiry.objects.get(cin_episode=episode)
    assert s47.strategy_discussion is None
    conference = InitialChildProtectionConference.objects.get(section47=s47)
    assert conference.date == date(2024, 5, 31) and conference.plan_made
    plan = ChildProtectionPlan.objects.get(cin_episode=episode)
    assert plan.icpc == conference
    assert list(plan.reviews.values_list("date", flat=True)) == [date(2024, 8, 22)]
    assert report.counts["children_created"] == 1
    assert report.counts["cp_plans"] == 1


def test_a_child_with_a_bad_record_is_rejected_whole_naming_child_record_and_field(
    db, tmp_path
) -> None:
    bad = GOOD_DETAILS.replace(
        "<AssessmentActualStartDate>2024-05-10", "<AssessmentActualStartDate>2024-05-01"
    )
    path = _census(tmp_path, _child_xml("GOOD1", GOOD_DETAILS) + _child_xml("BAD1", bad))

    report = import_cin_census(path)

    assert report.rejected_children == ["BAD1"]
    (rejection,) = report.rejections
    assert rejection.la_child_id == "BAD1"
    assert rejection.record == "CINdetails referral 2024-05-03, Assessment starting 2024-05-01"
    assert rejection.field == "AssessmentActualStartDate"
    assert "on or after the referral date" in rejection.message
    # Not half-loaded: nothing of BAD1, everything of GOOD1.
    assert not Child.objects.filter(council_id="BAD1").exists()
    assert CINEpisode.objects.count() == 1
    assert ChildProtectionReview.objects.count() == 1


def test_every_fault_of_a_rejected_child_is_reported_at_once(db, tmp_path) -> None:
    bad = GOOD_DETAILS.replace("<ReferralSource>2A", "<ReferralSource>ZZ").replace(
        "<CPPreviewDate>2024-08-22", "<CPPreviewDate>22/08/2024"
    )
    report = import_cin_census(_census(tmp_path, _child_xml("BAD2", bad, upn="B123456789012")))
    fields = {(r.record, r.field) for r in report.rejections}
    assert ("Child", "UPN") in fields
    assert ("CINdetails referral 2024-05-03", "ReferralSource") in fields
    review = "CINdetails referral 2024-05-03, ChildProtectionPlans starting 2024-05-31, review "
    assert (review + "22/08/2024", "CPPreviewDate") in fields
    assert Child.objects.count() == 0


def test_the_dfe_fake_census_imports_with_its_errors_reported(db, fake_census) -> None:
    report = import_cin_census(fake_census)

    assert report.children_in_file == 332
    assert report.children_loaded + len(report.rejected_children) == 332
    assert report.children_loaded == 11
    assert len(report.rejected_children) == 321
    # Its made-up UPNs mostly have the wrong check letter ...
    assert any(
        r.la_child_id == "RND000215205141"
        and r.record == "Child"
        and r.field == "UPN"
        and "wrong check letter" in r.message
        for r in report.rejections
    )
    # ... and some children list the same disability twice (DfE rule 8794).
    assert any(
        r.la_child_id == "RND000785618044" and r.field == "Disability" and "MOB" in r.message
        for r in report.rejections
    )
    # Not half-loaded: a rejected child has nothing in the database; a loaded one has it all.
    assert not Child.objects.filter(council_id="RND000215205141").exists()
    assert Child.objects.count() == 11
    assert CINEpisode.objects.filter(child__council_id__in=report.rejected_children).count() == 0
    assert report.counts["episodes"] == CINEpisode.objects.count()
    assert report.counts["legacy_gender"] == 11  # the file has GenderCurrent, not Sex


def test_import_writes_one_audit_event_with_the_counts(db, fake_census) -> None:
    report = import_cin_census(fake_census)
    (event,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT)
    assert "11 children loaded, 321 rejected" in event.summary
    assert event.detail["counts"]["episodes"] == report.counts["episodes"]
    assert event.detail["children_rejected"] == 321


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("this is not xml at all", "not XML"),
        ("<Message><Header/></Message>", "<Children>"),
        ("<Catalogue><Children><Child/></Children></Catalogue>", "<Catalogue>"),
        (
            "<Message><Header><CollectionDetails><Collection>SSDA903</Collection>"
            "</CollectionDetails></Header><Children><Child/></Children></Message>",
            "SSDA903",
        ),
        ("<Message><Children></Children></Message>", "no <Child>"),
    ],
)
def test_a_file_that_is_not_a_cin_census_is_refused_and_nothing_loaded(
    db, tmp_path, content, says
) -> None:
    path = tmp_path / "wrong.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        import_cin_census(path)
    assert says in error.value.message_dict["file"][0]
    assert Child.objects.count() == 0
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).exists()


def test_external_entities_are_not_expanded(db, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("RND999", encoding="utf-8")
    path = tmp_path / "entity.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file://{secret}">]>'
        + _census(tmp_path, _child_xml("&x;", GOOD_DETAILS)).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    report = import_cin_census(path)
    assert not Child.objects.filter(council_id="RND999").exists()
    assert report.children_loaded == 0
    assert report.rejections[0].field == "LAchildID"


def test_a_la_child_id_given_twice_is_rejected_both_times(db, tmp_path) -> None:
    path = _census(tmp_path, _child_xml("TWICE", GOOD_DETAILS) * 2)
    report = import_cin_census(path)
    assert report.rejected_children == ["TWICE", "TWICE"]
    assert "appears 2 times" in report.rejections[0].message
    assert Child.objects.count() == 0


def test_a_child_already_in_sightline_is_matched_and_not_changed(db, tmp_path) -> None:
    ours = ChildFactory(council_id="KNOWN1", first_name="Amara", ethnicity="BAFR")
    report = import_cin_census(_census(tmp_path, _child_xml("KNOWN1", GOOD_DETAILS)))
    ours.refresh_from_db()
    assert ours.first_name == "Amara" and ours.ethnicity == "BAFR"
    assert report.counts["children_matched"] == 1
    assert ours.cin_episodes.count() == 1


def test_loading_the_same_file_twice_changes_nothing(db, tmp_path) -> None:
    path = _census(tmp_path, _child_xml("GOOD1", GOOD_DETAILS))
    import_cin_census(path)
    again = import_cin_census(path)
    assert again.counts["episodes_already_held"] == 1
    assert again.counts["episodes"] == 0
    assert CINEpisode.objects.count() == 1
    assert Assessment.objects.count() == 1


def test_a_conference_given_on_the_referral_is_loaded_without_a_section_47(db, tmp_path) -> None:
    details = """
      <CINdetails><CINreferralDate>2025-09-01</CINreferralDate><ReferralSource>5C</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode><DateOfInitialCPC>2025-09-10</DateOfInitialCPC>
        <ReferralNFA>0</ReferralNFA>
        <ChildProtectionPlans><CPPstartDate>2025-09-10</CPPstartDate>
          <InitialCategoryOfAbuse>MUL</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>
      </CINdetails>"""
    import_cin_census(_census(tmp_path, _child_xml("MOVED1", details)))
    conference = InitialChildProtectionConference.objects.get()
    assert conference.section47 is None
    assert ChildProtectionPlan.objects.get().icpc == conference


def test_previous_plans_outside_the_file_are_kept_as_plans_held_elsewhere(db, tmp_path) -> None:
    build_sample_county()
    out = tmp_path / "census.xml"
    export_cin_census(2026, out)  # CEN004's 2022 plan is before the year: not in the file
    Child.objects.all().delete()

    report = import_cin_census(out)

    assert report.rejections == []
    plan = ChildProtectionPlan.objects.get(child__council_id="CEN004")
    assert plan.previous_plans_elsewhere == 1
    assert not any("NumberOfPreviousCPP" in w for w in report.notes)


def test_a_count_below_the_plans_held_is_reported_and_the_plans_held_stand(db, tmp_path) -> None:
    plan = """
        <ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>{end}
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>"""
    details = f"""
      <CINdetails><CINreferralDate>2025-05-01</CINreferralDate><ReferralSource>5C</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>0</ReferralNFA>
        {plan.format(start="2025-05-10", end="<CPPendDate>2025-07-01</CPPendDate>")}
        {plan.format(start="2025-09-10", end="")}
      </CINdetails>"""
    report = import_cin_census(_census(tmp_path, _child_xml("TWICE1", details)))
    assert any("TWICE1" in w and "2025-09-10" in w and "will return 1" in w for w in report.notes)
    assert set(ChildProtectionPlan.objects.values_list("previous_plans_elsewhere", flat=True)) == {
        0
    }


def test_round_trip_export_import_export_gives_the_same_xml(db, tmp_path) -> None:
    build_sample_county()  # CEN004 had a plan in 2022, before the year and so not in the file
    first = tmp_path / "first.xml"
    export_cin_census(2026, first)

    Child.objects.all().delete()
    assert CINEpisode.objects.count() == 0 and ChildDisability.objects.count() == 0
    report = import_cin_census(first)
    assert report.rejections == []

    second = tmp_path / "second.xml"
    export_cin_census(2026, second)
    assert second.read_bytes() == first.read_bytes()
    assert CINPlan.objects.count() == 3
    assert AssessmentFactor.objects.exists()


def test_import_command_reports_rejections_with_exit_status_1(db, tmp_path, capsys) -> None:
    from sightline.returns.cin_census.commands import import_command

    path = _census(tmp_path, _child_xml("GOOD1", GOOD_DETAILS) + _child_xml("BAD3", "", upn="X"))
    assert import_command(path) == 1
    printed = capsys.readouterr().out
    assert "1 loaded" in printed and "1 rejected" in printed
    assert "BAD3: Child: UPN:" in printed


def test_import_command_refuses_a_file_that_is_not_a_census(db, tmp_path, capsys) -> None:
    from sightline.returns.cin_census.commands import import_command

    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    assert import_command(path) == 2
    assert "not XML" in capsys.readouterr().err
