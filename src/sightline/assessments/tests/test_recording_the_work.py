"""Recording the work of an assessment: when the child was seen, the child's views, the analysis,
checks with other agencies and the factors identified. Bad input is refused naming the field,
and nothing is saved."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.assessments import services
from sightline.assessments.models import AssessmentFactor, LateralCheck
from sightline.reference.codes import code_list
from sightline.testing.helpers import date_fields

from .factories import FactorFactory

pytestmark = pytest.mark.django_db


def url(assessment, page: str) -> str:
    return f"/assessments/{assessment.pk}/{page}/"


# -- child seen ------------------------------------------------------------------------------


def test_recording_the_child_seen_alone_is_saved_shown_and_audited(sw, assessment, sign_in):
    client = sign_in(sw)
    response = client.post(
        url(assessment, "child-seen"),
        {**date_fields("date", dt.date(2025, 9, 5)), "seen_alone": "yes"},
    )
    assert response.status_code == 302
    seen = assessment.seen.get()
    assert (seen.date, seen.seen_alone, seen.worker, seen.child) == (
        dt.date(2025, 9, 5),
        True,
        sw,
        assessment.child,
    )
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.CHILD_SEEN_RECORDED,
        child=assessment.child,
        object_id=str(seen.pk),
    ).exists()
    page = client.get(url(assessment, "")[:-1]).content.decode()
    assert "5 September 2025" in page
    assert "The child has not been seen yet" not in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {**date_fields("date", dt.date(2025, 9, 2)), "seen_alone": "no"},
            "date",
            "Date the child was seen must be on or after the assessment start.",
        ),
        (
            {**date_fields("date", dt.date(2025, 9, 23)), "seen_alone": "no"},
            "date",
            "The date the child was seen must be today or in the past",
        ),
        (
            date_fields("date", dt.date(2025, 9, 5)),
            "seen_alone",
            "Select yes if the child was seen alone",
        ),
    ],
)
def test_bad_child_seen_input_is_refused_naming_the_field_and_nothing_saved(
    sw, assessment, sign_in, data, field, message
):
    response = sign_in(sw).post(url(assessment, "child-seen"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not assessment.seen.exists()


# -- the child's views -----------------------------------------------------------------------


def test_the_childs_views_are_recorded_with_the_date(sw, assessment, sign_in):
    response = sign_in(sw).post(
        url(assessment, "child-views"),
        {
            "child_views": "I like living with Nan. I want Dad to stop shouting.",
            **date_fields("child_views_date", dt.date(2025, 9, 12)),
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.child_views == "I like living with Nan. I want Dad to stop shouting."
    assert assessment.child_views_date == dt.date(2025, 9, 12)
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.CHILD_VIEWS_RECORDED,
        child=assessment.child,
        summary__contains="views",
    ).exists()


def test_empty_views_are_refused_naming_the_field(sw, assessment, sign_in):
    response = sign_in(sw).post(
        url(assessment, "child-views"),
        {"child_views": "  ", **date_fields("child_views_date", dt.date(2025, 9, 12))},
    )
    assert response.context["form"].errors["child_views"] == ["Enter the child's views"]
    assessment.refresh_from_db()
    assert assessment.child_views == ""


# -- the analysis ----------------------------------------------------------------------------

ANALYSIS = {
    "lived_experience": "Mornings are calm at Nan's; evenings at Dad's are loud and frightening.",
    "parents_views": "Dad says the shouting is stress from work and he wants help with it.",
    "analysis": "The child is safe with Nan. Dad's anger is the risk; he accepts help.",
}


def test_the_analysis_is_recorded_with_the_lived_experience_and_parents_views(
    sw, assessment, sign_in
):
    client = sign_in(sw)
    page = client.get(url(assessment, "")[:-1]).content.decode()
    assert url(assessment, "analysis") in page
    response = client.post(url(assessment, "analysis"), ANALYSIS)
    assert response["Location"] == url(assessment, "")[:-1]
    assessment.refresh_from_db()
    assert (assessment.lived_experience, assessment.parents_views, assessment.analysis) == (
        ANALYSIS["lived_experience"],
        ANALYSIS["parents_views"],
        ANALYSIS["analysis"],
    )
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.ANALYSIS_RECORDED, child=assessment.child
    ).exists()
    page = client.get(url(assessment, "")[:-1]).content.decode()
    assert "Dad&#x27;s anger is the risk; he accepts help." in page
    assert "Mornings are calm at Nan&#x27;s" in page


def test_an_analysis_left_empty_is_refused_naming_the_field_and_nothing_saved(
    sw, assessment, sign_in
):
    response = sign_in(sw).post(url(assessment, "analysis"), {**ANALYSIS, "analysis": " "})
    assert response.context["form"].errors["analysis"] == ["Enter your analysis"]
    assessment.refresh_from_db()
    assert (assessment.analysis, assessment.lived_experience) == ("", "")


def test_an_authorised_assessments_analysis_is_not_changed(sw, assessment, sign_in):
    assessment.authorised_date = dt.date(2025, 9, 19)
    assessment.save()
    response = sign_in(sw).post(url(assessment, "analysis"), ANALYSIS)
    assert response["Location"] == url(assessment, "")[:-1]
    assessment.refresh_from_db()
    assert assessment.analysis == ""
    with pytest.raises(ValidationError):
        services.record_analysis(sw.user, assessment, **ANALYSIS)


# -- lateral checks --------------------------------------------------------------------------


def test_a_lateral_check_records_the_agency_date_and_what_was_learned(sw, assessment, sign_in):
    client = sign_in(sw)
    response = client.post(
        url(assessment, "lateral-checks/new"),
        {
            "agency": "Police",
            **date_fields("date", dt.date(2025, 9, 4)),
            "learned": "Two call-outs to the address in 2024 for domestic abuse.",
        },
    )
    assert response.status_code == 302
    check = LateralCheck.objects.get(assessment=assessment)
    assert (check.agency, check.date, check.worker) == ("Police", dt.date(2025, 9, 4), sw)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Two call-outs to the address" in page
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.LATERAL_CHECK_RECORDED, object_id=str(check.pk)
    ).exists()


def test_a_lateral_check_without_what_was_learned_is_refused(sw, assessment, sign_in):
    response = sign_in(sw).post(
        url(assessment, "lateral-checks/new"),
        {"agency": "School", **date_fields("date", dt.date(2025, 9, 4)), "learned": ""},
    )
    assert response.context["form"].errors["learned"] == ["Enter what was learned"]
    assert not LateralCheck.objects.exists()


# -- factors ---------------------------------------------------------------------------------


def test_the_factors_page_offers_every_code_in_labelled_groups(sw, assessment, sign_in):
    page = sign_in(sw).get(url(assessment, "factors")).content.decode()
    boxes = re.findall(r'<input class="govuk-checkboxes__input" id="([^"]+)" name="factors"', page)
    assert len(boxes) == len(code_list("CIN_assessment_factor"))
    for heading in ("Abuse or neglect", "Domestic abuse", "Harm outside the home", "Other"):
        assert f">{heading}</h2>" in page
    assert "1A Alcohol misuse: concerns about alcohol misuse by the child" in page
    assert "24A Child criminal exploitation" in page


def test_factors_are_saved_and_replace_the_ones_before(sw, assessment, sign_in):
    FactorFactory(assessment=assessment, code="1A")
    response = sign_in(sw).post(url(assessment, "factors"), {"factors": ["3B", "4B", "16A"]})
    assert response.status_code == 302
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["16A", "3B", "4B"]
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.FACTORS_SET, child=assessment.child)
    assert event.detail == {"factors": ["3B", "4B", "16A"]}


def test_a_factor_not_in_the_code_list_is_refused_and_nothing_saved(sw, assessment, sign_in):
    FactorFactory(assessment=assessment, code="1A")
    response = sign_in(sw).post(url(assessment, "factors"), {"factors": ["3B", "99Z"]})
    assert response.status_code == 200
    assert response.context["form"].errors["factors"] == [
        "Factors must come from the CIN assessment factor list: 99Z is not"
    ]
    assert list(assessment.factors.values_list("code", flat=True)) == ["1A"]


def test_the_service_refuses_an_unknown_factor_code_naming_the_field(sw, assessment):
    with pytest.raises(ValidationError) as refused:
        services.set_factors(sw.user, assessment, ["2B", "XX"])
    assert refused.value.message_dict == {
        "factors": ["Factors must come from the CIN assessment factor list: XX is not."]
    }
    assert not AssessmentFactor.objects.exists()


def test_no_factors_identified_cannot_be_chosen_with_other_factors(sw, assessment, sign_in):
    response = sign_in(sw).post(url(assessment, "factors"), {"factors": ["21", "16A"]})
    assert response.context["form"].errors["factors"] == [
        "Factor 21 (no factors identified) cannot be selected with other factors."
    ]
    assert not assessment.factors.exists()


def test_no_factor_chosen_is_refused(sw, assessment, sign_in):
    response = sign_in(sw).post(url(assessment, "factors"), {})
    assert response.context["form"].errors["factors"] == [
        "Select the factors identified, or 21 if no factors were identified"
    ]


def test_opening_a_recording_page_is_a_view_of_the_childs_record(sw, assessment, sign_in):
    sign_in(sw).get(url(assessment, "factors"))
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.FORM_OPENED,
        child=assessment.child,
        path=url(assessment, "factors"),
    ).exists()
