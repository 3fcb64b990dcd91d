"""Small builders for the records the indicators count. Synthetic data only.

Records are created directly (not through each app's services) because these tests pin what
the indicators count, not how the records are made; each builder fills only what a record
needs and takes the dates that matter as arguments. Where sightline.testing has a factory for
the record, the builder is that factory with the dates given.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from sightline.assessments.models import Assessment, MidpointCheck
from sightline.care.models import CareEpisode, CareReview, CareVisit, HealthCheck, MissingEpisode
from sightline.cin.models import CINEpisode
from sightline.frontdoor.models import Contact
from sightline.leaving_care.models import CareLeaverContact
from sightline.people.models import Allocation, Child, Worker
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    FamilyGroupConference,
    InitialChildProtectionConference,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.testing.factories import (
    AssessmentFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    MidpointCheckFactory,
    ServiceFactory,
    TeamFactory,
    WorkerFactory,
)


def child(**kwargs) -> Child:
    return ChildFactory(**kwargs)


def worker(role=Worker.Role.SOCIAL_WORKER, team=None, **kwargs) -> Worker:
    return WorkerFactory(role=role, team=team or TeamFactory(), **kwargs)


def team(name: str, service_name: str = "Children's services"):
    return TeamFactory(name=name, service=ServiceFactory(name=service_name))


def allocate(kid: Child, who: Worker, start: date, end: date | None = None, kind="social_worker"):
    return Allocation.objects.create(
        child=kid, worker=who, team=who.team, kind=kind, start_date=start, end_date=end
    )


def moment(d: date, hour: int = 10, minute: int = 0) -> datetime:
    """A London time on day `d`."""
    return timezone.make_aware(datetime.combine(d, time(hour, minute)))


def referral(kid: Child, on: date, **kwargs) -> CINEpisode:
    return CINEpisodeFactory(child=kid, referral_date=on, **kwargs)


def assessment(kid: Child, referred: date, authorised: date | None, **kwargs) -> Assessment:
    episode = referral(kid, referred)
    return AssessmentFactory(
        child=kid,
        cin_episode=episode,
        start_date=kwargs.pop("start", referred),
        authorised_date=authorised,
        **kwargs,
    )


def midpoint_check(item: Assessment, on: date, manager: Worker) -> MidpointCheck:
    return MidpointCheckFactory(assessment=item, manager=manager, date=on, direction="Go")


def contact(kid: Child, received, decided=None, decided_by=None, decision="nfa") -> Contact:
    return ContactFactory(
        child=kid,
        received_at=received,
        reported_by="School",
        summary="Worry",
        decision=decision if decided else "",
        decided_at=decided,
        decided_by=decided_by,
        rationale="Because" if decided else "",
    )


def s47_with_conference(kid: Child, strategy: date | None, s47_start: date, conference: date):
    episode = referral(kid, strategy or s47_start)
    discussion = (
        StrategyDiscussion.objects.create(child=kid, cin_episode=episode, date=strategy)
        if strategy
        else None
    )
    s47 = Section47Enquiry.objects.create(
        child=kid, cin_episode=episode, strategy_discussion=discussion, start_date=s47_start
    )
    return InitialChildProtectionConference.objects.create(
        child=kid, cin_episode=episode, section47=s47, date=conference, plan_made=True
    )


# What a plan needs that no indicator here turns on: its category of abuse.
PLAN_CATEGORY = {"initial_category": "NEG", "latest_category": "NEG"}


def plan(kid: Child, start: date, end: date | None = None, episode=None) -> ChildProtectionPlan:
    episode = episode or referral(kid, start)
    return ChildProtectionPlan.objects.create(
        child=kid, cin_episode=episode, start_date=start, end_date=end, **PLAN_CATEGORY
    )


def cp_review(item: ChildProtectionPlan, on: date) -> ChildProtectionReview:
    return ChildProtectionReview.objects.create(child=item.child, cp_plan=item, date=on)


def cp_visit(item: ChildProtectionPlan, on: date, seen: bool = True) -> ChildProtectionVisit:
    return ChildProtectionVisit.objects.create(
        child=item.child, cp_plan=item, visit_date=on, seen=seen, seen_alone=False
    )


def fgc(kid: Child, offered: date, item=None) -> FamilyGroupConference:
    return FamilyGroupConference.objects.create(child=kid, cp_plan=item, offered_date=offered)


# An episode of care unless a test says otherwise (SSDA903 codes): a new placement with new
# carers (S), on a care order (C2), for abuse or neglect (N1), with foster carers (U1).
EPISODE = {
    "reason_new_episode": "S",
    "legal_status": "C2",
    "category_of_need": "N1",
    "placement_type": "U1",
}


def care(kid: Child, start: date, end: date | None = None, **fields) -> CareEpisode:
    """A period of care from `start`; `fields` change the episode's codes (EPISODE)."""
    fields = {**EPISODE, "end_date": end, "reason_ceased": "E11" if end else "", **fields}
    return CareEpisode.objects.create(child=kid, start_date=start, **fields)


def looked_after(born: date, came_in: date, left: date | None = None, **kwargs) -> Child:
    """A child born on `born` who was looked after from `came_in` until `left`."""
    kid = child(date_of_birth=born, **kwargs)
    care(kid, came_in, left)
    return kid


def health(kid: Child, kind: str, on: date) -> HealthCheck:
    return HealthCheck.objects.create(child=kid, kind=kind, date=on)


def care_review(kid: Child, on: date) -> CareReview:
    return CareReview.objects.create(child=kid, date=on)


def care_visit(kid: Child, on: date, seen: bool = True) -> CareVisit:
    return CareVisit.objects.create(child=kid, visit_date=on, seen=seen, seen_alone=False)


def missing(kid: Child, returned, completed=None, offered=None, accepted=None) -> MissingEpisode:
    return MissingEpisode.objects.create(
        child=kid,
        kind="M",
        started_at=returned - (returned - returned.replace(hour=0, minute=0)),
        returned_at=returned,
        rhi_offered_at=offered,
        rhi_accepted=accepted,
        rhi_completed_at=completed,
    )


def keeping_in_touch(kid: Child, on: date, in_touch="YES", activity="", accommodation=""):
    return CareLeaverContact.objects.create(
        child=kid,
        contact_date=on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
    )
