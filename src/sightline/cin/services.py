"""Every change to children in need records. Each function is one transaction, validates every
record it writes with `full_clean()` and writes one audit event; bad input raises a
ValidationError naming the field and nothing is saved.

Team and service managers start and end child in need plans (a management decision); social
workers and managers record reviews, visits and disabled children's packages of care.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.writes import recorded, required
from sightline.people.models import Child
from sightline.web.dates import long_date

from .models import (
    CINEpisode,
    CINPlan,
    CINPlanReview,
    CINVisit,
    DisabledChildrenPackage,
    NeedsReassessment,
    PackageSupportReview,
)

# -- child in need plans ---------------------------------------------------------------------


@transaction.atomic
def start_plan(actor: Actor, episode: CINEpisode, *, start_date: date | None) -> CINPlan:
    require(actor, Action.MANAGE_CIN_PLAN, child=episode.child)
    if episode.closure_date is not None or episode.referral_nfa:
        raise ValidationError("This referral is closed: a child in need plan cannot start on it.")
    if episode.cin_plans.filter(end_date__isnull=True).exists():
        raise ValidationError("This referral already has a child in need plan in place.")
    required(start_date, "start_date", "Enter the plan start date.")
    plan = CINPlan(child=episode.child, cin_episode=episode, start_date=start_date)
    summary = f"Started a child in need plan from {long_date(start_date)}"
    return recorded(actor, plan, EventType.CIN_PLAN_STARTED, summary)


@transaction.atomic
def end_plan(actor: Actor, plan: CINPlan, *, end_date: date | None) -> CINPlan:
    require(actor, Action.MANAGE_CIN_PLAN, child=plan.child)
    if plan.end_date is not None:
        raise ValidationError(f"This plan ended on {long_date(plan.end_date)}.")
    required(end_date, "end_date", "Enter the plan end date.")
    plan.end_date = end_date
    plan.full_clean()
    later = [
        *plan.reviews.filter(date__gt=end_date).values_list("date", flat=True),
        *plan.visits.filter(visit_date__gt=end_date).values_list("visit_date", flat=True),
    ]
    if later:
        raise ValidationError(
            {
                "end_date": "End date must be on or after the last review or visit "
                f"({long_date(max(later))})."
            }
        )
    plan.save(update_fields=["end_date"])
    log(
        actor,
        EventType.CIN_PLAN_ENDED,
        f"Ended the child in need plan on {long_date(end_date)}",
        child=plan.child,
        obj=plan,
    )
    return plan


@transaction.atomic
def record_plan_review(
    actor: Actor,
    plan: CINPlan,
    *,
    date: date | None,
    summary: str,
) -> CINPlanReview:
    worker = require(actor, Action.RECORD_CIN_WORK, child=plan.child)
    required(date, "date", "Enter the review date.")
    review = CINPlanReview(
        cin_plan=plan, child=plan.child, date=date, summary=summary.strip(), worker=worker
    )
    event = f"Recorded a child in need plan review on {long_date(date)}"
    return recorded(actor, review, EventType.CIN_PLAN_REVIEWED, event)


@transaction.atomic
def record_visit(
    actor: Actor,
    plan: CINPlan,
    *,
    visit_date: date | None,
    seen: bool | None,
    seen_alone: bool | None,
    **narrative: str | bool | None,
) -> CINVisit:
    """`narrative`: whether the visit was announced, what was observed, the child's words,
    the analysis and the actions (`people.records.narrative_fields`)."""
    worker = require(actor, Action.RECORD_CIN_WORK, child=plan.child)
    required(visit_date, "visit_date", "Enter the visit date.")
    required(seen, "seen", "Select yes if the child was seen.")
    required(seen_alone, "seen_alone", "Select yes if the child was seen alone.")
    if plan.end_date is not None and visit_date > plan.end_date:
        raise ValidationError(
            {
                "visit_date": "Visit date must be on or before the plan end "
                f"({long_date(plan.end_date)})."
            }
        )
    visit = CINVisit(
        child=plan.child,
        cin_plan=plan,
        visit_date=visit_date,
        seen=seen,
        seen_alone=seen_alone,
        worker=worker,
        **narrative,
    )
    how = "seen alone" if seen_alone else ("seen" if seen else "not seen")
    summary = f"Recorded a child in need visit on {long_date(visit_date)} (child {how})"
    return recorded(actor, visit, EventType.CIN_VISIT_RECORDED, summary)


# -- disabled children's packages of care ----------------------------------------------------


@transaction.atomic
def create_package(
    actor: Actor,
    child: Child,
    *,
    start_date: date | None,
    support: str,
    needs_reassessment_due: date | None,
    end_date: date | None = None,
) -> DisabledChildrenPackage:
    worker = require(actor, Action.RECORD_CIN_WORK, child=child)
    required(start_date, "start_date", "Enter the package start date.")
    required(
        needs_reassessment_due, "needs_reassessment_due", "Enter the needs reassessment due date."
    )
    package = DisabledChildrenPackage(
        child=child,
        start_date=start_date,
        end_date=end_date,
        support=support.strip(),
        needs_reassessment_due=needs_reassessment_due,
        worker=worker,
    )
    summary = (
        f"Recorded a package of care from {long_date(start_date)}; needs reassessment due "
        f"{long_date(needs_reassessment_due)}"
    )
    return recorded(actor, package, EventType.PACKAGE_CREATED, summary)


@transaction.atomic
def record_support_review(
    actor: Actor,
    package: DisabledChildrenPackage,
    *,
    date: date | None,
    notes: str = "",
) -> PackageSupportReview:
    worker = require(actor, Action.RECORD_CIN_WORK, child=package.child)
    required(date, "date", "Enter the date the support was reviewed.")
    if package.end_date is not None and date > package.end_date:
        raise ValidationError(
            {
                "date": "Date the support was reviewed must be on or before the package end "
                f"({long_date(package.end_date)})."
            }
        )
    review = PackageSupportReview(
        package=package, child=package.child, date=date, notes=notes.strip(), worker=worker
    )
    summary = f"Recorded a review of the support in a package of care on {long_date(date)}"
    return recorded(actor, review, EventType.PACKAGE_REVIEWED, summary)


@transaction.atomic
def record_needs_reassessment(
    actor: Actor,
    package: DisabledChildrenPackage,
    *,
    date: date | None,
    next_due: date | None,
) -> NeedsReassessment:
    """The child's needs reassessed: met against the date it was due, and the next one set."""
    worker = require(actor, Action.RECORD_CIN_WORK, child=package.child)
    required(date, "date", "Enter the date the needs were reassessed.")
    required(next_due, "next_due", "Enter the next reassessment due date.")
    reassessment = NeedsReassessment(
        package=package,
        child=package.child,
        date=date,
        was_due=package.needs_reassessment_due,
        next_due=next_due,
        worker=worker,
    )
    reassessment.full_clean()
    latest = package.needs_last_reassessed
    if latest is not None and date <= latest:
        raise ValidationError(
            {
                "date": "Date the needs were reassessed must be after the last reassessment "
                f"({long_date(latest)})."
            }
        )
    reassessment.save()
    package.needs_last_reassessed = date
    package.needs_reassessment_due = next_due
    package.full_clean()
    package.save(update_fields=["needs_last_reassessed", "needs_reassessment_due"])
    log(
        actor,
        EventType.NEEDS_REASSESSED,
        f"Recorded the child's needs reassessed on {long_date(date)} (due "
        f"{long_date(reassessment.was_due)}); next due {long_date(next_due)}",
        child=package.child,
        obj=reassessment,
    )
    return reassessment
