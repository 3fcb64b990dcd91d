"""Every change to a child's details and network. Each function is one transaction that checks
the policy (`EDIT_CHILD_DETAILS`), validates every record it writes with `full_clean()` and
writes one audit event; bad input raises a ValidationError naming the field, and nothing is
saved.

A change to the child's own details (names, identifiers, birth, address, ...) must say why, and
keeps the old value, the new, who and when: one `ChildDetailChange` per field changed, which the
child's chronology shows ("Details changed: NHS number").
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.text import capfirst

from sightline.access.actor import Actor, as_actor
from sightline.access.audit import log
from sightline.access.events import EventType
from sightline.access.policy import Action, require
from sightline.access.scope import children_visible_to
from sightline.access.writes import locked, required, saved
from sightline.people.models import (
    Address,
    Adult,
    Child,
    ChildDetailChange,
    ChildDisability,
    ChildName,
    Household,
    HouseholdMember,
    Relationship,
)
from sightline.web.dates import long_date

from .forms import REASON_MISSING
from .selectors import already_linked, network, person, shown

NOTHING_CHANGED = "Nothing has changed: change a detail, or go back to the child's details"


def _kept(
    actor: Actor,
    worker,
    child: Child,
    changed: Iterable[tuple[str, str, str, str]],
    reason: str,
    *,
    event: EventType = EventType.CHILD_DETAILS_CHANGED,
    obj: models.Model | None = None,
) -> list[ChildDetailChange]:
    """The history of a change by `worker` (None for a system actor): one row per (field,
    label, old, new), and its one audit event."""
    rows = ChildDetailChange.objects.bulk_create(
        ChildDetailChange(
            child=child,
            field=field,
            label=label,
            old_value=old,
            new_value=new,
            reason=reason.strip(),
            changed_by=worker,
        )
        for field, label, old, new in changed
    )
    labels = ", ".join(row.label for row in rows)
    log(
        actor,
        event,
        f"Changed {labels}",
        child=child,
        obj=obj or child,
        detail={"fields": [row.field for row in rows], "reason": reason.strip()},
    )
    return rows


@transaction.atomic
def change_details(actor: Actor, child: Child, *, reason: str, **values) -> list[ChildDetailChange]:
    """Change some of the child's own details (`values` by field name: disabilities as a list
    of codes), keeping each old value and why."""
    worker = require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(reason, "reason", REASON_MISSING)
    child = locked(child)
    codes = values.pop("disabilities", None)
    changed = []
    for name, value in values.items():
        old = getattr(child, name)
        value = "" if value is None and isinstance(old, str) else value
        if value != old:
            label = capfirst(Child._meta.get_field(name).verbose_name)
            before = shown(child, name)
            setattr(child, name, value)
            changed.append((name, label, before, shown(child, name)))
    if codes is not None:
        changed += _disabilities_changed(child, codes)
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    saved(child)
    return _kept(actor, worker, child, changed, reason)


def _disabilities_changed(child: Child, codes: list[str]) -> list[tuple[str, str, str, str]]:
    if "NONE" in codes and len(codes) > 1:
        raise ValidationError(
            {"disabilities": "Select NONE, or the child's disabilities, not both"}
        )
    old = list(child.disabilities.order_by("code"))
    if {d.code for d in old} == set(codes):
        return []
    child.disabilities.all().delete()
    new = [saved(ChildDisability(child=child, code=code)) for code in sorted(codes)]
    return [("disabilities", "Disabilities", ", ".join(map(str, old)), ", ".join(map(str, new)))]


@transaction.atomic
def record_other_name(
    actor: Actor,
    child: Child,
    *,
    kind: str,
    first_name: str,
    last_name: str,
    until: date | None,
    reason: str,
) -> ChildName:
    """Another name the child is or was known by (search finds the child by it)."""
    worker = require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(reason, "reason", REASON_MISSING)
    name = saved(
        ChildName(child=child, kind=kind, first_name=first_name, last_name=last_name, until=until)
    )
    new = f"{name.first_name} {name.last_name} ({name.get_kind_display().lower()}"
    new += f", used until {until:%d/%m/%Y})" if until else ")"
    _kept(
        actor,
        worker,
        child,
        [("other_names", "Other names", "", new)],
        reason,
        event=EventType.CHILD_NAME_RECORDED,
        obj=name,
    )
    return name


def _not_before(value: date, earliest: date, field: str, message: str) -> None:
    """Refuse a date before `earliest`, on `field`: `message` names the earliest date at {}."""
    if value < earliest:
        raise ValidationError({field: message.format(long_date(earliest))})


def _address(address: Address) -> str:
    lines = [address.line_1, address.line_2, f"{address.town} {address.postcode}"]
    return ", ".join(line for line in lines if line)


@transaction.atomic
def record_address(
    actor: Actor,
    child: Child,
    *,
    start_date: date | None,
    end_date: date | None,
    reason: str,
    **lines: str,
) -> Address:
    """An address in the child's history (`lines`: line_1, line_2, town, postcode). One with no
    end date is where the child lives now: the address before it ends on the day they moved."""
    worker = require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(reason, "reason", REASON_MISSING)
    address = Address(child=child, start_date=start_date, end_date=end_date, **lines)
    address.full_clean()
    old = ""
    current = child.addresses.select_for_update().filter(end_date__isnull=True).first()
    if end_date is None and current is not None:
        _not_before(
            start_date,
            current.start_date,
            "start_date",
            "Start date must be on or after {}, when the child moved to the current address. "
            "For an earlier address, enter the date the child left it.",
        )
        current.end_date = start_date
        saved(current)
        old = _address(current)
    address.save()
    new = _address(address)
    if end_date is not None:
        new += f" (from {start_date:%d/%m/%Y} to {end_date:%d/%m/%Y})"
    _kept(
        actor,
        worker,
        child,
        [("address", "Address", old, new)],
        reason,
        event=EventType.ADDRESS_RECORDED,
        obj=address,
    )
    return address


ADULT_FIELDS = ("first_name", "last_name", "date_of_birth", "sex", "phone", "email")
ADULT_FIELDS += ("address", "postcode")
RELATIONSHIP_FIELDS = ("kind", "parental_responsibility", "lives_with_child")


def _set(record: models.Model, values: dict, names: tuple[str, ...]) -> list[str]:
    """Set `names` from `values` on the record; the names whose value changed."""
    changed = []
    for name in names:
        value = values[name]
        value = "" if value is None and isinstance(getattr(record, name), str) else value
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def add_adult(actor: Actor, child: Child, **values) -> Relationship:
    """A new adult in the child's life, and how they are related to the child."""
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    adult = Adult()
    _set(adult, values, ADULT_FIELDS)
    saved(adult)
    relationship = Relationship(child=child, adult=adult)
    _set(relationship, values, RELATIONSHIP_FIELDS)
    saved(relationship)
    summary = f"Added {adult} ({relationship.get_kind_display().lower()}) to the child's network"
    log(actor, EventType.ADULT_RECORDED, summary, child=child, obj=adult)
    return relationship


@transaction.atomic
def change_adult(actor: Actor, child: Child, relationship: Relationship, **values) -> Relationship:
    """Change an adult's details and how they are related to the child (their details are the
    same on every child's record they are linked to)."""
    if relationship.child_id != child.pk:
        raise ValidationError("This adult is linked to another child.")
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    relationship = locked(relationship)
    adult = locked(relationship.adult)
    changed = _set(adult, values, ADULT_FIELDS) + _set(relationship, values, RELATIONSHIP_FIELDS)
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    saved(adult)
    saved(relationship)
    log(
        actor,
        EventType.ADULT_RECORDED,
        f"Changed {adult}'s details in the child's network",
        child=child,
        obj=adult,
        detail={"fields": changed},
    )
    return relationship


@transaction.atomic
def link_sibling(
    actor: Actor, child: Child, *, council_id: str, kind: str, lives_with_child: bool
) -> Relationship:
    """Link a brother or sister once: the link shows on both children's records."""
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    council_id = council_id.strip().upper()
    other = children_visible_to(as_actor(actor).user).filter(council_id=council_id).first()
    if other is None:
        raise ValidationError(
            {"council_id": f"There is no child with council ID {council_id} that you can see"}
        )
    if other.pk == child.pk:
        raise ValidationError({"council_id": "Enter the council ID of another child"})
    if already_linked(child, other):
        raise ValidationError({"council_id": f"{other.full_name} is already linked"})
    link = Relationship(
        child=child, other_child=other, kind=kind, lives_with_child=lives_with_child
    )
    saved(link)
    summary = f"Linked {other} as {link.get_kind_display().lower()}"
    log(actor, EventType.RELATIONSHIP_RECORDED, summary, child=child, obj=link)
    return link


def _reference() -> str:
    """A new household's reference: HS and a serial (the synthetic county's are HH...)."""
    last = Household.objects.aggregate(last=Max("pk"))["last"] or 0
    return f"HS{last + 1:08d}"


def _chosen(actor: Actor, child: Child, choices: Iterable[str], field: str) -> list[dict]:
    known = dict(network(child, as_actor(actor).user))
    for choice in choices:
        if choice not in known:
            raise ValidationError({field: "Select someone recorded in the child's network"})
    return [person(choice) for choice in choices]


@transaction.atomic
def start_household(
    actor: Actor, child: Child, *, start_date: date | None, members: list[str]
) -> Household:
    """The child lives in a new household from a date, with people from their network; the
    child's time in the household before ends that day."""
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(start_date, "start_date", "Enter the date the child started living there")
    people = _chosen(actor, child, members, "members")
    before = HouseholdMember.objects.select_for_update().filter(child=child, end_date__isnull=True)
    for member in before:
        _not_before(
            start_date,
            member.start_date,
            "start_date",
            "Date the child started living there must be on or after {}, when they moved to "
            "their current household",
        )
        member.end_date = start_date
        saved(member)
    household = saved(Household(reference=_reference()))
    for who in [{"child": child}, *people]:
        saved(HouseholdMember(household=household, start_date=start_date, **who))
    log(
        actor,
        EventType.HOUSEHOLD_CHANGED,
        f"Recorded household {household.reference} from {long_date(start_date)}",
        child=child,
        obj=household,
    )
    return household


@transaction.atomic
def join_household(
    actor: Actor, child: Child, household: Household, *, person: str, start_date: date | None
) -> HouseholdMember:
    """Someone from the child's network moves into one of the child's households."""
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(start_date, "start_date", "Enter the date they moved in")
    (who,) = _chosen(actor, child, [person], "person")
    living = household.members.filter(end_date__isnull=True, **who)
    if living.exists():
        raise ValidationError({"person": "They already live in this household"})
    member = saved(HouseholdMember(household=household, start_date=start_date, **who))
    name = who.get("adult") or who["child"].full_name
    log(
        actor,
        EventType.HOUSEHOLD_CHANGED,
        f"{name} moved into household {household.reference} on {long_date(start_date)}",
        child=child,
        obj=household,
    )
    return member


@transaction.atomic
def leave_household(
    actor: Actor, child: Child, member: HouseholdMember, *, end_date: date | None
) -> HouseholdMember:
    """Someone moves out of one of the child's households."""
    require(actor, Action.EDIT_CHILD_DETAILS, child=child)
    required(end_date, "end_date", "Enter the date they moved out")
    member = locked(member)
    if member.end_date is not None:
        raise ValidationError(f"They moved out on {long_date(member.end_date)}.")
    _not_before(
        end_date,
        member.start_date,
        "end_date",
        "Date they moved out must be on or after the date they moved in ({})",
    )
    member.end_date = end_date
    saved(member)
    household = member.household
    log(
        actor,
        EventType.HOUSEHOLD_CHANGED,
        f"{member.adult or member.child.full_name} moved out of household "
        f"{household.reference} on {long_date(end_date)}",
        child=child,
        obj=household,
    )
    return member
