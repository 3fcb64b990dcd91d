"""Every change performance makes: the council's local targets and child population (each one
transaction, checked with `full_clean()`, with one audit event), and the computed results it
keeps for reuse (derived data, not audited: they are recomputed from the records at will)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sightline.access.actor import Actor, as_actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require

from .catalogue import CATALOGUE
from .models import ChildPopulation, IndicatorTarget, ResultSnapshot


def set_target(actor: Actor, indicator_id: str, target, reason: str = "") -> IndicatorTarget:
    """Set (or, with target None, remove) the local target for one indicator."""
    require(actor, Action.SET_PERFORMANCE_TARGETS)
    if target not in (None, ""):
        try:
            target = Decimal(str(target))
        except InvalidOperation:
            raise ValidationError({"target": "Target must be a number, like 85 or 85.5."}) from None
    else:
        target = None
    with transaction.atomic():
        row = IndicatorTarget(
            indicator_id=indicator_id,
            target=target,
            changed_by=as_actor(actor).user,
            changed_at=timezone.now(),
            reason=(reason or "").strip(),
        )
        row.full_clean()
        row.save()
        name = CATALOGUE[indicator_id].name
        summary = (
            f"Removed the local target for {name}"
            if target is None
            else f"Set the local target for {name} to {target}"
        )
        log(
            actor,
            EventType.TARGET_SET,
            summary,
            obj=row,
            detail={
                "indicator": indicator_id,
                "target": None if target is None else str(target),
                "reason": row.reason,
            },
        )
    return row


def set_population(actor: Actor, year: int, count: int) -> ChildPopulation:
    """Enter (or correct) the ONS mid-year estimate of children aged 0 to 17 for `year`."""
    require(actor, Action.SET_PERFORMANCE_TARGETS)
    with transaction.atomic():
        row = ChildPopulation.objects.select_for_update().filter(year=year).first()
        before = row.count if row is not None else None
        row = row or ChildPopulation(year=year)
        row.count = count
        row.changed_by = as_actor(actor).user
        row.changed_at = timezone.now()
        row.full_clean(validate_unique=False)
        row.save()
        log(
            actor,
            EventType.POPULATION_SET,
            f"Set the child population for mid-{year} to {count:,}",
            obj=row,
            detail={"year": year, "count": count, "before": before},
        )
    return row


# Snapshots are only worth keeping while someone may ask the same question again.
SNAPSHOT_KEEP_DAYS = 7


def store_snapshot(key: str, stamp: str, seconds: float, payload) -> None:
    """Keep computed results for reuse. Two requests computing the same question at once both
    store; the second simply replaces the first. Snapshots older than a week are dropped."""
    values = {
        "data_stamp": stamp,
        "computed_at": timezone.now(),
        "seconds": seconds,
        "payload": payload,
    }
    try:
        with transaction.atomic():
            ResultSnapshot.objects.update_or_create(key=key, defaults=values)
    except IntegrityError:  # created by another request between our read and write
        ResultSnapshot.objects.filter(key=key).update(**values)
    stale = timezone.now() - timedelta(days=SNAPSHOT_KEEP_DAYS)
    ResultSnapshot.objects.filter(computed_at__lt=stale).delete()
