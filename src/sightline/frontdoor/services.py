"""Every change at the front door: recording a contact, the handover of an out-of-hours contact,
the decision, the manager's authorisation, and the weekly dip sample of "no further action".

Each function takes the `Actor`, checks the action with the access policy (against the child,
where there is one), and is one transaction: every record is checked with `full_clean()` before
it is saved, anything wrong raises a ValidationError naming the field and nothing is saved, and
a typed audit event is written for each child the change touches.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from sightline.access.actor import Actor, as_actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.scope import records_visible_to
from sightline.access.writes import locked, recorded, required, saved
from sightline.cin.models import CINEpisode
from sightline.people.models import Child
from sightline.plugins import discover
from sightline.timescales.engine import local_date

from .models import Contact, DecisionAuthorisation, DipSampleDraw, DipSampleItem, DipSamplePolicy

Decision = Contact.Decision
# Decisions that open a referral (a CIN episode): the census counts a referral from here.
REFERRAL_DECISIONS = frozenset({Decision.REFERRAL, Decision.STRATEGY})
# A referral closed at the front door is "referral no further action" (RC8 in the census).
REFERRAL_NFA_CLOSURE = "RC8"
COUNCIL_ID_PREFIX = "CH"


# -- recording a contact ----------------------------------------------------------------------


@dataclass(frozen=True)
class NewChild:
    """A child the council does not know yet, as the front door records them."""

    first_name: str
    last_name: str
    sex: str
    ethnicity: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def new_group_reference() -> str:
    # Random rather than a counter: two contacts recorded at the same moment must never share
    # a reference, or two households would be screened as one.
    return f"GRP-{uuid.uuid4().hex[:8].upper()}"


def _next_council_id() -> str:
    last = (
        Child.objects.filter(council_id__regex=rf"^{COUNCIL_ID_PREFIX}[0-9]+$")
        .order_by(Length("council_id").desc(), "-council_id")
        .values_list("council_id", flat=True)
        .first()
    )
    number = int(last[len(COUNCIL_ID_PREFIX) :]) + 1 if last else 1
    return f"{COUNCIL_ID_PREFIX}{number:06d}"


def _add_child(details: NewChild) -> Child:
    child = Child(
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        sex=details.sex,
        ethnicity=details.ethnicity,
        date_of_birth=details.date_of_birth,
        expected_date_of_birth=details.expected_date_of_birth,
        nhs_number=details.nhs_number,
        upn=details.upn,
    )
    for _attempt in range(5):
        child.council_id = _next_council_id()
        child.full_clean()
        try:
            # A savepoint, so that losing a race for the same ID to another user's contact
            # costs one retry, not the whole contact.
            with transaction.atomic():
                child.save()
            return child
        except IntegrityError:
            continue
    raise ValidationError("A council ID could not be given to the new child. Try again.")


@transaction.atomic
def record_contact(
    actor: Actor,
    *,
    children: Sequence[Child | NewChild],
    received_at: datetime,
    source: str,
    reported_by: str,
    summary: str,
    consent: str,
    out_of_hours: bool = False,
    handover_note: str = "",
) -> list[Contact]:
    """One contact about one or more children: a Contact row for each, sharing a group
    reference, with any new children added. All of it is saved, or none of it.

    The role is checked, not each child's scope: a contact is how a child comes to the front
    door's notice, so it cannot wait for the child to be in scope. The pages offer children
    found within the user's scope, and known children chosen from the possible matches shown
    before a new child is added (`matching.py`), whom the contact then brings into scope.
    """
    worker = require(actor, Action.RECORD_CONTACT)
    if any(isinstance(entry, NewChild) for entry in children):
        require(actor, Action.ADD_NEW_CHILD)
    if not children:
        raise ValidationError({"children": "Select or add the children the contact is about."})
    if received_at is not None and received_at > timezone.now():
        # check_dates compares dates; a time later today is just as impossible.
        raise ValidationError({"received_at": "Date and time received must be now or in the past."})
    seen: set[int] = set()
    reference = new_group_reference()
    now = timezone.now()
    contacts = []
    for entry in children:
        if isinstance(entry, NewChild):
            child = _add_child(entry)
            log(
                actor,
                EventType.CHILD_ADDED,
                "Added the child at the front door",
                child=child,
                obj=child,
            )
        else:
            child = entry
            if child.pk in seen:
                continue
        seen.add(child.pk)
        contact = Contact(
            child=child,
            group_reference=reference,
            received_at=received_at,
            source=source,
            reported_by=reported_by.strip(),
            summary=summary.strip(),
            consent=consent,
            out_of_hours=out_of_hours,
            handover_note=handover_note.strip(),
            recorded_by=worker,
            recorded_at=now,
        )
        event = "Recorded a contact" + (" (out of hours)" if out_of_hours else "")
        detail = {"group_reference": reference, "source": source}
        contacts.append(recorded(actor, contact, EventType.CONTACT_RECORDED, event, detail=detail))
    return contacts


@transaction.atomic
def acknowledge_handover(actor: Actor, contact: Contact) -> list[Contact]:
    """The day team takes over an out-of-hours contact: who and when, for each child in it.

    The other children in the same contact are acknowledged with it where the actor may see
    them too.
    """
    actor = as_actor(actor)
    worker = require(actor, Action.DECIDE_CONTACT, child=contact.child)
    if not contact.out_of_hours:
        raise ValidationError({"handover_note": "This contact was not made out of hours."})
    if contact.handover_acknowledged_at is not None:
        raise ValidationError({"handover_note": "The handover has already been acknowledged."})
    group = Q(pk=contact.pk)
    if contact.group_reference:
        group |= Q(group_reference=contact.group_reference)
    visible = Contact.objects.all() if actor.is_system else records_visible_to(actor.user, Contact)
    now = timezone.now()
    rows = list(
        visible.select_for_update(of=("self",))
        .filter(group, out_of_hours=True, handover_acknowledged_at__isnull=True)
        .select_related("child")
    )
    for row in rows:
        row.handover_acknowledged_at, row.handover_acknowledged_by = now, worker
        row.full_clean()
        row.save(update_fields=["handover_acknowledged_at", "handover_acknowledged_by"])
        log(
            actor,
            EventType.HANDOVER_ACKNOWLEDGED,
            "Acknowledged the out-of-hours handover",
            child=row.child,
            obj=row,
        )
    return rows


# -- deciding and authorising -----------------------------------------------------------------


def open_referral(child: Child) -> CINEpisode | None:
    """The child's open referral, if there is one: not closed, not ended with no further
    action. The CIN census allows one open referral a child at a time."""
    return (
        CINEpisode.objects.filter(child=child, closure_date__isnull=True, referral_nfa=False)
        .order_by("-referral_date", "-pk")
        .first()
    )


def _refer(contact: Contact, on: date) -> dict:
    """Link the contact to the child's open referral, or open one from it."""
    episode = open_referral(contact.child)
    if episode is not None:
        contact.cin_episode = episode
        return {"referral_joined": episode.pk}
    episode = saved(
        CINEpisode(child=contact.child, referral_date=on, referral_source=contact.source)
    )
    contact.cin_episode = episode
    return {"referral": episode.pk}


def _opened_by(contact: Contact, episode: CINEpisode) -> bool:
    """Whether this contact's decision opened the referral, rather than joined one already
    open: it is the only contact on it, and the referral is dated the day it was decided."""
    alone = not episode.contacts.exclude(pk=contact.pk).exists()
    decided = contact.decided_at
    return alone and decided is not None and episode.referral_date == local_date(decided)


def _leave_referral(contact: Contact) -> dict:
    """The decision no longer refers: close the referral it opened as "no further action", or
    leave a referral it only joined open for the contacts that made it."""
    episode = contact.cin_episode
    if _opened_by(contact, episode):
        _close_referral_nfa(episode)
        return {"referral_closed": episode.pk}
    contact.cin_episode = None
    contact.save(update_fields=["cin_episode"])
    return {"referral_left": episode.pk}


def _close_referral_nfa(episode: CINEpisode) -> None:
    if episode.closure_date is not None:
        return
    episode.referral_nfa = True
    episode.closure_date = episode.referral_date
    episode.closure_reason = REFERRAL_NFA_CLOSURE
    saved(episode)


def _apply(actor: Actor, contact: Contact, old: str, new: str, when: datetime) -> dict:
    """Make the records the decision `new` needs, undoing what `old` made: a referral for a
    referral or strategy discussion (the child's open referral, where there is one, so the
    census sees one referral, not two), an early help episode for early help (through the
    service's `front_door_handover.py`, so the front door imports no early help code)."""
    handovers = {module.DECISION: module for module in discover("front_door_handover")}
    made: dict = {}
    on = local_date(when)
    if new in REFERRAL_DECISIONS and contact.cin_episode is None:
        made.update(_refer(contact, on))
        contact.save(update_fields=["cin_episode"])
    if old in REFERRAL_DECISIONS and new not in REFERRAL_DECISIONS and contact.cin_episode:
        made.update(_leave_referral(contact))
    if new in handovers:
        made[new] = handovers[new].start(actor, contact, start_date=on).pk
    if old in handovers and new != old:
        made[f"{old}_ended"] = handovers[old].end(actor, contact, end_date=on)
    return made


@transaction.atomic
def record_decision(actor: Actor, contact: Contact, *, decision: str, rationale: str) -> Contact:
    """The worker's decision on a contact, with the rationale. It then waits for a manager."""
    worker = require(actor, Action.DECIDE_CONTACT, child=contact.child)
    contact = locked(contact)
    if contact.decision:
        raise ValidationError({"decision": "A decision has already been made on this contact."})
    if decision not in Decision.values:
        raise ValidationError({"decision": "Select the decision."})
    contact.decision = decision
    contact.rationale = (rationale or "").strip()
    contact.decided_at = timezone.now()
    contact.decided_by = worker
    contact.full_clean()
    contact.save(update_fields=["decision", "rationale", "decided_at", "decided_by"])
    made = _apply(actor, contact, "", decision, contact.decided_at)
    log(
        actor,
        EventType.CONTACT_DECIDED,
        f"Decided on the contact: {contact.get_decision_display()}",
        child=contact.child,
        obj=contact,
        detail={"decision": decision, **made},
    )
    return contact


@transaction.atomic
def authorise_decision(
    actor: Actor,
    contact: Contact,
    *,
    outcome: str,
    new_decision: str = "",
    reasons: str = "",
) -> DecisionAuthorisation:
    """A manager agrees the decision, or overturns it with reasons and the decision instead."""
    worker = require(actor, Action.AUTHORISE_DECISION, child=contact.child)
    Outcome = DecisionAuthorisation.Outcome
    contact = locked(contact)
    if not contact.decision:
        raise ValidationError({"outcome": "There is no decision on this contact to authorise."})
    if DecisionAuthorisation.objects.filter(contact=contact).exists():
        raise ValidationError({"outcome": "This decision has already been authorised."})
    if worker is not None and contact.decided_by_id == worker.pk:
        raise ValidationError(
            {"outcome": "You made this decision: another manager must authorise it."}
        )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Select whether you agree or overturn the decision."})
    reasons = (reasons or "").strip()
    if outcome == Outcome.OVERTURNED:
        problems = {}
        if new_decision not in Decision.values:
            problems["new_decision"] = "Select the decision instead."
        elif new_decision == contact.decision:
            problems["new_decision"] = "The decision instead must differ from the one made."
        if not reasons:
            problems["reasons"] = "Enter the reasons for overturning the decision."
        if problems:
            raise ValidationError(problems)
    else:
        new_decision = ""
    authorisation = saved(
        DecisionAuthorisation(
            contact=contact,
            child=contact.child,
            manager=worker,
            authorised_at=timezone.now(),
            outcome=outcome,
            new_decision=new_decision,
            reasons=reasons,
        )
    )
    made: dict = {}
    if outcome == Outcome.OVERTURNED:
        made = _apply(actor, contact, contact.decision, new_decision, authorisation.authorised_at)
        event = EventType.DECISION_OVERTURNED
        summary = (
            f"Overturned the decision ({contact.get_decision_display()}): "
            f"{Decision(new_decision).label} instead"
        )
    else:
        event = EventType.DECISION_AUTHORISED
        summary = f"Agreed the decision ({contact.get_decision_display()})"
    log(
        actor,
        event,
        summary,
        child=contact.child,
        obj=authorisation,
        detail={"contact": contact.pk, "outcome": outcome, **made},
    )
    return authorisation


# -- dip sampling -----------------------------------------------------------------------------


def current_dip_sample_share() -> int:
    policy = DipSamplePolicy.objects.order_by("-changed_at", "-id").first()
    return policy.share_percent if policy else DipSamplePolicy.DEFAULT_SHARE


@transaction.atomic
def set_dip_sample_share(actor: Actor, *, share_percent: int, reason: str) -> DipSamplePolicy:
    actor = as_actor(actor)
    require(actor, Action.SET_DIP_SAMPLE_SHARE)
    required(reason, "reason", "Enter why the share is changing.")
    policy = saved(
        DipSamplePolicy(
            share_percent=share_percent,
            changed_by=actor.user,
            changed_at=timezone.now(),
            reason=reason.strip(),
        )
    )
    log(
        actor,
        EventType.DIP_SAMPLE_SHARE_SET,
        f"Set the dip sample share to {share_percent}%",
        obj=policy,
        detail={"share_percent": share_percent, "reason": policy.reason},
    )
    return policy


def week_bounds(week_start: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, London time."""
    start = timezone.make_aware(datetime.combine(week_start, time.min))
    end = timezone.make_aware(datetime.combine(week_start + timedelta(days=7), time.min))
    return start, end


def authorised_nfa_in_week(week_start: date) -> QuerySet[Contact]:
    """Contacts whose decision stands as "no further action", authorised in that week."""
    start, end = week_bounds(week_start)
    Outcome = DecisionAuthorisation.Outcome
    return Contact.objects.filter(
        authorisation__authorised_at__gte=start, authorisation__authorised_at__lt=end
    ).filter(
        Q(authorisation__outcome=Outcome.AGREED, decision=Decision.NFA)
        | Q(authorisation__outcome=Outcome.OVERTURNED, authorisation__new_decision=Decision.NFA)
    )


def sample_size(population: int, share_percent: int) -> int:
    """The share of the population, rounded up: any NFA that week means at least one look."""
    return min(population, math.ceil(population * share_percent / 100))


def default_seed(week_start: date) -> str:
    return f"dip-sample-{week_start.isoformat()}"


def draw_weekly_sample(
    actor: Actor, week_start: date, seed: str | int | None = None, *, today: date | None = None
) -> DipSampleDraw:
    """Draw the week's dip sample at random, once.

    The draw is seeded from the week (and `seed`, if given), so the same inputs always pick the
    same contacts; and once a week is drawn it is kept, so running this again for the same week
    returns that draw rather than drawing again. Only finished weeks can be drawn, so no
    decision authorised later that week is left out of the population. The weekly job draws as
    the system actor `Actor.system("Weekly dip sample")`.
    """
    actor = as_actor(actor)
    require(actor, Action.VIEW_DIP_SAMPLES)
    if week_start.weekday() != 0:
        raise ValidationError({"week_start": "Week beginning must be a Monday."})
    today = today or timezone.localdate()
    if week_start + timedelta(days=7) > today:
        raise ValidationError(
            {"week_start": "That week has not finished: draw its sample from the Monday after."}
        )
    existing = DipSampleDraw.objects.filter(week_start=week_start).first()
    if existing is not None:
        return existing
    seed_text = str(seed) if seed is not None else default_seed(week_start)
    try:
        with transaction.atomic():
            population = list(
                authorised_nfa_in_week(week_start)
                .order_by("pk")
                .values_list("pk", "child_id")
                .distinct()
            )
            share = current_dip_sample_share()
            # A string seed is hashed with SHA-512 by `random`, so the draw is the same in
            # every process and on every machine (unlike Python's salted hash()).
            rng = random.Random(f"{week_start.isoformat()}|{seed_text}")
            chosen = sorted(rng.sample(population, sample_size(len(population), share)))
            draw = saved(
                DipSampleDraw(
                    week_start=week_start,
                    drawn_at=timezone.now(),
                    drawn_by=actor.user,
                    share_percent=share,
                    seed=seed_text,
                    population=len(population),
                )
            )
            for contact_id, child_id in chosen:
                saved(DipSampleItem(draw=draw, contact_id=contact_id, child_id=child_id))
            log(
                actor,
                EventType.DIP_SAMPLE_DRAWN,
                f"Drew the dip sample for the week beginning {week_start:%d/%m/%Y}: "
                f"{len(chosen)} of {len(population)} no further action decisions",
                obj=draw,
                detail={"contacts": [c for c, _ in chosen], "share_percent": share},
            )
    except IntegrityError:
        # Someone else drew the same week at the same moment: theirs stands.
        return DipSampleDraw.objects.get(week_start=week_start)
    return draw


def last_finished_week(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def draw_last_week(actor: Actor, today: date | None = None) -> list[str]:
    """For the command line (or a weekly job): draw last week's sample and say what happened."""
    week = last_finished_week(today)
    draw = draw_weekly_sample(actor, week, today=today)
    lines = [
        f"Dip sample for the week beginning {week:%d/%m/%Y}: {draw.items.count()} of "
        f"{draw.population} authorised no further action decisions ({draw.share_percent}%)"
    ]
    for item in draw.items.select_related("contact", "child"):
        lines.append(
            f"  {item.child.council_id}  contact received "
            f"{timezone.localtime(item.contact.received_at):%d/%m/%Y %H:%M}"
        )
    return lines


@transaction.atomic
def review_dip_sample(
    actor: Actor, item: DipSampleItem, *, finding: str, comments: str
) -> DipSampleItem:
    """The second look: agree, needed more follow-up, or should have been a referral."""
    worker = require(actor, Action.REVIEW_DIP_SAMPLE, child=item.child)
    item = locked(item)
    if item.finding:
        raise ValidationError({"finding": "This contact has already been reviewed."})
    if finding not in DipSampleItem.Finding.values:
        raise ValidationError({"finding": "Select your finding."})
    contact = item.contact
    authorisation = DecisionAuthorisation.objects.filter(contact=contact).first()
    if worker is not None and (
        worker.pk == contact.decided_by_id
        or (authorisation is not None and worker.pk == authorisation.manager_id)
    ):
        raise ValidationError(
            {"finding": "You made or authorised this decision: someone else must review it."}
        )
    item.finding, item.comments = finding, (comments or "").strip()
    item.reviewed_by, item.reviewed_at = worker, timezone.now()
    summary = f"Dip sample review: {item.get_finding_display()}"
    detail = {"contact": contact.pk, "finding": finding}
    return recorded(actor, item, EventType.DIP_SAMPLE_REVIEWED, summary, detail=detail)
