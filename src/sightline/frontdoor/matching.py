"""Finding a child the council may already know, before the front door adds a new one.

This is the one read at the front door that looks beyond the worker's scope, on purpose: a
duplicate record is made exactly when the child is known to a team the worker is not in. So it
reaches every child, but returns only enough to recognise one (name, date of birth, the
postcode district and whether the child is open to the service now): no case details. The page
that shows the matches writes the search, and the worker's choice, to the audit trail.

A name matches when it is the same or differs by a slip of the keyboard (one letter wrong,
missing, added or two swapped; two in a long name), against the child's first, preferred,
last and other names, so "Amira Khan" finds "Amria Kahn" and a former surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sightline.cin.models import CINEpisode
from sightline.people.models import Allocation, Child

from .models import Contact

# Enough to choose from; more than this and the worker is told to add more details.
MATCH_LIMIT = 10
# The most rows scored in Python: the database narrows by initials, dates and identifiers.
CANDIDATE_LIMIT = 2000


@dataclass(frozen=True)
class Details:
    """What the worker typed about the child they are adding."""

    first_name: str
    last_name: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    postcode: str = ""
    identifiers: tuple[str, ...] = ()  # NHS number, UPN: whatever is known


@dataclass(frozen=True)
class PossibleMatch:
    """A known child who may be the one being added, as much as is needed to recognise them."""

    council_id: str
    full_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    postcode_district: str
    known: str  # "Open now", "Known before" or "No involvement recorded"
    matches_on: str  # "name, date of birth"
    strength: int


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _postcode(text: str) -> str:
    return re.sub(r"\s", "", text.upper())


def postcode_district(postcode: str) -> str:
    """The outward half of a UK postcode ("LS6" of "LS6 2AB"): a place, not an address."""
    compact = _postcode(postcode)
    return compact[:-3] if len(compact) > 4 else compact


def slips(a: str, b: str) -> int:
    """Keyboard slips between two words: letters changed, missing, added or swapped
    (the optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def similar(typed: str, known: str) -> bool:
    typed, known = _letters(typed), _letters(known)
    if not typed or not known:
        return False
    if typed == known:
        return True
    # A short name with one slip is still that name; "Al" and "Ali" are not the same person.
    allowed = 0 if min(len(typed), len(known)) < 4 else 1 if max(len(typed), len(known)) < 8 else 2
    return slips(typed, known) <= allowed


def _identifiers(details: Details) -> list[str]:
    return [i for i in (re.sub(r"\s", "", text).upper() for text in details.identifiers) if i]


def _names(child: Child) -> tuple[set[str], set[str]]:
    firsts = {child.first_name, child.preferred_name}
    # A double-barrelled surname is matched by either half, as people are often called by one.
    lasts = {child.last_name, *re.split(r"[-\s]+", child.last_name)}
    for other in child.other_names.all():
        firsts.add(other.first_name)
        lasts.add(other.last_name)
    return {n for n in firsts if n}, {n for n in lasts if n}


def _initials(details: Details) -> Q:
    first, last = details.first_name.strip()[:1], details.last_name.strip()[:1]
    if not first or not last:
        return Q(pk__in=[])
    return (
        Q(first_name__istartswith=first)
        | Q(preferred_name__istartswith=first)
        | Q(other_names__first_name__istartswith=first)
    ) & (
        Q(last_name__istartswith=last)
        | Q(last_name__icontains=f"-{last}")  # either half of a double-barrelled surname
        | Q(other_names__last_name__istartswith=last)
    )


def _candidates(details: Details):
    near = _initials(details)
    if details.date_of_birth:
        near |= Q(date_of_birth=details.date_of_birth)
    if details.expected_date_of_birth:
        near |= Q(expected_date_of_birth=details.expected_date_of_birth)
    for identifier in _identifiers(details):
        near |= Q(nhs_number=identifier) | Q(upn=identifier) | Q(former_upn=identifier)
        near |= Q(uln=identifier)
    postcode = _postcode(details.postcode)
    if len(postcode) > 4:
        spaced = f"{postcode[:-3]} {postcode[-3:]}"
        near |= Q(addresses__postcode__iexact=postcode) | Q(addresses__postcode__iexact=spaced)
    ids = (
        Child.objects.filter(near, merged_into__isnull=True)
        .values_list("pk", flat=True)
        .distinct()[:CANDIDATE_LIMIT]
    )
    today = timezone.localdate()
    allocated = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), child=OuterRef("pk")
    )
    referral = CINEpisode.objects.filter(child=OuterRef("pk"))
    return (
        Child.objects.filter(pk__in=list(ids))
        .annotate(
            open_now=Exists(allocated) | Exists(referral.filter(closure_date__isnull=True)),
            known_before=Exists(referral)
            | Exists(Contact.objects.filter(child=OuterRef("pk")))
            | Exists(Allocation.objects.filter(child=OuterRef("pk"))),
        )
        .prefetch_related("other_names", "addresses")
    )


def _known(child) -> str:
    if child.open_now:
        return "Open now"
    return "Known before" if child.known_before else "No involvement recorded"


def _district(child: Child) -> str:
    addresses = sorted(child.addresses.all(), key=lambda a: (a.end_date is None, a.start_date))
    return postcode_district(addresses[-1].postcode) if addresses else ""


def _assess(child: Child, details: Details) -> PossibleMatch | None:
    firsts, lasts = _names(child)
    first = any(similar(details.first_name, name) for name in firsts)
    last = any(similar(details.last_name, name) for name in lasts)
    born = (details.date_of_birth and details.date_of_birth == child.date_of_birth) or (
        details.expected_date_of_birth
        and details.expected_date_of_birth == child.expected_date_of_birth
    )
    known_ids = {child.nhs_number, child.upn, child.former_upn, child.uln} - {""}
    same_id = bool(known_ids & set(_identifiers(details)))
    postcode = _postcode(details.postcode)
    same_postcode = bool(postcode) and any(
        _postcode(a.postcode) == postcode for a in child.addresses.all()
    )
    # Siblings share a surname, a postcode and sometimes a birthday: one of those alone is not
    # enough, each needs something about this child too.
    if not (
        same_id
        or (first and last)
        or (born and (first or last))
        or (same_postcode and (first or born))
    ):
        return None
    name = "name" if first and last else "first name" if first else "last name" if last else ""
    reasons = [
        ("NHS number or UPN", same_id),
        (name, bool(name)),
        ("date of birth", bool(born)),
        ("postcode", same_postcode),
    ]
    return PossibleMatch(
        council_id=child.council_id,
        full_name=child.full_name,
        date_of_birth=child.date_of_birth,
        expected_date_of_birth=child.expected_date_of_birth,
        postcode_district=_district(child),
        known=_known(child),
        matches_on=", ".join(reason for reason, found in reasons if found),
        strength=3 * same_id + 2 * bool(born) + first + last + same_postcode,
    )


def possible_matches(details: Details) -> list[PossibleMatch]:
    """Every known child (in anyone's scope, never a merged record) who may be the child the
    worker is about to add, the likeliest first."""
    found = [m for c in _candidates(details) if (m := _assess(c, details)) is not None]
    return sorted(found, key=lambda m: (-m.strength, m.full_name, m.council_id))
