"""Merging two records of the same child: a duplicate into the record that is kept.

Duplicates arise at the front door (a child added while already known elsewhere), so the merge
lives here. Every record that points at the duplicate moves to the surviving child: they are
found through `Child`'s reverse relations, so a record type added later moves too without a
change here. The audit trail is the exception: its events keep the child they were about, so
the history of who saw and did what stays true. The duplicate keeps its row (and council ID)
with `merged_into` set, so scoped lists leave it out and old links can lead to the survivor.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from sightline.access.actor import Actor, as_actor
from sightline.access.audit import EventType, log
from sightline.access.models import AuditEvent
from sightline.access.policy import Action, require
from sightline.access.scope import children_visible_to
from sightline.access.writes import locked, required, saved
from sightline.people.models import Child, ChildDetailChange, Relationship

MERGED_FIELD = "merged_into"
# How each record's details history (and so its chronology) names the merge.
KEPT_LABEL = "Duplicate record merged into this one"
DUPLICATE_LABEL = "Record merged into another"
# Kept where they are: the audit trail is history, not the child's records.
STAYS = frozenset({AuditEvent})


def _links_to_child() -> list[models.ForeignKey]:
    """Every foreign key (or one-to-one) to `Child` from any model, hidden ones included
    (records reached through another carry `related_name="+"`)."""
    return [
        relation.field
        for relation in Child._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
        and relation.related_model not in STAYS
    ]


def _unique_sets(model: type[models.Model], field: str) -> list[tuple[str, ...]]:
    """The unconditional unique sets of `model` that include `field`, so a row that would
    break one once moved can be told apart ("one disability row per code")."""
    sets: list[tuple[str, ...]] = [tuple(s) for s in model._meta.unique_together]
    sets += [tuple(c.fields) for c in model._meta.total_unique_constraints]
    if model._meta.get_field(field).unique:
        sets.append((field,))
    return [s for s in sets if field in s]


def _move(link: models.ForeignKey, duplicate: Child, survivor: Child) -> dict[str, int]:
    """Point `link`'s rows at the survivor; where the survivor already has the same unique
    row, keep the survivor's and drop the duplicate's. Returns what was moved and dropped."""
    model, name = link.model, link.name
    rows = model._base_manager.filter(**{name: duplicate})
    dropped = 0
    for unique in _unique_sets(model, name):
        others = [f for f in unique if f != name]
        for row in rows.values(*others, "pk"):
            clash = {name: survivor, **{f: row[f] for f in others}}
            if model._base_manager.filter(**clash).exists():
                model._base_manager.filter(pk=row["pk"]).delete()
                dropped += 1
    moved = rows.update(**{name: survivor})
    return {"moved": moved, "dropped": dropped}


def _visible(actor: Actor):
    return (
        Child.objects.filter(merged_into__isnull=True)
        if actor.is_system
        else (children_visible_to(actor.user))
    )


def _find(actor: Actor, council_id: str | Child, field: str) -> Child:
    """The child in the actor's scope, or a message on the field that says the same for a
    child outside it as for no child at all."""
    if isinstance(council_id, Child):
        council_id = council_id.council_id
    council_id = (council_id or "").strip().upper()
    visible = _visible(actor)
    child = visible.filter(council_id__iexact=council_id).first()
    if child is not None:
        return child
    merged = Child.objects.filter(council_id__iexact=council_id, merged_into__in=visible).first()
    if merged is not None:
        raise ValidationError(
            {field: f"{merged.council_id} is already merged into {merged.merged_into.council_id}"}
        )
    raise ValidationError({field: f"There is no child with council ID {council_id} you can see"})


def merges_visible_to(user, limit: int = 20):
    """The latest merges whose surviving record the user may see: each the duplicate's own
    note of the merge (its child is the duplicate, `merged_into` the record kept)."""
    return (
        ChildDetailChange.objects.filter(
            field=MERGED_FIELD, child__merged_into__in=children_visible_to(user)
        )
        .select_related("child__merged_into", "changed_by")
        .order_by("-changed_at", "-pk")[:limit]
    )


def _note(actor: Actor, child: Child, label: str, other: Child, reason: str) -> None:
    """The merge in the child's details history, which their chronology shows."""
    saved(
        ChildDetailChange(
            child=child,
            field=MERGED_FIELD,
            label=label,
            new_value=f"{other.full_name} ({other.council_id})",
            reason=reason,
            changed_by=actor.worker,
            changed_at=timezone.now(),
        )
    )


@transaction.atomic
def merge_children(
    actor: Actor, *, duplicate: str | Child, survivor: str | Child, reason: str
) -> Child:
    """Merge the duplicate record into the survivor, all of it or none of it; returns the
    survivor. Both must be in the manager's scope and neither already merged."""
    actor = as_actor(actor)
    require(actor, Action.MERGE_CHILDREN)
    required(reason, "reason", "Enter why these records are the same child")
    duplicate = _find(actor, duplicate, "duplicate")
    survivor = _find(actor, survivor, "survivor")
    if duplicate.pk == survivor.pk:
        raise ValidationError({"survivor": "The record to keep must be a different record"})
    require(actor, Action.MERGE_CHILDREN, child=duplicate)
    require(actor, Action.MERGE_CHILDREN, child=survivor)
    duplicate, survivor = locked(duplicate), locked(survivor)
    moved: dict[str, dict[str, int]] = {}
    try:
        with transaction.atomic():
            for link in _links_to_child():
                counts = _move(link, duplicate, survivor)
                if counts["moved"] or counts["dropped"]:
                    moved[f"{link.model._meta.label}.{link.name}"] = counts
    except IntegrityError as error:
        # A rule this merge does not know how to settle (a conditional unique constraint).
        raise ValidationError(
            {
                "duplicate": "The records could not be merged: two of their records clash. "
                "Nothing was changed."
            }
        ) from error
    # A sibling link between the two records would now link the child to themself.
    Relationship.objects.filter(child=survivor, other_child=survivor).delete()
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["merged_into"])
    reason = reason.strip()
    _note(actor, survivor, KEPT_LABEL, duplicate, reason)
    _note(actor, duplicate, DUPLICATE_LABEL, survivor, reason)
    log(
        actor,
        EventType.CHILDREN_MERGED,
        f"Merged {duplicate.council_id} into {survivor.council_id}",
        child=survivor,
        obj=survivor,
        detail={
            "duplicate": duplicate.council_id,
            "survivor": survivor.council_id,
            "reason": reason,
            "moved": moved,
        },
    )
    # The duplicate's own trail says where it went, too.
    log(
        actor,
        EventType.CHILDREN_MERGED,
        f"Merged into {survivor.council_id}",
        child=duplicate,
        obj=duplicate,
        detail={"survivor": survivor.council_id, "reason": reason},
    )
    return survivor
