"""The county's families: households of brothers and sisters with their parents and homes.

Every child who lives in the county at some point of the records' span is on the register (a
`Child` row), whether or not children's social care ever hears of them: the population is the
denominator of every "per 10,000" figure. Households are planned first (dates of birth only,
cheap and sequential), then made one at a time: names that fit the family's heritage, a home and
its moves, UPNs, NHS numbers, disabilities, and the relationships between them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import identity
from .dates import TimeBase
from .names import (
    ETHNICITY_POOLS,
    FIRST_LANGUAGES,
    FLAT_SHARE,
    OUTWARD,
    POOLS,
    STREET_FIRST,
    STREET_KIND,
    TOWNS,
)
from .params import Params
from .workforce import N_AREAS


class Kid:
    """One child's identity and the state the simulation keeps for them."""

    __slots__ = (
        "id",
        "index",
        "dob",
        "sex",
        "ethnicity",
        "first_name",
        "last_name",
        "first_language",
        "disabilities",
        "first_seen",
        "episode_until",
        "in_care_until",
        "gone",
        "cp_plans",
        "need",
        "hh",
        "uasc",
    )

    def __init__(self, cid: int, index: int, dob: int, hh: Household) -> None:
        self.id = cid
        self.index = index
        self.dob = dob
        self.hh = hh
        self.sex = "F"
        self.ethnicity = "WBRI"
        self.first_name = ""
        self.last_name = ""
        self.first_language = ""
        self.disabilities: tuple[str, ...] = ()
        self.first_seen: int | None = None  # first day the child appears in a record
        self.episode_until = 0  # the day the child's current CIN episode closes (huge: open)
        self.in_care_until = 0  # the day the child's current period of care ends (huge: open)
        self.gone = 10**9  # the day the child left the family (adopted, SGO, moved away)
        self.cp_plans = 0
        self.need = "N1"
        self.uasc = False

    def seen(self, day: int) -> None:
        if self.first_seen is None or day < self.first_seen:
            self.first_seen = day


class Household:
    __slots__ = (
        "id",
        "reference",
        "kids",
        "adults",
        "homes",
        "area",
        "risk",
        "standalone",
    )

    def __init__(self) -> None:
        self.id = 0
        self.reference = ""
        self.kids: list[Kid] = []
        self.adults: list[tuple] = []  # (adult id, kind, first, last)
        self.homes: list[tuple[int, str, str, str]] = []  # (since, line_1, town, postcode)
        self.area = 0
        self.risk = 1.0
        self.standalone = False

    def postcode_on(self, day: int) -> str:
        current = self.homes[0][3] if self.homes else ""
        for since, _, _, postcode in self.homes:
            if since <= day:
                current = postcode
        return current


def plan_households(
    params: Params, rng: random.Random, tb: TimeBase, n_children: int, dob_from: int
) -> Iterator[tuple[int, ...]]:
    """Dates of birth of each household's children, eldest first, until `n_children` of them are
    aged 0-17 on as-of. Children born before `dob_from` (adults before records start) are left
    out; those born from `dob_from` who are 18 or over on as-of are kept as well."""
    as_of = tb.as_of
    adult_from = tb.add_years(as_of, -18)  # born on or before this: 18 or over on as-of
    start = dob_from - params.formation_years * 365
    span = as_of - start
    gap_lo, gap_hi = params.sibling_gap
    count = 0
    while count < n_children:
        size = params.household_size.draw(rng)
        dob = start + int(rng.random() * span)
        dobs = []
        for i in range(size):
            if i:
                dob += 0 if rng.random() < params.twins else int(rng.uniform(gap_lo, gap_hi))
            if dob > as_of:
                break
            if dob >= dob_from:
                if dob > adult_from:
                    if count == n_children:
                        break
                    count += 1
                dobs.append(dob)
        if dobs:
            yield tuple(dobs)


def _home(rng: random.Random, area: int, house_no: int) -> tuple[str, str, str]:
    district, sector = divmod(area, 9)
    street = f"{rng.choice(STREET_FIRST)} {rng.choice(STREET_KIND)}"
    if rng.random() < FLAT_SHARE:
        line_1 = f"Flat {rng.randint(1, 24)}, {rng.randint(1, 120)} {street}"
    else:
        line_1 = f"{house_no} {street}"
    code = identity.postcode(OUTWARD[district], sector + 1, rng.randrange(400), rng.randrange(400))
    return line_1, TOWNS[district], code


def _name(rng: random.Random, pool: str, sex: str) -> str:
    boys, girls, _ = POOLS[pool]
    return rng.choice(boys if sex == "M" else girls)


def make_household(ctx, dobs: tuple[int, ...], *, standalone: bool = False) -> Household:
    """Make one household: ids, names, sex, ethnicity, homes, adults. Rows for children are
    written later (`write_household`), once the simulation knows when each was first seen."""
    P: Params = ctx.P
    rng = ctx.rng_people
    out = ctx.out
    hh = Household()
    hh.standalone = standalone
    ethnicity = P.ethnicity.draw(rng)
    pools = ETHNICITY_POOLS[ethnicity]
    hh.area = int(rng.random() * N_AREAS)
    hh.risk = rng.gammavariate(P.risk_shape, 1 / P.risk_shape)
    kid_pool = pools[-1] if len(pools) > 1 and rng.random() < 0.5 else pools[0]
    father_pool = pools[-1]
    kind = P.household_kind.draw(rng)
    surname_pool = POOLS[father_pool if kind in ("two_parents", "father_only") else pools[0]][2]
    surname = rng.choice(surname_pool)
    language = ""
    extra = FIRST_LANGUAGES.get(ethnicity)
    if extra and rng.random() < extra[0]:
        language = rng.choice(extra[1])
    first_dob = dobs[0]
    for dob in dobs:
        cid = out.next_id("child")
        kid = Kid(cid, cid - 1, dob, hh)
        kid.sex = P.sex.draw(rng)
        kid.ethnicity = ethnicity
        kid.first_name = _name(rng, kid_pool, kid.sex)
        kid.last_name = surname
        kid.first_language = language or "English"
        if rng.random() < P.disability:
            codes = {P.disability_codes.draw(rng)}
            if rng.random() < 0.3:
                codes.add(P.disability_codes.draw(rng))
            kid.disabilities = tuple(sorted(codes))
        hh.kids.append(kid)
    if standalone:
        return hh
    # The home on the day records start (lived in for a while), then moves.
    since = max(first_dob, ctx.start - int(rng.random() * 3650))
    line_1, town, code = _home(rng, hh.area, rng.randint(1, 180))
    hh.homes.append((since, line_1, town, code))
    day = float(ctx.start)
    while True:
        day += rng.expovariate(P.home_moves / 365.25)
        if day >= ctx.end:
            break
        area = hh.area if rng.random() < 0.7 else int(rng.random() * N_AREAS)
        home = _home(rng, area, rng.randint(1, 180))
        if int(day) - hh.homes[-1][0] >= 60:  # nobody moves twice in a month or two
            hh.homes.append((int(day), *home))
    # Adults: parents (and a parent's partner) living with the children.
    mother_age = rng.uniform(*P.mother_age) * 365.25
    mother_dob = first_dob - int(mother_age)
    adults = []
    if kind != "father_only":
        adults.append(("mother", "F", mother_dob, pools[0], surname))
    if kind in ("two_parents", "father_only"):
        adults.append(
            ("father", "M", mother_dob - int(rng.uniform(-2, 8) * 365), father_pool, surname)
        )
    if kind == "mother_and_partner":
        adults.append(
            (
                "partner_of_parent",
                "M",
                mother_dob - int(rng.uniform(-3, 10) * 365),
                pools[0],
                rng.choice(POOLS[pools[0]][2]),
            )
        )
    for rel, sex, dob, pool, last in adults:
        first = _name(rng, pool, sex)
        phone = f"07700 900{int(rng.random() * 1000):03d}"
        hh.adults.append((rel, first, last, sex, dob, phone))
    return hh


def write_household(ctx, hh: Household) -> None:
    """Write the household's people rows now that first-seen dates are known."""
    out = ctx.out
    f = ctx.fmt
    tb: TimeBase = ctx.tb
    P: Params = ctx.P
    as_of = tb.as_of
    nhs_capacity = ctx.nhs_capacity
    child_rows = out.rows["child"]
    register_day = ctx.start
    for kid in hh.kids:
        age_now = tb.age(kid.dob, as_of)
        if age_now >= P.school_start_age and not kid.uasc:
            school_year = tb.year_of(tb.add_years(kid.dob, P.school_start_age))
            upn, reason = identity.upn(P.la_code, kid.index, school_year), ""
        else:
            upn, reason = "", ("UN4" if kid.uasc else "UN1")
        uln = identity.uln(kid.index) if age_now >= P.uln_from_age and not kid.uasc else ""
        nhs = identity.nhs_number(kid.index) if kid.index < nhs_capacity else ""
        created_day = max(kid.dob, register_day)
        if kid.first_seen is not None and kid.first_seen < created_day:
            created_day = kid.first_seen
        child_rows.append(
            (
                kid.id,
                identity.council_id(kid.id),
                kid.first_name,
                kid.last_name,
                "",
                upn,
                "",
                reason,
                uln,
                nhs,
                f.d(kid.dob),
                None,
                kid.sex,
                "",
                kid.ethnicity,
                None,
                kid.first_language,
                f.dt(tb.instant(created_day, 9 * 60)),
            )
        )
        for code in kid.disabilities:
            out.rows["disability"].append((out.next_id("disability"), kid.id, code))
    homes = hh.homes
    address_rows = out.rows["address"]
    for kid in hh.kids:
        for i, (since, line_1, town, postcode) in enumerate(homes):
            until = homes[i + 1][0] if i + 1 < len(homes) else None
            if until is not None and until <= kid.dob:
                continue
            start = max(since, kid.dob)
            address_rows.append(
                (
                    out.next_id("address"),
                    kid.id,
                    line_1,
                    "",
                    town,
                    postcode,
                    f.d(start),
                    f.dn(until),
                )
            )
    # The family itself (household, parents, relationships) is on record only once children's
    # social care has heard of one of the children.
    if hh.standalone or all(kid.first_seen is None for kid in hh.kids):
        return
    hh.id = out.next_id("household")
    first_day = min(kid.first_seen for kid in hh.kids if kid.first_seen is not None)
    reference = f"HH{hh.kids[0].id:08d}"
    out.rows["household"].append((hh.id, reference, f.dt(tb.instant(first_day, 9 * 60))))
    adult_rows = out.rows["adult"]
    member_rows = out.rows["member"]
    rel_rows = out.rows["relationship"]
    adult_ids = []
    for rel, first, last, sex, dob, phone in hh.adults:
        aid = out.next_id("adult")
        adult_ids.append((aid, rel))
        adult_rows.append((aid, first, last, f.d(dob), sex, phone, homes[-1][3]))
        member_rows.append((out.next_id("member"), hh.id, None, aid, f.d(homes[0][0]), None))
    for kid in hh.kids:
        member_rows.append(
            (out.next_id("member"), hh.id, kid.id, None, f.d(max(kid.dob, homes[0][0])), None)
        )
        for aid, rel in adult_ids:
            rel_rows.append(
                (out.next_id("relationship"), kid.id, aid, None, rel, rel != "partner_of_parent")
            )
        for other in hh.kids:
            if other is not kid:
                rel_rows.append(
                    (out.next_id("relationship"), kid.id, None, other.id, "sibling", False)
                )
