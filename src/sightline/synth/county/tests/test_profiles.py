"""Profiles are data: loaded, merged and resolved; the generator never branches on their names."""

import re
from pathlib import Path

import pytest

from sightline.synth.county.params import Params
from sightline.synth.county.profiles import (
    ProfileError,
    available_profiles,
    load_profile,
    national,
)

PACKAGE = Path(__file__).resolve().parent.parent


def test_both_profiles_load_into_params():
    assert {"england", "inspection-2023"} <= set(available_profiles())
    for name in ("england", "inspection-2023"):
        params = Params(load_profile(name))
        assert params.profile_name == name


def test_national_references_are_resolved():
    england = load_profile("england")
    assert england["referrals.pathway_pct.nfa"] == national("referrals.year_2025.nfa_pct")
    assert england["cp_plans.category_pct"] == national(
        "child_protection_plans.category_at_start_pct"
    )


def test_inspection_profile_extends_england_and_overrides_only_what_differs():
    england = load_profile("england").data
    inspection = load_profile("inspection-2023").data
    assert inspection["contacts"]["authorised_pct"] < england["contacts"]["authorised_pct"]
    assert inspection["cp_plans"]["outcomes_pct"] < england["cp_plans"]["outcomes_pct"]
    assert inspection["cp_plans"]["fgc_offered_pct"] < england["cp_plans"]["fgc_offered_pct"]
    # Inherited untouched.
    assert inspection["referrals"] == england["referrals"]
    assert inspection["care"]["exit_routes"] == england["care"]["exit_routes"]
    assert inspection["care"]["missing"]["away_pct"] == england["care"]["missing"]["away_pct"]


def test_an_unknown_profile_is_refused_with_the_choices():
    with pytest.raises(ProfileError, match="england"):
        load_profile("no-such-county")


def test_generator_code_never_asks_which_profile_it_runs():
    pattern = re.compile(
        r"\b(profile|profile_name)\b\s*(==|!=|\bin\b)|[\"'](england|inspection[-\w]*)[\"']"
    )
    offenders = []
    for path in PACKAGE.glob("*.py"):
        if path.name in ("profiles.py", "run.py"):
            continue  # the loader, and the default profile name of the entry point
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert not offenders, offenders
