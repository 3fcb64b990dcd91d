"""A small synthetic council with a child on every Annex A list, dated from an as-at date.

For the tests (round trip, headers, value spellings) and for trying the export by hand; the
county-sized data comes from `sightline.synth.county`. Synthetic data only. Every record is
checked with the model's own `full_clean()` before it is saved, so the sample is data the
service itself would accept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.db import models, transaction

from sightline.assessments.models import Assessment, AssessmentChildSeen
from sightline.care.models import (
    AdoptionProcess,
    CareEpisode,
    CareReview,
    CareVisit,
    HealthCheck,
    MissingEpisode,
)
from sightline.cin.models import CINEpisode, CINPlan
from sightline.early_help.models import EarlyHelpAssessment, EarlyHelpEpisode
from sightline.frontdoor.models import Contact
from sightline.leaving_care.models import CareLeaverContact, PathwayPlan, PathwayPlanReview
from sightline.people.models import Allocation, Child, ChildDisability, Service, Team, Worker
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    InitialChildProtectionConference,
    Section47Enquiry,
    StrategyDiscussion,
)

LONDON = ZoneInfo("Europe/London")


@dataclass
class Sample:
    as_at: date
    children: dict[str, Child] = field(default_factory=dict)
    workers: dict[str, Worker] = field(default_factory=dict)


def _save(obj: models.Model) -> models.Model:
    obj.full_clean()
    obj.save()
    return obj


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 30), tzinfo=LONDON)


def _in_care(
    child: Child, start: date, legal_status: str, placement_type: str, **values
) -> CareEpisode:
    """An episode of care: unless `values` say otherwise, the start of a period of care (S),
    need N1, placed with provider PR1."""
    defaults = {"reason_new_episode": "S", "category_of_need": "N1", "placement_provider": "PR1"}
    return _save(
        CareEpisode(
            child=child,
            start_date=start,
            legal_status=legal_status,
            placement_type=placement_type,
            **(defaults | values),
        )
    )


@transaction.atomic
def build_sample(as_at: date) -> Sample:
    """Children AX1 to AX8, each on one or more lists as at `as_at` (which must be in the past
    by a day or more: records are dated up to `as_at`)."""
    sample = Sample(as_at)
    d = lambda days: as_at - timedelta(days=days)  # noqa: E731 - a local shorthand
    months = lambda n: as_at - relativedelta(months=n)  # noqa: E731

    service = _save(Service(name="Annex A sample service"))
    team = _save(Team(name="Annex A Safeguarding Team", service=service, kind="safeguarding"))
    leavers = _save(Team(name="Annex A Care Leavers Team", service=service, kind="care_leavers"))
    worker = _save(
        Worker(
            staff_id="AXW1",
            first_name="Rowan",
            last_name="Example",
            role="social_worker",
            team=team,
        )
    )
    adviser = _save(
        Worker(
            staff_id="AXW2",
            first_name="Sam",
            last_name="Adviser",
            role="personal_adviser",
            team=leavers,
        )
    )
    sample.workers = {"social_worker": worker, "personal_adviser": adviser}

    def child(code: str, born: date, sex: str, ethnicity: str, disability: str | None) -> Child:
        made = _save(
            Child(
                council_id=code,
                first_name="Sample",
                last_name=code,
                date_of_birth=born,
                sex=sex,
                ethnicity=ethnicity,
            )
        )
        if disability:
            _save(ChildDisability(child=made, code=disability))
        sample.children[code] = made
        return made

    # AX1: contact, referral, assessment, strategy discussion, section 47, conference, plan.
    a = child("AX1", date(2015, 6, 2), "F", "WBRI", "NONE")
    _save(Allocation(child=a, worker=worker, team=team, start_date=months(5)))
    _save(
        Contact(
            child=a,
            received_at=_at(months(5)),
            source="2A",
            reported_by="Class teacher",
            summary="Bruising seen at school.",
            consent=Contact.Consent.GIVEN,
        )
    )
    referral = _save(
        CINEpisode(child=a, referral_date=months(5), referral_source="2A", primary_need="N1")
    )
    assessment = _save(
        Assessment(
            child=a,
            cin_episode=referral,
            start_date=months(5),
            authorised_date=months(5) + timedelta(days=30),
            outcome=Assessment.Outcome.STRATEGY_DISCUSSION,
            outcome_reasons="Significant harm suspected.",
        )
    )
    _save(
        AssessmentChildSeen(
            assessment=assessment, child=a, date=months(5) + timedelta(days=2), seen_alone=True
        )
    )
    discussion = _save(
        StrategyDiscussion(child=a, cin_episode=referral, date=months(4), outcome="s47")
    )
    s47 = _save(
        Section47Enquiry(
            child=a,
            cin_episode=referral,
            strategy_discussion=discussion,
            start_date=months(4),
            outcome=Section47Enquiry.Outcome.ICPC,
        )
    )
    conference = _save(
        InitialChildProtectionConference(
            child=a,
            cin_episode=referral,
            section47=s47,
            date=months(4) + timedelta(days=14),
            plan_made=True,
        )
    )
    plan = _save(
        ChildProtectionPlan(
            child=a,
            cin_episode=referral,
            icpc=conference,
            start_date=conference.date,
            initial_category="PHY",
            latest_category="MUL",
        )
    )
    _save(ChildProtectionReview(child=a, cp_plan=plan, date=months(1), latest_category="MUL"))
    _save(ChildProtectionVisit(child=a, cp_plan=plan, visit_date=d(5), seen=True, seen_alone=True))

    # AX2: a child in need whose case closed in the period; the referral came from the police.
    b = child("AX2", date(2011, 1, 20), "M", "MWBC", "LD")
    _save(Allocation(child=b, worker=worker, team=team, start_date=months(14), end_date=months(2)))
    old = _save(
        CINEpisode(
            child=b,
            referral_date=months(14),
            referral_source="6",
            primary_need="N4",
            closure_date=months(2),
            closure_reason="RC7",
        )
    )
    _save(CINPlan(child=b, cin_episode=old, start_date=months(13), end_date=months(2)))
    _save(
        CINEpisode(
            child=b,
            referral_date=months(1),
            referral_source="6",
            referral_nfa=True,
            closure_date=months(1),
            closure_reason="RC8",
        )
    )

    # AX3: in care: section 20, then a care order (L), then a new placement (P).
    c = child("AX3", date(2012, 9, 9), "F", "BAFR", None)
    _save(Allocation(child=c, worker=worker, team=team, start_date=months(20)))
    episodes = [
        (months(20), "S", "V2", "U6", months(15), "X1"),
        (months(15), "L", "C2", "U6", months(3), "X1"),
        (months(3), "P", "C2", "U4", None, ""),
    ]
    for start, rne, status, place, end, ceased in episodes:
        _in_care(
            c,
            start,
            status,
            place,
            reason_new_episode=rne,
            placement_postcode="SL1 4AB",
            urn="SC123456",
            end_date=end,
            reason_ceased=ceased,
        )
    _save(CareReview(child=c, date=months(2)))
    _save(CareVisit(child=c, visit_date=d(12), seen=True, seen_alone=True))
    _save(HealthCheck(child=c, kind=HealthCheck.Kind.REVIEW, date=months(4)))
    _save(HealthCheck(child=c, kind=HealthCheck.Kind.DENTAL, date=months(5)))
    _save(
        MissingEpisode(
            child=c,
            kind="M",
            started_at=_at(months(2)),
            returned_at=_at(months(2) + timedelta(days=1)),
            rhi_offered_at=_at(months(2) + timedelta(days=2)),
            rhi_accepted=True,
        )
    )

    # AX4: a care leaver with a pathway plan, a personal adviser and a keeping-in-touch record.
    e = child("AX4", as_at - relativedelta(years=19, months=3), "M", "AIND", "NONE")
    _in_care(
        e,
        as_at - relativedelta(years=4),
        "C2",
        "U4",
        category_of_need="N5",
        placement_provider="PR4",
        placement_postcode="SL2 3CD",
        end_date=as_at - relativedelta(years=1, months=3),
        reason_ceased="E8",
    )
    _save(
        Allocation(
            child=e, worker=adviser, team=leavers, kind="personal_adviser", start_date=months(30)
        )
    )
    pathway = _save(PathwayPlan(child=e, start_date=months(30), personal_adviser=adviser))
    _save(PathwayPlanReview(child=e, pathway_plan=pathway, date=months(2)))
    _save(
        CareLeaverContact(
            child=e, contact_date=months(1), in_touch="YES", activity="F2", accommodation="U1"
        )
    )

    # AX5: adoption: in care, a decision, a placement order and a match within 12 months.
    f = child("AX5", as_at - relativedelta(years=2), "M", "WOTH", None)
    _in_care(f, months(11), "C1", "U5", placement_postcode="SL3 5EF")
    _save(
        AdoptionProcess(
            child=f,
            should_be_placed_date=months(8),
            placement_order_date=months(6),
            matched_date=months(2),
        )
    )

    # AX6: a period of care that ended in the period (returned home).
    g = child("AX6", date(2010, 3, 3), "U", "NOBT", None)
    _in_care(
        g,
        months(9),
        "V2",
        "U6",
        category_of_need="N4",
        placement_provider="PR4",
        placement_postcode="SL4 7GH",
        end_date=months(3),
        reason_ceased="E4A",
    )

    # AX7: early help (list 2 only).
    h = child("AX7", date(2019, 11, 11), "F", "CHNE", None)
    episode = _save(
        EarlyHelpEpisode(child=h, origin=EarlyHelpEpisode.Origin.REQUEST, start_date=months(3))
    )
    _save(
        EarlyHelpAssessment(
            child=h,
            episode=episode,
            start_date=months(3),
            completed_date=months(2),
            organisation="Sample Primary School",
            child_views="Wants help with reading.",
            next_steps="Family support worker weekly.",
        )
    )
    return sample
