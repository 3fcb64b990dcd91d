"""Timescale declarations: the packaged YAML, the service's own local ones, what is in force,
and local values."""

import pytest
import yaml
from django.core.exceptions import ValidationError

from sightline.timescales.declarations import (
    DECLARATIONS_FILE,
    TIMESCALES_FILE,
    AgeBand,
    Period,
    UnknownTimescale,
    all_timescales,
    declarations,
    declared,
    get,
    parse_period,
    reset_local_timescale,
    set_local_timescale,
)


def yaml_keys(path=TIMESCALES_FILE, group: str | None = None) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if group is not None:
        data = data[group]
    return [f"{section}.{name}" for section, entries in data.items() for name in entries]


def our_entries() -> dict[str, dict]:
    data = yaml.safe_load(DECLARATIONS_FILE.read_text(encoding="utf-8"))
    return {
        f"{section}.{name}": entry
        for group in data.values()
        for section, entries in group.items()
        for name, entry in entries.items()
    }


# -- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("45 wd", Period(45, "wd")),
        ("7 d", Period(7, "d")),
        ("6 weeks", Period(6, "weeks")),
        ("3 months", Period(3, "months")),
        ("1 month", Period(1, "months")),
        ("72 hours", Period(72, "hours")),
        (" 10 working days ", Period(10, "wd")),
    ],
)
def test_periods_parse_from_the_declaration_form(text: str, period: Period) -> None:
    assert parse_period(text) == period
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["as soon as possible", "school term", "wd", "3 fortnights", ""])
def test_words_that_are_not_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_period_text_round_trips_and_reads_plainly() -> None:
    assert str(Period(45, "wd")) == "45 wd"
    assert str(Period(1, "months")) == "1 month"
    assert parse_period(str(Period(1, "months"))) == Period(1, "months")
    assert Period(45, "wd").plain == "45 working days"
    assert Period(1, "wd").plain == "1 working day"


def test_negative_or_unknown_periods_cannot_be_built() -> None:
    with pytest.raises(ValueError):
        Period(-1, "wd")
    with pytest.raises(ValueError):
        Period(1, "fortnights")  # type: ignore[arg-type]


# -- the declarations -----------------------------------------------------------------------


def test_every_key_in_the_reference_file_is_declared_with_a_plain_english_name() -> None:
    keys = yaml_keys()
    assert len(keys) == 33
    entries = our_entries()
    for key in keys:
        assert declared(key).name == entries[key]["name"]
        assert set(entries[key]) == {"name"}  # the rule itself comes from the reference file


SERVICE_KEYS = {
    "front_door.nfa_recontact_flag",
    "care_leavers.pathway_plan_review_after_move",
    "general.due_soon",
    "early_help.assessment_completion",
    "early_help.plan_review",
    "children_in_need.plan_review",
    "children_in_need.needs_reassessment",
}


def test_service_adds_its_own_local_timescales_with_defaults() -> None:
    assert declared("front_door.nfa_recontact_flag").period == Period(3, "months")
    assert declared("early_help.assessment_completion").period == Period(45, "wd")
    assert declared("children_in_need.plan_review").period == Period(3, "months")
    assert declared("care_leavers.pathway_plan_review_after_move").period == Period(20, "wd")
    assert declared("general.due_soon").period == Period(5, "wd")
    for key in SERVICE_KEYS - {"children_in_need.needs_reassessment"}:
        assert declared(key).kind == "local"
        assert declared(key).locally_configurable
    assert set(declarations()) == set(yaml_keys()) | SERVICE_KEYS
    assert set(our_entries()) == set(declarations())


def test_a_local_timescale_with_no_period_is_declared_but_cannot_be_set() -> None:
    t = declared("children_in_need.needs_reassessment")
    assert (t.name, t.kind, t.rule, t.period) == ("Needs reassessment", "local", "by", None)
    assert not t.locally_configurable


@pytest.mark.django_db
def test_setting_a_local_timescale_with_no_period_is_refused_saying_why() -> None:
    with pytest.raises(ValidationError) as error:
        set_local_timescale("children_in_need.needs_reassessment", "3 months", None, "x")
    assert "has no period to change" in error.value.message_dict["key"][0]


def test_timescales_not_yet_in_force_are_declared_but_marked() -> None:
    waiting = set(yaml_keys(DECLARATIONS_FILE, "not_yet_in_force"))
    assert "children_in_care.care_plan" in waiting
    assert "assessment.completion" not in waiting
    assert {k for k, t in declarations().items() if not t.in_force} == waiting
    assert declared("assessment.completion").in_force


def test_assessment_completion_is_statutory_45_working_days() -> None:
    t = declared("assessment.completion")
    assert (t.name, t.kind, t.period, t.rule) == (
        "Assessment completed",
        "statutory",
        Period(45, "wd"),
        "within",
    )
    assert t.counts_from == "referral date"
    assert t.counts_to == "authorisation date"
    assert "45 wd" in t.source_text
    assert not t.locally_configurable


def test_icpc_name_and_period() -> None:
    t = declared("child_protection.icpc")
    assert t.name == "Initial child protection conference"
    assert t.period == Period(15, "wd")


def test_contact_decision_name() -> None:
    assert declared("front_door.contact_decision").name == "Contact decision"


def test_review_health_assessment_period_depends_on_age() -> None:
    t = declared("children_in_care.review_health_assessment")
    assert t.period is None
    assert t.age_bands == (
        AgeBand(0, 5, Period(6, "months")),
        AgeBand(5, None, Period(12, "months")),
    )
    assert t.period_for_age(4) == Period(6, "months")
    assert t.period_for_age(5) == Period(12, "months")
    assert t.period_for_age(17) == Period(12, "months")
    with pytest.raises(ValueError):
        t.period_for_age(None)


def test_period_for_age_ignores_age_for_timescales_that_do_not_vary() -> None:
    assert declared("children_in_care.dental_check").period_for_age(3) == Period(12, "months")


def test_plan_duration_alert_lists_its_milestones() -> None:
    t = declared("child_protection.plan_duration_alert")
    assert t.rule == "at"
    assert t.period is None
    assert t.periods == (Period(15, "months"), Period(18, "months"), Period(24, "months"))
    with pytest.raises(ValueError):
        t.period_for_age()


def test_lado_resolution_targets_are_percentages_within_periods() -> None:
    t = declared("lado.resolution_targets")
    assert t.rule == "targets"
    assert t.targets == (
        (Period(1, "months"), 80),
        (Period(3, "months"), 90),
        (Period(12, "months"), 100),
    )
    assert t.kind == "local"


def test_strategy_discussion_uses_its_local_default() -> None:
    t = declared("child_protection.strategy_discussion")
    assert t.kind == "guidance"
    assert t.period == Period(1, "wd")
    assert t.extra["within"] == "as soon as possible"
    assert t.locally_configurable


def test_non_period_rules_keep_their_words() -> None:
    assert declared("children_in_care.pep_review").extra["every"] == "school term"
    assert declared("children_in_care.pep_review").period is None
    assert declared("children_in_care.permanence_plan").extra["by"] == "second review"


def test_qualifiers_are_kept_for_the_rules() -> None:
    assert declared("children_in_care.sdq").extra["ages"] == (4, 16)
    assert declared("care_leavers.pa_contact").extra["also_within"] == Period(7, "d")
    assert declared("children_in_care.visits_long_term_placement").extra["after"] == "first year"


def test_return_home_interview_is_72_hours() -> None:
    assert declared("missing.return_home_interview").period == Period(72, "hours")


def test_unknown_key_fails_loudly() -> None:
    with pytest.raises(UnknownTimescale):
        declared("assessment.compleation")


def test_timescales_are_hashable_values() -> None:
    assert hash(declared("assessment.completion")) == hash(declared("assessment.completion"))


# -- local values -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_statutory_timescale_cannot_be_changed_locally() -> None:
    from sightline.timescales.models import LocalTimescale

    with pytest.raises(ValidationError) as error:
        set_local_timescale("assessment.completion", "30 wd", None, "We want to be quicker")
    assert "key" in error.value.message_dict
    assert not LocalTimescale.objects.exists()
    assert get("assessment.completion").period == Period(45, "wd")


@pytest.mark.django_db
def test_statutory_timescale_is_refused_by_model_validation() -> None:
    from sightline.timescales.models import LocalTimescale

    row = LocalTimescale(key="child_protection.icpc", value="10 wd", reason="faster")
    with pytest.raises(ValidationError):
        row.full_clean()


@pytest.mark.django_db
def test_national_guidance_without_local_default_cannot_be_changed_locally() -> None:
    with pytest.raises(ValidationError):
        set_local_timescale("missing.return_home_interview", "48 hours", None, "stricter")


@pytest.mark.django_db
def test_statutory_value_stored_behind_validations_back_is_ignored() -> None:
    from sightline.timescales.models import LocalTimescale

    LocalTimescale.objects.create(key="assessment.completion", value="30 wd", reason="bypass")
    assert get("assessment.completion").period == Period(45, "wd")


@pytest.mark.django_db
def test_local_timescale_change_applies_without_code_change() -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="lead", password="x" * 14)
    assert get("child_protection.visits").period == Period(10, "wd")
    row = set_local_timescale("child_protection.visits", "4 weeks", user, "Partnership decision")
    assert row.changed_by == user
    assert get("child_protection.visits").period == Period(4, "weeks")
    assert get("child_protection.visits").overridden
    assert declared("child_protection.visits").period == Period(10, "wd")
    assert all_timescales()["child_protection.visits"].period == Period(4, "weeks")


@pytest.mark.django_db
def test_changing_a_local_timescale_again_updates_the_same_row() -> None:
    from sightline.timescales.models import LocalTimescale

    set_local_timescale("uasc.first_visit", "2 wd", None, "first")
    set_local_timescale("uasc.first_visit", " 3 working days ", None, "second")
    assert LocalTimescale.objects.get().value == "3 wd"
    assert get("uasc.first_visit").period == Period(3, "wd")


@pytest.mark.django_db
def test_guidance_with_local_default_can_be_changed_locally() -> None:
    set_local_timescale("child_protection.strategy_discussion", "2 wd", None, "Local procedure")
    assert get("child_protection.strategy_discussion").period == Period(2, "wd")


@pytest.mark.django_db
def test_resetting_a_local_timescale_restores_the_default() -> None:
    set_local_timescale("general.due_soon", "10 wd", None, "More warning")
    assert get("general.due_soon").period == Period(10, "wd")
    reset_local_timescale("general.due_soon")
    assert get("general.due_soon").period == Period(5, "wd")
    assert not get("general.due_soon").overridden


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "reason", "field"),
    [
        pytest.param("fortnightly", "x", "value", id="unparseable"),
        pytest.param("240 hours", "x", "value", id="hours-for-a-timescale-in-days"),
        pytest.param("15 wd", "", "reason", id="no-reason"),
    ],
)
def test_a_local_value_is_refused_naming_the_field_to_put_right(value, reason, field) -> None:
    with pytest.raises(ValidationError) as error:
        set_local_timescale("child_protection.visits", value, None, reason)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_plan_duration_milestones_can_be_changed_locally() -> None:
    set_local_timescale("child_protection.plan_duration_alert", "12 months, 18 months", None, "x")
    assert get("child_protection.plan_duration_alert").periods == (
        Period(12, "months"),
        Period(18, "months"),
    )
    with pytest.raises(ValidationError):
        set_local_timescale(
            "child_protection.plan_duration_alert", "18 months, 12 months", None, "x"
        )


@pytest.mark.django_db
def test_lado_targets_can_be_changed_locally() -> None:
    set_local_timescale(
        "lado.resolution_targets", "75% within 1 month; 95% within 6 months", None, "x"
    )
    assert get("lado.resolution_targets").targets == (
        (Period(1, "months"), 75),
        (Period(6, "months"), 95),
    )
