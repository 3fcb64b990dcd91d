"""The catalogue is complete and consistent with the SQL, and England's figures carry their
provenance: an estimate is never presented as a national statistic."""

import pytest

from sightline.performance.catalogue import CATALOGUE, SECTIONS
from sightline.performance.indicators import REGISTRY
from sightline.performance.national import england

REQUIRED = [
    "contacts_per_10k",
    "contact_decisions_within_1_wd_pct",
    "contact_decisions_authorised_pct",
    "nfa_dip_sample_disagree_pct",
    "referrals_per_10k",
    "re_referrals_12m_pct",
    "assessments_within_45_wd_pct",
    "assessment_median_wd",
    "assessments_with_midpoint_check_pct",
    "s47_per_10k",
    "icpc_within_15_wd_of_strategy_pct",
    "icpc_within_15_wd_of_s47_pct",
    "cp_plans_per_10k",
    "cp_plans_second_or_subsequent_pct",
    "cp_plans_ended_2y_plus_pct",
    "cp_plans_open_18m_plus",
    "cp_visits_in_time_pct",
    "cp_reviews_in_time_pct",
    "cp_fgc_offered_pct",
    "cin_per_10k",
    "cla_per_10k",
    "cla_reviews_in_time_pct",
    "cla_visits_in_time_pct",
    "cla_iha_within_20_wd_pct",
    "cla_health_assessment_up_to_date_pct",
    "cla_dental_check_12m_pct",
    "cla_rhi_within_72h_pct",
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "care_leavers_suitable_accommodation_pct",
    "care_leavers_eet_pct",
    "care_leavers_in_touch_pct",
]


def test_every_required_indicator_is_in_the_catalogue_and_has_its_sql():
    assert set(REQUIRED) <= set(CATALOGUE)
    assert set(CATALOGUE) == set(REGISTRY)


@pytest.mark.parametrize("indicator", CATALOGUE.values(), ids=list(CATALOGUE))
def test_each_entry_is_complete(indicator):
    assert indicator.source in ("DfE", "Ofsted", "Local")
    assert indicator.better in ("higher", "lower", "neither")
    assert indicator.unit in ("percent", "rate", "count", "working_days")
    assert indicator.section in dict(SECTIONS)
    for text in (indicator.definition, indicator.numerator, indicator.denominator):
        assert text.strip()
    assert indicator.period_rule.strip() and indicator.attribution.strip()
    assert "{value}" in indicator.statement
    if indicator.england_path:
        assert england(indicator.england_path) is not None, indicator.england_path


def test_published_figure_has_its_year():
    figure = england("assessments.year_2025.within_45_working_days_pct")
    assert figure.value == 85.7
    assert figure.status == "published"
    assert figure.when == "year ending 31 March 2025"


def test_estimate_is_marked_as_an_estimate():
    figure = england("children_looked_after.dental_check_in_year_pct")
    assert figure.is_estimate
    assert "not a published statistic" in figure.describe


def test_derived_rate_is_marked_as_derived():
    figure = england("section_47.year_2025.rate_per_10k")
    assert figure.status == "derived"
    assert figure.when == "year ending 31 March 2025"


def test_a_year_in_the_comment_is_the_figures_year():
    assert england("children_looked_after.long_term_stability_pct").when == "2024"
    assert england("care_leavers.suitable_accommodation_pct.age_19_21").when == "2019"


def test_an_unknown_path_has_no_figure():
    assert england("assessments.year_1999.within_45_working_days_pct") is None


def test_a_figure_whose_key_does_not_say_its_year_is_labelled_from_the_catalogue():
    from sightline.performance.catalogue import CATALOGUE

    figure = CATALOGUE["cp_plans_ended_2y_plus_pct"].england_figure
    assert figure.describe == "year ending 31 March 2025"
