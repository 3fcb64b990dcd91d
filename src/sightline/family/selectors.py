"""Reads for a child's details and network, always from a child already fetched in the user's
scope (`child_for`), so a record of another child is a 404 exactly like a missing one."""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sightline.access.scope import children_visible_to
from sightline.people.models import (
    Adult,
    Child,
    ChildDetailChange,
    Household,
    HouseholdMember,
    Relationship,
)


def adults(child: Child) -> QuerySet[Relationship]:
    """The child's relationships to adults, parents first as the kinds are listed."""
    return child.relationships.filter(adult__isnull=False).select_related("adult").order_by("pk")


def adult_relationship_for(child: Child, pk: int) -> Relationship:
    return get_object_or_404(adults(child), pk=pk)


@dataclass(frozen=True)
class Sibling:
    """A brother or sister, linked once (on either child's record) and shown on both."""

    child: Child
    relationship: Relationship
    visible: bool  # whether the user may open the sibling's own record


def siblings(child: Child, user) -> list[Sibling]:
    links = Relationship.objects.filter(
        Q(child=child) | Q(other_child=child), other_child__isnull=False
    ).select_related("child", "other_child")
    others = {
        link.pk: link.other_child if link.child_id == child.pk else link.child for link in links
    }
    visible = set(
        children_visible_to(user)
        .filter(pk__in=[c.pk for c in others.values()])
        .values_list("pk", flat=True)
    )
    return [
        Sibling(others[link.pk], link, others[link.pk].pk in visible)
        for link in sorted(links, key=lambda link: others[link.pk].full_name)
    ]


def already_linked(child: Child, other: Child) -> bool:
    return Relationship.objects.filter(
        Q(child=child, other_child=other) | Q(child=other, other_child=child)
    ).exists()


def network(child: Child, user) -> list[tuple[str, str]]:
    """The people who may live with the child, as household choices: "adult:<id>" or
    "child:<id>", with how they are related."""
    people = [
        (f"adult:{r.adult_id}", f"{r.adult} ({r.get_kind_display().lower()})")
        for r in adults(child)
    ]
    for s in siblings(child, user):
        kind = s.relationship.get_kind_display().lower()
        people.append((f"child:{s.child.pk}", f"{s.child.full_name} ({kind})"))
    return people


def person(choice: str) -> dict[str, Adult | Child]:
    """The member a household choice names, as HouseholdMember's keyword (adult= or child=)."""
    kind, _, pk = choice.partition(":")
    model = Adult if kind == "adult" else Child
    return {kind: model.objects.get(pk=int(pk))}


def households(child: Child) -> QuerySet[Household]:
    """The households the child has lived in, the latest first, with everyone who lived there."""
    return (
        Household.objects.filter(members__child=child)
        .distinct()
        .prefetch_related("members__adult", "members__child")
        .order_by("-created_at", "-pk")
    )


def household_for(child: Child, pk: int) -> Household:
    return get_object_or_404(households(child), pk=pk)


def member_for(child: Child, pk: int) -> HouseholdMember:
    """Someone in one of the child's households."""
    return get_object_or_404(
        HouseholdMember.objects.filter(household__members__child=child).distinct(), pk=pk
    )


def changes(child: Child) -> QuerySet[ChildDetailChange]:
    return child.detail_changes.select_related("changed_by")


def shown(record: models.Model, name: str) -> str:
    """A value as a person reads it, and as the history of changes keeps it: a code with its
    meaning, a UK date, yes or no; "" when there is none."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)
