"""A small synthetic county whose records exercise every CIN census rule for 2025 to 2026.

Used by the census tests and handy for trying the export by hand. Every child is invented:
council IDs start CEN, UPNs use LA 938 with a valid check letter, and every record passes the
models' `full_clean()` before it is saved. Each child's story says which census rule it tests.
"""

from __future__ import annotations

from datetime import date

from django.db import models, transaction

from sightline.assessments.models import Assessment, AssessmentFactor
from sightline.cin.models import CINEpisode, CINPlan
from sightline.people.identifiers import upn_check_letter
from sightline.people.models import Child, ChildDisability
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    InitialChildProtectionConference,
    Section47Enquiry,
    StrategyDiscussion,
)

D = date


def _save(obj: models.Model) -> models.Model:
    obj.full_clean()
    obj.save()
    return obj


def _upn(n: int) -> str:
    body = f"938{n:09d}"
    return upn_check_letter(body) + body


def _child(council_id: str, n: int, disabilities: tuple[str, ...] = (), **values) -> Child:
    defaults = {
        "first_name": "Sample",
        "last_name": f"Child {n}",
        "upn": _upn(n),
        "date_of_birth": D(2015, 6, 1),
        "sex": "F",
        "ethnicity": "WBRI",
    }
    child = _save(Child(council_id=council_id, **(defaults | values)))
    for code in disabilities:
        _save(ChildDisability(child=child, code=code))
    return child


def _episode(child: Child, referral: date, **values) -> CINEpisode:
    defaults = {"referral_source": "2A", "primary_need": "N1"}
    return _save(CINEpisode(child=child, referral_date=referral, **(defaults | values)))


def _assessment(
    episode: CINEpisode, start: date, authorised: date | None = None, factors=()
) -> Assessment:
    a = _save(
        Assessment(
            child=episode.child, cin_episode=episode, start_date=start, authorised_date=authorised
        )
    )
    for code in factors:
        _save(AssessmentFactor(assessment=a, code=code))
    return a


def _protection(
    episode: CINEpisode,
    s47_start: date,
    icpc: date | None = None,
    category: str = "NEG",
    **s47_values,
) -> ChildProtectionPlan | None:
    child = episode.child
    strategy = _save(StrategyDiscussion(child=child, cin_episode=episode, date=s47_start))
    s47 = _save(
        Section47Enquiry(
            child=child,
            cin_episode=episode,
            strategy_discussion=strategy,
            start_date=s47_start,
            **s47_values,
        )
    )
    if icpc is None:
        return None
    return _plan(episode, icpc, category, category, s47)


def _plan(
    episode: CINEpisode, day: date, initial: str, latest: str, s47: Section47Enquiry | None = None
) -> ChildProtectionPlan:
    """An initial conference on `day` (after the enquiry `s47`, or with none: a child who
    moved in on a plan) and the child protection plan it made, starting that day."""
    conference = _save(
        InitialChildProtectionConference(
            child=episode.child, cin_episode=episode, section47=s47, date=day, plan_made=True
        )
    )
    return _save(
        ChildProtectionPlan(
            child=episode.child,
            cin_episode=episode,
            icpc=conference,
            start_date=day,
            initial_category=initial,
            latest_category=latest,
        )
    )


def _reviews(plan: ChildProtectionPlan, *days: date) -> None:
    for day in days:
        _save(ChildProtectionReview(child=plan.child, cp_plan=plan, date=day))


def _end(record: models.Model, **values) -> None:
    for name, value in values.items():
        setattr(record, name, value)
    _save(record)


@transaction.atomic
def build_sample_county() -> dict[str, Child]:
    """Create the sample children and their records; returns them by council ID."""
    children: dict[str, Child] = {}

    def child(council_id: str, n: int, **values) -> Child:
        children[council_id] = _child(council_id, n, **values)
        return children[council_id]

    # CEN001: a referral with no further action, in the year. No UPN (referral only: UN7).
    c = child("CEN001", 1, upn="", upn_unknown_reason="UN7", sex="M", ethnicity="BAFR")
    _episode(
        c,
        D(2025, 5, 12),
        referral_source="1A",
        primary_need="N4",
        referral_nfa=True,
        closure_date=D(2025, 5, 12),
        closure_reason="RC7",
    )

    # CEN002: referred, assessed (factors), closed after assessment with no further action.
    c = child("CEN002", 2, ethnicity="AIND", date_of_birth=D(2012, 2, 3))
    e = _episode(c, D(2025, 4, 14), referral_source="3A", primary_need="N5")
    _assessment(e, D(2025, 4, 15), D(2025, 5, 30), factors=["4B", "3B", "2B"])
    _end(e, closure_date=D(2025, 6, 2), closure_reason="RC8")

    # CEN003: referred last year; the assessment finished before the year (left out); a
    # child in need plan open all year. Two disabilities.
    c = child(
        "CEN003",
        3,
        disabilities=("LD", "AUT"),
        sex="M",
        date_of_birth=D(2010, 9, 9),
        ethnicity="MWBC",
    )
    e = _episode(c, D(2025, 1, 10), primary_need="N2", referral_source="5A")
    _assessment(e, D(2025, 1, 13), D(2025, 2, 20), factors=["5A"])
    _save(CINPlan(child=c, cin_episode=e, start_date=D(2025, 2, 25)))

    # CEN004: child protection in the year, and a previous plan from an earlier episode
    # (closed in 2023, so not returned) that NumberOfPreviousCPP counts.
    c = child("CEN004", 4, date_of_birth=D(2018, 11, 20), ethnicity="WOTH")
    old = _episode(c, D(2022, 3, 7), referral_source="6")
    _assessment(old, D(2022, 3, 8), D(2022, 4, 1), factors=["3A"])
    old_plan = _protection(old, D(2022, 3, 8), icpc=D(2022, 3, 29), category="EMO")
    _reviews(old_plan, D(2022, 6, 28))
    _end(
        old_plan,
        end_date=D(2022, 12, 14),
        end_reason=ChildProtectionPlan.EndReason.NO_LONGER_NEEDED,
    )
    _end(old, closure_date=D(2023, 1, 16), closure_reason="RC7")
    e = _episode(c, D(2025, 6, 2), referral_source="6")
    _assessment(e, D(2025, 6, 3), D(2025, 7, 10), factors=["3A", "4B", "16A"])
    plan = _protection(e, D(2025, 6, 5), icpc=D(2025, 6, 20), category="NEG")
    _reviews(plan, D(2025, 9, 12), D(2026, 3, 6))

    # CEN005: a plan from before the year, ended in the year; stepped down to a CIN plan.
    c = child(
        "CEN005",
        5,
        disabilities=("HEAR", "COMM"),
        sex="M",
        date_of_birth=D(2014, 4, 4),
        ethnicity="APKN",
    )
    e = _episode(c, D(2024, 10, 7), referral_source="2A")
    _assessment(e, D(2024, 10, 8), D(2024, 11, 20), factors=["2B", "3A"])
    plan = _protection(e, D(2024, 10, 14), icpc=D(2024, 11, 4), category="PHY")
    _reviews(plan, D(2025, 1, 27), D(2025, 7, 18))
    _end(plan, end_date=D(2025, 8, 15), end_reason=ChildProtectionPlan.EndReason.CHILD_IN_NEED)
    _save(CINPlan(child=c, cin_episode=e, start_date=D(2025, 8, 18)))

    # CEN006: a section 47 enquiry that found no conference was needed; case closed.
    c = child(
        "CEN006", 6, disabilities=("MOB", "VIS"), date_of_birth=D(2009, 1, 30), ethnicity="WIRI"
    )
    e = _episode(c, D(2025, 9, 1), referral_source="2A")
    _assessment(e, D(2025, 9, 2), D(2025, 10, 3), factors=["17A"])
    _protection(
        e,
        D(2025, 9, 3),
        end_date=D(2025, 9, 19),
        outcome=Section47Enquiry.Outcome.NFA,
    )
    _end(e, closure_date=D(2025, 10, 6), closure_reason="RC7")

    # CEN007: an unborn child (due after 31 March), assessment still going on at 31 March.
    c = child(
        "CEN007",
        7,
        upn="",
        upn_unknown_reason="UN1",
        date_of_birth=None,
        expected_date_of_birth=D(2026, 5, 10),
        sex="U",
    )
    e = _episode(c, D(2026, 1, 15), referral_source="3B", primary_need="N3")
    _assessment(e, D(2026, 2, 2))

    # CEN008: episode closed on 31 March 2025, the day before the year: not in the census.
    c = child("CEN008", 8)
    e = _episode(c, D(2024, 12, 2))
    _assessment(e, D(2024, 12, 3), D(2025, 1, 20), factors=["21"])
    _end(e, closure_date=D(2025, 3, 31), closure_reason="RC8")

    # CEN009: referred on 31 March 2026, the last day of the year: in the census.
    c = child(
        "CEN009",
        9,
        disabilities=("BEH", "PC"),
        sex="M",
        date_of_birth=D(2020, 12, 25),
        ethnicity="CHNE",
    )
    _episode(c, D(2026, 3, 31), referral_source="8", primary_need="N6")

    # CEN010: referred on 2 April 2026, after the year: not in the census.
    c = child("CEN010", 10)
    _episode(c, D(2026, 4, 2))

    # CEN011: a plan that ended before the year (left out) in an episode still open (a CIN
    # plan continues), with a late-authorised assessment: authorised after 31 March, so
    # returned as not yet complete.
    c = child("CEN011", 11, date_of_birth=D(2013, 7, 7), ethnicity="BCRB")
    e = _episode(c, D(2024, 6, 3), referral_source="2B")
    _assessment(e, D(2024, 6, 4), D(2024, 7, 15), factors=["16A"])
    plan = _protection(e, D(2024, 6, 5), icpc=D(2024, 6, 26))
    _reviews(plan, D(2024, 9, 20))
    _end(plan, end_date=D(2025, 3, 14), end_reason=ChildProtectionPlan.EndReason.CHILD_IN_NEED)
    _save(CINPlan(child=c, cin_episode=e, start_date=D(2025, 3, 17)))
    _assessment(e, D(2026, 2, 16), D(2026, 4, 14), factors=["4A"])

    # CEN012: moved in on a child protection plan: a transfer-in conference with no section 47
    # here, so its date is given on the referral (CINdetails DateOfInitialCPC).
    c = child(
        "CEN012",
        12,
        disabilities=("CON", "HAND"),
        sex="M",
        date_of_birth=D(2016, 10, 12),
        ethnicity="WROM",
    )
    e = _episode(c, D(2025, 9, 1), referral_source="5C")
    _assessment(e, D(2025, 9, 1), D(2025, 9, 26), factors=["1B", "3A"])
    plan = _plan(e, D(2025, 9, 10), "MUL", "NEG")
    _reviews(plan, D(2025, 12, 3))
    return children
