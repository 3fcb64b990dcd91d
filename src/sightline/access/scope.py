"""Need-to-know access: which children, and which records, a user may see.

Every list, detail page, search, export and API call fetches through these functions, so a
record outside the user's scope is simply not found: forbidden and missing look the same.

Scopes by role (the worker's role on their `Worker` record):
- own allocations: social workers, personal advisers, IROs;
- team: team managers (children allocated to anyone now in their team);
- service: service managers (children allocated within any team of their service);
- all: senior leaders and quality assurance officers;
- none: administrators and LADO officers, who have their own pages (the audit trail, LADO).

An app widens or narrows this in its `visibility.py` (found by `sightline.plugins.discover`),
so access imports no domain app:
- `children_also_visible(worker) -> Q | None`: more children a worker with any scope may see
  (the front door: children with a recent contact, because screening happens before anyone is
  allocated);
- `RECORDS = {"app.Model": fetch(user) -> QuerySet}`: record types not scoped through a
  child, each with its own rule (LADO allegations: only the LADO team and holders of a current
  explicit grant).

Finding a child goes through the same scope: `search_children(user, text)` matches names
(misspelt, former), dates of birth as people type them, identifiers and postcodes among the
children the user may see; `match_children` is the matching itself, for any set of children.
"""

import re
import unicodedata
from calendar import month_name
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from enum import StrEnum
from typing import TypeVar

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Replace, Upper
from django.http import Http404
from django.utils import timezone

from sightline.people.models import Address, Allocation, Child, ChildName, Team, Worker
from sightline.plugins import discover

M = TypeVar("M", bound=Model)
# The children a search lists; it says how many more matched.
SEARCH_LIMIT = 25


class Scope(StrEnum):
    OWN = "own allocations"
    TEAM = "team"
    SERVICE = "service"
    ALL = "all"
    NONE = "none"


ROLE_SCOPE: dict[str, Scope] = {
    Worker.Role.SOCIAL_WORKER: Scope.OWN,
    Worker.Role.PERSONAL_ADVISER: Scope.OWN,
    Worker.Role.IRO: Scope.OWN,
    Worker.Role.TEAM_MANAGER: Scope.TEAM,
    Worker.Role.SERVICE_MANAGER: Scope.SERVICE,
    Worker.Role.SENIOR_LEADER: Scope.ALL,
    Worker.Role.QA_OFFICER: Scope.ALL,
    Worker.Role.ADMINISTRATOR: Scope.NONE,
    Worker.Role.LADO_OFFICER: Scope.NONE,
}


def worker_for(user) -> Worker | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        worker = user.worker
    except Worker.DoesNotExist:
        return None
    return worker if worker.active else None


def scope_of(user) -> Scope:
    worker = worker_for(user)
    return ROLE_SCOPE.get(worker.role, Scope.NONE) if worker else Scope.NONE


def is_administrator(user) -> bool:
    worker = worker_for(user)
    return worker is not None and worker.role == Worker.Role.ADMINISTRATOR


def children_visible_to(user) -> QuerySet[Child]:
    """The one scoped fetch of children. Everything else narrows from here."""
    worker = worker_for(user)
    if worker is None:
        return Child.objects.none()
    scope = ROLE_SCOPE.get(worker.role, Scope.NONE)
    if scope is Scope.ALL:
        return Child.objects.filter(merged_into__isnull=True)
    today = timezone.localdate()
    current = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        child=OuterRef("pk"),
        start_date__lte=today,
    )
    if scope is Scope.OWN:
        allowed = Q(Exists(current.filter(worker=worker)))
    elif scope is Scope.TEAM:
        allowed = Q(Exists(current.filter(worker__team_id=worker.team_id)))
    elif scope is Scope.SERVICE:
        allowed = Q(Exists(current.filter(worker__team__service_id=worker.team.service_id)))
    else:
        allowed = Q(pk__in=[])
    if scope is not Scope.NONE:
        # Only a worker who sees some children at all may be shown more by an app.
        for module in discover("visibility"):
            more = getattr(module, "children_also_visible", lambda worker: None)(worker)
            if more is not None:
                allowed |= more
    # A duplicate merged into another record is that record now (frontdoor/merging.py).
    return Child.objects.filter(allowed, merged_into__isnull=True)


def records_visible_to(user, model: type[M]) -> QuerySet[M]:
    """Any child-linked record type, narrowed to the children the user may see."""
    if model is Child:
        return children_visible_to(user)
    for module in discover("visibility"):
        fetch = getattr(module, "RECORDS", {}).get(model._meta.label)
        if fetch is not None:
            return fetch(user)
    model._meta.get_field("child")  # every scoped record hangs from a child
    return model.objects.filter(child__in=children_visible_to(user).values("pk"))


def get_visible_or_404(user, model: type[M], **lookup) -> M:
    """Fetch one record within scope; a forbidden record raises the same 404 as a missing one."""
    try:
        return records_visible_to(user, model).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {model._meta.verbose_name} found") from None


def may_see_lado(user) -> bool:
    worker = worker_for(user)
    if worker is None:
        return False
    if worker.team.kind == Team.Kind.LADO:
        return True
    today = timezone.localdate()
    return user.lado_grants.filter(starts_on__lte=today, ends_on__gte=today).exists()


def merged_into_for(user, council_id: str) -> Child | None:
    """The child a merged duplicate's records now live with, if the user may see them: where an
    old link to the duplicate goes."""
    return children_visible_to(user).filter(merged_records__council_id=council_id).first()


def child_for(user, council_id: str) -> Child:
    """One child the user may see, or a 404 that looks the same as a missing child."""
    return get_visible_or_404(user, Child, council_id=council_id)


def my_children(user) -> QuerySet[Child]:
    """Children currently allocated to the signed-in worker (whatever their wider scope)."""
    worker = worker_for(user)
    if worker is None:
        return Child.objects.none()
    today = timezone.localdate()
    mine = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), worker=worker, start_date__lte=today
    ).values("child_id")
    return children_visible_to(user).filter(pk__in=mine)


# -- finding a child -------------------------------------------------------------------------
#
# People type what they have: a name half-remembered or misspelt, a former name, a date of birth
# in whatever form comes to hand, part of an NHS number, a postcode, or a name and a date of
# birth together. The identifiers, the date and the postcode narrow the children in SQL; names
# are matched in two steps that run the same on SQLite and PostgreSQL: SQL keeps the children
# with a name starting with a letter that sounds like the word's first (Catherine, Katherine),
# then Python ranks that bounded set by how alike the names are (difflib).

MONTHS = {
    name.lower()[:length]: number
    for number, name in enumerate(month_name)
    if name
    for length in (3, 4, len(name))
}
_YEAR = r"(?P<y>\d{4}|\d{2})"
DATE_FORMS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),  # 2016-04-16
    re.compile(rf"\b(?P<d>\d{{1,2}})[/.\-](?P<m>\d{{1,2}})[/.\-]{_YEAR}\b"),  # 16/4/2016, 16/04/16
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>[a-z]{{3,9}})\.?,?\s+{_YEAR}\b", re.I
    ),
    re.compile(r"\b(?P<d>\d{1,2})\s+(?P<m>\d{1,2})\s+(?P<y>\d{4})\b"),  # 16 4 2016
]
# First letters that are often confused when a name is heard, not read.
SOUNDS_ALIKE = ("AEIOUY", "CKQ", "SZ", "GJ")
NAME_FIELDS = ("first_name", "last_name", "preferred_name")
# How alike (difflib's ratio) each word must be to one of the child's names: a little less when
# a date of birth or an identifier has already narrowed the search to a few children.
ALIKE, ALIKE_WITH_MORE = 0.75, 0.6
# The most children whose names are compared in Python for one search.
CANDIDATES = 5000


@dataclass(frozen=True)
class ChildQuery:
    """What a search box's text says: a date of birth, name words and identifier fragments."""

    born: date | None = None
    names: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # each holds a digit: part of an ID, a number or a postcode

    def __bool__(self) -> bool:
        return bool(self.born or self.names or self.codes)


@dataclass
class Found:
    """The children a search found, best first, at most `limit` of them, and how many matched."""

    children: list[Child] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        """How many matched but are not listed."""
        return self.total - len(self.children)

    def __iter__(self) -> Iterator[Child]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 16/04/16: the most recent such year, as children are young
        year += 2000 if 2000 + year <= timezone.localdate().year else 1900
    return year


def read_date(text: str) -> tuple[date | None, str]:
    """The first date typed in `text` and the text without it; (None, text) if there is none.
    UK order: 16/4/2016, 16/04/16, 16 April 2016, 16 Apr 2016, 16 4 2016; or ISO 2016-04-16."""
    for form in DATE_FORMS:
        found = form.search(text)
        if found is None:
            continue
        parts = found.groupdict()
        month = MONTHS.get(parts["mon"].lower()) if parts.get("mon") else int(parts["m"])
        try:
            day = date(_year(parts["y"]), month or 0, int(parts["d"]))
        except ValueError:
            continue
        return day, f"{text[: found.start()]} {text[found.end() :]}".strip()
    return None, text


def parse_uk_date(text: str) -> date | None:
    """A date typed the UK way (or ISO) with nothing else: 25/12/2015, 25 December 2015."""
    day, rest = read_date(text.strip())
    return day if not rest else None


def read_query(text: str) -> ChildQuery:
    born, rest = read_date(text.strip())
    names, codes = [], []
    for word in re.split(r"[\s,;]+", rest):
        if any(c.isdigit() for c in word):
            code = re.sub(r"[^0-9A-Za-z]", "", word).upper()
            if len(code) >= 2:
                codes.append(code)
        elif plain := _plain(word):
            names.append(plain)
    return ChildQuery(born, tuple(names), tuple(codes))


def _plain(name: str) -> str:
    """A name as compared: lower case, without accents or apostrophes (O'Brien, Zoë)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isalpha() or c in " -").strip(" -")


def _first_letters(word: str) -> set[str]:
    first = word[0].upper()
    letters = set(next((group for group in SOUNDS_ALIKE if first in group), first))
    if word.startswith("ph"):
        letters.add("F")
    if first == "F":
        letters.add("PH")
    return letters


def _name_starts(word: str) -> Q:
    """Children with a name, current or former, starting like `word` sounds."""
    current, other = Q(), Q()
    for start in _first_letters(word):
        for name in NAME_FIELDS:
            current |= Q(**{f"{name}__istartswith": start})
        other |= Q(first_name__istartswith=start) | Q(last_name__istartswith=start)
    return current | Q(Exists(ChildName.objects.filter(other, child=OuterRef("pk"))))


def _code_matches(code: str) -> Q:
    """Children with an identifier holding `code`, or living at a postcode that does."""
    postcode = (
        Address.objects.filter(child=OuterRef("pk"), end_date__isnull=True)
        .annotate(packed=Replace(Upper("postcode"), Value(" "), Value("")))
        .filter(packed__contains=code)
    )
    identifiers = Q()
    for name in ("council_id", "upn", "former_upn", "nhs_number", "uln"):
        identifiers |= Q(**{f"{name}__icontains": code})
    return identifiers | Q(Exists(postcode))


def _likeness(word: str, names: list[str]) -> float:
    """How alike `word` is to the closest of `names` or of their parts (Smith-Jones)."""
    best = 0.0
    for name in names:
        for part in {name, *re.split(r"[\s-]+", name)} - {""}:
            if part == word:
                return 1.0
            alike = 0.9 if part.startswith(word) else SequenceMatcher(None, word, part).ratio()
            best = max(best, alike)
    return best


def _rank_by_name(children: QuerySet[Child], words: tuple[str, ...], least: float) -> list[tuple]:
    """(score, last name, first name, pk, other name matched) for each child whose names match
    every word at least `least`, best first."""
    rows = list(children.values_list("pk", *NAME_FIELDS).order_by("pk")[:CANDIDATES])
    others: dict[int, list[str]] = {}
    for child_id, first, last in ChildName.objects.filter(
        child__in=children.values("pk")
    ).values_list("child_id", "first_name", "last_name"):
        others.setdefault(child_id, []).append(f"{first} {last}")
    ranked = []
    for pk, first, last, preferred in rows:
        current = [_plain(n) for n in (first, last, preferred) if n]
        # A child found by a former name or alias says which, so the worker knows why.
        matched, other = _score(words, current), ""
        for name in others.get(pk, []):
            alike = _score(words, current + [_plain(name)])
            if alike > matched:
                matched, other = alike, name
        if matched[0] >= least:
            ranked.append((-matched[1], last, first, pk, other))
    return sorted(ranked)


def _score(words: tuple[str, ...], names: list[str]) -> tuple[float, float]:
    """How well the names match the words: the worst word's likeness, and the mean."""
    alike = [_likeness(word, names) for word in words]
    return min(alike), sum(alike) / len(alike)


def match_children(children: QuerySet[Child], text: str, limit: int = SEARCH_LIMIT) -> Found:
    """The children among `children` that the search text describes, best match first. Any
    child found by a former name or alias carries it as `matched_name`."""
    query = read_query(text)
    if not query:
        return Found()
    if query.born:
        children = children.filter(
            Q(date_of_birth=query.born) | Q(expected_date_of_birth=query.born)
        )
    for code in query.codes:
        children = children.filter(_code_matches(code))
    if not query.names:
        exact = Q()
        for name in ("council_id", "upn", "nhs_number", "uln"):
            exact |= Q(**{f"{name}__in": query.codes})
        listed = children.annotate(
            exact=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("exact", "last_name", "first_name", "council_id")
        return Found(list(listed[:limit]), children.count())
    narrowed = query.born is not None or bool(query.codes)
    if not narrowed:
        for word in query.names:
            children = children.filter(_name_starts(word))
    ranked = _rank_by_name(children, query.names, ALIKE_WITH_MORE if narrowed else ALIKE)
    shown = [row[3] for row in ranked[:limit]]
    found = Child.objects.in_bulk(shown)
    listed = []
    for *_, pk, other in ranked[:limit]:
        found[pk].matched_name = other
        listed.append(found[pk])
    return Found(listed, len(ranked))


def search_children(user, query: str, limit: int = SEARCH_LIMIT) -> Found:
    """Children in the user's scope matching the search text: see `match_children`."""
    return match_children(children_visible_to(user), query, limit)
