"""A profile turned into ready-to-use tables: choices, ranges and age bands.

Reading the profile's nested mappings on every decision would be slow and error-prone, so this
module reads each parameter once, checks it, and names it. The simulation reads `Params` only.
"""

from __future__ import annotations

import math
from bisect import bisect_right

from .profiles import Profile, ProfileError
from .rng import Choice


class ByAge:
    """A value per age band: {from_age: value}, the band starting at the largest from_age <= age."""

    __slots__ = ("ages", "values")

    def __init__(self, table: dict, convert=lambda v: v) -> None:
        items = sorted((float(k), convert(v)) for k, v in table.items())
        self.ages = [a for a, _ in items]
        self.values = [v for _, v in items]

    def __call__(self, age: float):
        return self.values[max(0, bisect_right(self.ages, age) - 1)]


def _pct_choice(table: dict) -> Choice:
    for key in table:
        if isinstance(key, bool):
            raise ProfileError(
                f"A profile key was read as {key}: write YES, NO, true or false in quotes."
            )
    return Choice({k: float(v) for k, v in table.items()})


def _int_keys(table: dict) -> dict[int, float]:
    return {int(k): float(v) for k, v in table.items()}


class LogNormalDays:
    """Days drawn from a log-normal with the given median and sigma, capped at `max`."""

    __slots__ = ("mu", "sigma", "max")

    def __init__(self, spec: dict) -> None:
        self.mu = math.log(float(spec["median"]))
        self.sigma = float(spec["sigma"])
        self.max = int(spec["max"])

    def draw(self, rng) -> int:
        return max(1, min(self.max, int(rng.lognormvariate(self.mu, self.sigma))))

    def at(self, u: float) -> int:
        from statistics import NormalDist

        u = min(max(u, 1e-9), 1 - 1e-9)
        z = NormalDist().inv_cdf(u)
        return max(1, min(self.max, int(math.exp(self.mu + self.sigma * z))))


class Bands:
    """Named bands with a share each and a range of values: pick a band, then a value in it."""

    def __init__(self, shares: dict, ranges: dict[str, tuple[int, int]]) -> None:
        self.choice = _pct_choice(shares)
        self.ranges = ranges

    def value(self, u_band: float, u_within: float) -> tuple[str, int]:
        band = self.choice.at(u_band)
        lo, hi = self.ranges[band]
        return band, lo + int(u_within * (hi - lo + 1))


def _band_range(name: str) -> tuple[int, int]:
    """'11-20' -> (11, 20); 'same_day' -> (0, 0); '61+' -> (61, 120)."""
    if name == "same_day":
        return 0, 0
    if name.endswith("+"):
        lo = int(name[:-1])
        return lo, lo * 2
    lo, hi = name.split("-")
    return int(lo), int(hi)


class Params:
    """Everything the simulation needs from a profile, read and checked once."""

    def __init__(self, profile: Profile) -> None:
        p = profile
        self.profile_name = p.name
        self.la_code = int(p["county.la_code"])
        self.caseload_target = float(p["county.caseload_target"])
        self.lookback_days = int(p["window.lookback_before_year_days"])

        # population
        self.household_size = _pct_choice(_int_keys(p["population.children_per_household_pct"]))
        self.sibling_gap = tuple(p["population.sibling_gap_days"])
        self.twins = p.pct("population.twins_pct")
        self.formation_years = int(p["population.formation_years"])
        self.sex = _pct_choice(p["population.sex_pct"])
        self.ethnicity = _pct_choice(p["population.ethnicity_pct"])
        self.disability = p.pct("population.disability_pct")
        self.disability_codes = _pct_choice(p["population.disability_codes_pct"])
        self.household_kind = _pct_choice(p["population.household_pct"])
        self.mother_age = tuple(p["population.mother_age_at_first_child"])
        self.home_moves = float(p["population.home_moves_per_year"])
        self.school_start_age = int(p["population.school_start_age"])
        self.uln_from_age = int(p["population.uln_from_age"])

        # contacts
        self.contacts_not_referred = float(p["contacts.contacts_not_referred_per_referral"])
        self.open_case_contacts = float(p["contacts.open_case_contacts_per_child_year"])
        self.contact_decision = _pct_choice(p["contacts.decision_pct"])
        self.consent = _pct_choice(p["contacts.consent_pct"])
        self.out_of_hours = p.pct("contacts.out_of_hours_pct")
        self.next_day_decision = p.pct("contacts.next_day_decision_pct")
        self.authorised = p.pct("contacts.authorised_pct")
        self.overturned = p.pct("contacts.overturned_pct")
        self.authorisation_minutes = tuple(p["contacts.authorisation_minutes"])
        self.source_group = _pct_choice(p["contacts.source_mix_pct"])

        # referrals
        self.referral_rate = float(p["referrals.rate_per_child_year"])
        self.referral_age_weight = ByAge(p["referrals.age_weight"], float)
        self.risk_shape = float(p["referrals.risk_gamma_shape"])
        self.sibling_involved = p.pct("referrals.sibling_involved_pct")
        self.follow_up = p.pct("referrals.follow_up_pct")
        fu = p["referrals.follow_up_delay_days"]
        self.follow_up_median = float(fu["median"])
        self.follow_up_max = int(fu["max"])
        self.pathway_weights = {k: float(v) for k, v in p["referrals.pathway_pct"].items()}
        self.care_age_factor = ByAge(p["referrals.care_pathway_age_factor"], float)
        self.pathway_by_factor: dict[float, Choice] = {}
        self.disabled_referral_rate = float(p["referrals.disabled_referral_rate"])
        self.primary_need = _pct_choice(p["referrals.primary_need_pct"])
        self.abuse_need = p.pct("referrals.abuse_need_pct")

        # assessments
        bands = p["assessments.duration_bands_pct"]
        self.assessment_bands = Bands(bands, {name: _band_range(name) for name in bands})
        self.assessment_lag = _pct_choice(_int_keys(p["assessments.start_lag_wd_pct"]))
        self.midpoint_check = p.pct("assessments.midpoint_check_pct")
        self.close_to_early_help = p.pct("assessments.close_to_early_help_pct")
        self.factors_per_assessment = tuple(p["assessments.factors_per_assessment"])

        # section 47
        self.strategy_lag = _pct_choice(_int_keys(p["section47.strategy_lag_wd_pct"]))
        self.s47_lag = _pct_choice(_int_keys(p["section47.s47_lag_wd_pct"]))
        delays = p["section47.icpc_delay_wd_pct"]
        self.icpc_delay = Bands(delays, {name: _band_range(name) for name in delays})
        self.no_icpc_duration = tuple(p["section47.no_icpc_duration_wd"])
        self.escalation = p.pct("section47.s47_during_plan_pct")

        # child protection plans
        self.cp_category = _pct_choice(p["cp_plans.category_pct"])
        self.cp_category_change = p.pct("cp_plans.category_change_pct")
        self.cp_duration = Bands(
            p["cp_plans.duration_pct"],
            {k: tuple(v) for k, v in p["cp_plans.duration_days"].items()},
        )
        self.cp_end_reason = _pct_choice(p["cp_plans.end_reason_pct"])
        self.repeat_plan = p.pct("cp_plans.repeat_plan_pct")
        self.cp_visit_every_wd = int(p["cp_plans.visit_every_wd"])
        self.cp_visit_on_time = p.pct("cp_plans.visit_on_time_pct")
        self.cp_seen = p.pct("cp_plans.seen_pct")
        self.cp_seen_alone = p.pct("cp_plans.seen_alone_pct")
        self.core_group_first_wd = int(p["cp_plans.core_group_first_wd"])
        self.core_group_on_time = p.pct("cp_plans.core_group_on_time_pct")
        self.core_group_every = tuple(p["cp_plans.core_group_every_days"])
        self.cp_first_review_days = int(p["cp_plans.first_review_days"])
        self.cp_review_every_days = int(p["cp_plans.review_every_days"])
        self.cp_review_on_time = p.pct("cp_plans.review_on_time_pct")
        self.cp_outcomes = p.pct("cp_plans.outcomes_pct")
        self.cp_outcomes_per_plan = tuple(p["cp_plans.outcomes_per_plan"])
        self.fgc_offered = p.pct("cp_plans.fgc_offered_pct")
        self.fgc_accepted = p.pct("cp_plans.fgc_accepted_pct")
        self.fgc_held = p.pct("cp_plans.fgc_held_pct")
        self.cp_stock = float(p["cp_plans.stock_per_10k"]) / 10_000

        # child in need plans
        self.cin_duration = LogNormalDays(p["cin_plans.duration_days"])
        self.cin_disabled_duration = LogNormalDays(p["cin_plans.disabled_duration_days"])
        self.cin_visit_every = tuple(p["cin_plans.visit_every_days"])
        self.cin_seen = p.pct("cin_plans.seen_pct")
        self.cin_seen_alone = p.pct("cin_plans.seen_alone_pct")
        self.cin_stock = float(p["cin_plans.stock_per_10k"]) / 10_000

        # care
        self.care_stock_by_age = ByAge(p["care.stock_by_age_per_10k"], lambda v: float(v) / 1e4)
        self.entry_age_pct = {float(k): float(v) for k, v in p["care.entry_age_pct"].items()}
        self.exit_routes = ByAge(p["care.exit_routes"], _pct_choice)
        rd = p["care.route_days"]
        self.route_days = {k: tuple(v) for k, v in rd.items() if isinstance(v, list)}
        self.home_days = LogNormalDays(rd["home"])
        self.home_reason = _pct_choice(p["care.home_reason_pct"])
        self.sgo_reason = _pct_choice(p["care.sgo_reason_pct"])
        self.other_reason = _pct_choice(p["care.other_reason_pct"])
        self.at_18_reason = _pct_choice(p["care.at_18_reason_pct"])
        self.legal_status = {k: _pct_choice(v) for k, v in p["care.legal_status_pct"].items()}
        self.full_order_after = tuple(p["care.full_order_after_days"])
        self.placement_order_after = tuple(p["care.placement_order_after_days"])
        self.emergency_status_days = tuple(p["care.emergency_status_days"])
        self.placement_group = ByAge(p["care.placement_group_by_age_pct"], _pct_choice)
        self.placement_codes = {k: _pct_choice(v) for k, v in p["care.placement_codes_pct"].items()}
        self.provider = {k: _pct_choice(v) for k, v in p["care.provider_pct"].items()}
        self.out_of_area = {k: float(v) / 100 for k, v in p["care.out_of_area_pct"].items()}
        self.long_term_after = tuple(p["care.long_term_after_days"])
        self.moves_in_year = {
            k: _pct_choice(_int_keys(v)) for k, v in p["care.moves_in_year_pct"].items()
        }
        reasons = dict(p["care.move_reason_pct"])
        rest = float(reasons.pop("rest", 0))
        rest_codes = list(p["care.rest_move_reasons"])
        for code in rest_codes:
            reasons[code] = rest / len(rest_codes)
        self.move_reason = _pct_choice(reasons)
        self.care_first_review_wd = int(p["care.first_review_wd"])
        self.care_second_review_months = int(p["care.second_review_months"])
        self.care_review_every_months = int(p["care.review_every_months"])
        self.care_review_on_time = p.pct("care.review_on_time_pct")
        self.care_visit_first_days = int(p["care.visit_first_days"])
        self.care_visit_every = int(p["care.visit_every_days"])
        self.care_visit_long_term = int(p["care.visit_long_term_days"])
        self.care_visit_on_time = p.pct("care.visit_on_time_pct")
        self.care_seen = p.pct("care.seen_pct")
        self.care_seen_alone = p.pct("care.seen_alone_pct")
        self.initial_health_wd = int(p["care.initial_health_wd"])
        self.initial_health_on_time = p.pct("care.initial_health_on_time_pct")
        self.health_in_year = p.pct("care.health_assessment_in_year_pct")
        self.dental_in_year = p.pct("care.dental_check_in_year_pct")
        self.development_check = p.pct("care.development_check_pct")
        self.immunisations = p.pct("care.immunisations_pct")
        self.sdq_completed = p.pct("care.sdq_completed_pct")
        m = p["care.missing"]
        self.missing_any = float(m["any_in_year_pct"]) / 100
        self.missing_episodes = tuple(m["episodes_in_year"])
        self.missing_away = float(m["away_pct"]) / 100
        self.missing_hours = LogNormalDays(m["hours"])
        self.rhi_on_time = float(m["rhi_within_72h_pct"]) / 100
        self.rhi_late_hours = tuple(m["rhi_late_hours"])
        self.rhi_accepted = float(m["rhi_accepted_pct"]) / 100
        u = p["care.uasc"]
        self.uasc_rate = float(u["arrivals_per_10k_per_year"]) / 10_000
        self.uasc_age = _pct_choice(_int_keys(u["age_at_arrival_pct"]))
        self.uasc_male = float(u["male_pct"]) / 100
        self.uasc_placement = _pct_choice(u["placement_pct"])

        # care leavers
        self.pathway_plan_from_age = int(p["care_leavers.pathway_plan_from_age"])
        self.pp_review_every_months = int(p["care_leavers.review_every_months"])
        self.pp_review_on_time = p.pct("care_leavers.review_on_time_pct")
        self.pp_review_after_move = p.pct("care_leavers.review_after_move_pct")
        self.pp_review_after_move_wd = tuple(p["care_leavers.review_after_move_wd"])
        self.pa_from_age = float(p["care_leavers.pa_from_age"])
        self.care_leavers_per_cohort = p.pct("care_leavers.per_cohort_pct")
        self.cl_accommodation_first = _pct_choice(p["care_leavers.accommodation_first_pct"])
        self.cl_accommodation_later = _pct_choice(p["care_leavers.accommodation_later_pct"])
        self.cl_moves = float(p["care_leavers.moves_per_year"])
        self.cl_in_touch = _pct_choice(p["care_leavers.in_touch_pct"])
        self.cl_activity = _pct_choice(p["care_leavers.activity_pct"])

        # LADO
        self.lado_rate = float(p["lado.allegations_per_10k_per_year"]) / 10_000
        self.lado_sector = _pct_choice(p["lado.sector_pct"])
        self.lado_outcome = _pct_choice(p["lado.outcome_pct"])
        self.lado_on_time = p.pct("lado.initial_consideration_on_time_pct")
        close = p["lado.close_days_pct"]
        self.lado_close = Bands(close, {name: _band_range(name) for name in close})

        # workforce
        self.team_size = int(p["workforce.team_size"])
        self.agency = p.pct("workforce.agency_pct")
        self.front_door_per_10k_referrals = float(
            p["workforce.front_door_workers_per_10k_referrals"]
        )
        self.qa_per_100k = float(p["workforce.qa_officers_per_100k"])
        self.lado_per_100k = float(p["workforce.lado_officers_per_100k"])
        self.admins_per_100k = float(p["workforce.admins_per_100k"])
        self.senior_leaders = int(p["workforce.senior_leaders"])
        wc = p["workforce.worker_change_months"]
        self.worker_change = LogNormalDays(
            {"median": float(wc["median"]) * 30.4, "sigma": wc["sigma"], "max": 3650}
        )

    def pathway_choice(self, index_age: int) -> Choice:
        """The pathway after a referral, with the care pathway weighted by the child's age."""
        factor = self.care_age_factor(index_age)
        choice = self.pathway_by_factor.get(factor)
        if choice is None:
            weights = dict(self.pathway_weights)
            weights["care"] = weights["care"] * factor
            choice = self.pathway_by_factor[factor] = Choice(weights)
        return choice
