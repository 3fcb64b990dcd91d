"""The life of the county, household by household.

Each household runs through the records' window on its own clock: the state on the first day
(from the steady state), then contacts arriving at the family's own rate (household risk, the
children's ages) until as-of. A contact is dealt with at the front door or becomes a referral,
and a referral follows a pathway (`cin_chain.run_case`) that may lead to plans, care and, at 18,
leaving care. Closed cases are sometimes referred again soon after. Disabled children have
referrals of their own to the disabled children's team. Young people arriving alone and seeking
asylum, and care leavers who left care before the window, are made separately.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import cin_chain
from .children import Household, Kid, make_household, write_household
from .dates import Formats, TimeBase
from .names import EMPLOYER_KIND, LADO_SUMMARIES, POOLS, TOWNS, UASC_GROUP_WEIGHTS, UASC_GROUPS
from .params import Params
from .rng import Choice, Quasi
from .steady import SteadyState
from .writer import Output

INF = 10**9


@dataclass
class Context:
    """Everything the chains need while a batch of households is simulated."""

    P: Params
    tb: TimeBase
    fmt: Formats
    out: Output
    wf: object
    steady: SteadyState
    start: int
    end: int
    end_instant: int
    nhs_capacity: int
    rng: random.Random = field(default_factory=random.Random)
    rng_detail: random.Random = field(default_factory=random.Random)
    rng_people: random.Random = field(default_factory=random.Random)
    q: Quasi = field(default_factory=Quasi)

    def reseed(self, seed: object, chunk: object) -> None:
        """Fresh streams for one chunk of households (one stream per purpose)."""
        self.rng = random.Random(f"{seed}/{chunk}/events")
        self.rng_detail = random.Random(f"{seed}/{chunk}/detail")
        self.rng_people = random.Random(f"{seed}/{chunk}/people")
        self.q = Quasi(seed, chunk)


@dataclass
class ChunkResult:
    """One chunk of households, simulated: rows with chunk-local ids (children's ids are
    already final), how many rows of each table, and caseloads on as-of by worker."""

    number: int
    rows: list[tuple[str, list[tuple]]]
    counts: dict[str, int]
    loads: dict[int, int]
    children: int


def run_chunk(
    ctx: Context, seed: object, number: int, households: list[tuple[int, ...]], first_child: int
) -> ChunkResult:
    """Simulate one chunk of households with the chunk's own random streams. Children get ids
    from `first_child`; every other table numbers its rows from 1 (see writer.Renumber)."""
    out = Output()
    out.last_id["child"] = first_child - 1
    ctx.out = out
    saved = [team.load for team in ctx.wf.teams]  # the caller's tallies, put back below
    for team in ctx.wf.teams:
        team.load = {}
    ctx.reseed(seed, number)
    adult_from = ctx.tb.add_years(ctx.end, -18)
    children = 0
    for dobs in households:
        hh = make_household(ctx, dobs)
        simulate_household(ctx, hh)
        children += sum(1 for k in hh.kids if k.dob > adult_from)
    loads: dict[int, int] = {}
    for team, tally in zip(ctx.wf.teams, saved, strict=True):
        for worker, n in team.load.items():
            loads[worker] = loads.get(worker, 0) + n
        team.load = tally
    counts = {key: n for key, n in out.last_id.items() if key != "child"}
    return ChunkResult(number, out.take(), counts, loads, children)


def _eligible(kid: Kid, day: int, eighteen: int) -> bool:
    return (
        kid.dob <= day < eighteen
        and kid.episode_until <= day
        and kid.in_care_until <= day
        and kid.gone > day
    )


def simulate_household(ctx: Context, hh: Household) -> None:
    initial_state(ctx, hh)
    events(ctx, hh)
    lado(ctx, hh)
    write_household(ctx, hh)


def _involve(ctx: Context, kids: list[Kid], index: Kid) -> list[Kid]:
    rng = ctx.rng
    p = ctx.P.sibling_involved
    return [k for k in kids if k is index or rng.random() < p]


def initial_state(ctx: Context, hh: Household) -> None:
    """Children already in care, and families already on a plan, on the first day."""
    P = ctx.P
    tb = ctx.tb
    q = ctx.q
    rng = ctx.rng
    start = ctx.start
    for kid in hh.kids:
        if kid.dob >= start - 1:
            continue
        age = tb.age(kid.dob, start)
        if age >= 18:
            continue
        if q.u("initial_state", 0) < P.care_stock_by_age(age):
            elapsed, route, days = ctx.steady.care(rng, start - kid.dob)
            entry = start - elapsed
            lead = min(rng.randint(1, 10), entry - kid.dob)
            kid.need = "N1"
            cin_chain.run_case(
                ctx,
                hh,
                [kid],
                entry - lead,
                "care",
                {"care_entry": entry, "care_force": (route, days)},
            )
    eligible = [
        k
        for k in hh.kids
        if k.dob < start - 90 and tb.age(k.dob, start) < 18 and k.in_care_until <= start
    ]
    if not eligible:
        return
    n = len(eligible)
    per_case = 1 + P.sibling_involved * (n - 1)
    u = q.u("initial_state", 1)
    p_cp = P.cp_stock * n / per_case
    p_cin = P.cin_stock * n / per_case
    if u >= p_cp + p_cin:
        return
    index = eligible[int(rng.random() * n)]
    if u < p_cp:
        elapsed, days = ctx.steady.cp_plan(rng)
        ref = start - elapsed - 15 - rng.randrange(15)
        kids = [k for k in _involve(ctx, eligible, index) if k.dob < ref]
        if kids:
            cin_chain.run_case(ctx, hh, kids, ref, "icpc_cp", {"cp_days": days})
    else:
        disabled = bool(index.disabilities) and rng.random() < 0.5
        elapsed, days = ctx.steady.cin_plan(rng, disabled)
        ref = start - elapsed - 30 - rng.randrange(20)
        kids = [index] if disabled else _involve(ctx, eligible, index)
        kids = [k for k in kids if k.dob < ref]
        if kids:
            forced = {"cin_days": days}
            if disabled:
                forced["need"] = "N2"
            cin_chain.run_case(ctx, hh, kids, ref, "assess_cin", forced)


def events(ctx: Context, hh: Household) -> None:
    """Contacts and referrals about the family from the first day to as-of."""
    P = ctx.P
    tb = ctx.tb
    rng = ctx.rng
    q = ctx.q
    E = ctx.end
    kids = [k for k in hh.kids if k.dob < E]
    if not kids:
        return
    eighteens = {id(k): tb.add_years(k.dob, 18) for k in kids}
    weight = P.referral_age_weight
    p_sib = P.sibling_involved
    contact_factor = 1 + P.contacts_not_referred
    base = P.referral_rate * hh.risk * contact_factor / 365.25
    n = len(kids)
    lam_household = base * n / (1 + p_sib * (n - 1)) * max(weight.values)
    disabled = [k for k in kids if k.disabilities]
    lam_disabled = P.disabled_referral_rate / 365.25 * len(disabled)
    lam = lam_household + lam_disabled
    if lam <= 0:
        return
    t = float(ctx.start)
    follow_up: tuple[int, list[Kid]] | None = None
    at_start = [k for k in kids if k.dob < ctx.start and _eligible(k, ctx.start, eighteens[id(k)])]
    if at_start:
        m = len(at_start)
        rate = base / contact_factor * m / (1 + p_sib * (m - 1))
        index = at_start[int(rng.random() * m)]
        due = ctx.steady.pending_follow_up(rng, ctx.start, rate, tb.age(index.dob, ctx.start))
        if due is not None:
            follow_up = (due, _involve(ctx, at_start, index))
    while True:
        candidate = t + rng.expovariate(lam)
        if follow_up is not None and follow_up[0] <= candidate:
            day, fu_kids = follow_up
            follow_up = None
            t = float(day)
            if day >= E:
                continue
            involved = [k for k in fu_kids if _eligible(k, day, eighteens[id(k)])]
            if involved:
                index = involved[0]
                choice = P.pathway_choice(tb.age(index.dob, day))
                pathway = q.pick("pathway", tb.fy_of(day), choice)
                _, fu = cin_chain.run_case(ctx, hh, involved, day, pathway)
                if fu is not None:
                    follow_up = (fu, involved)
            continue
        t = candidate
        if t >= E:
            return
        day = int(t)
        if rng.random() * lam < lam_disabled:
            kid = disabled[int(rng.random() * len(disabled))]
            if _eligible(kid, day, eighteens[id(kid)]):
                pathway = "assess_cin" if rng.random() < 0.72 else "assess_close"
                cin_chain.run_case(ctx, hh, [kid], day, pathway, {"need": "N2"})
            continue
        eligible = [k for k in kids if _eligible(k, day, eighteens[id(k)])]
        if not eligible:
            continue
        m = len(eligible)
        weights = [weight(tb.age(k.dob, day)) for k in eligible]
        rate = base * m / (1 + p_sib * (m - 1)) * sum(weights) / m
        if rng.random() * lam_household >= rate:
            continue
        x = rng.random() * sum(weights)
        index = eligible[-1]
        for k, w in zip(eligible, weights, strict=True):
            x -= w
            if x < 0:
                index = k
                break
        involved = _involve(ctx, eligible, index)
        if rng.random() * contact_factor >= 1.0:
            cin_chain.contact_only(ctx, hh, involved, day)
            continue
        choice = P.pathway_choice(tb.age(index.dob, day))
        pathway = q.pick("pathway", tb.fy_of(day), choice)
        if index is not involved[0]:
            involved.remove(index)
            involved.insert(0, index)
        _, fu = cin_chain.run_case(ctx, hh, involved, day, pathway)
        if fu is not None:
            follow_up = (fu, involved)


def lado(ctx: Context, hh: Household) -> None:
    """Allegations against adults who work with children, naming children of this family."""
    P = ctx.P
    tb = ctx.tb
    rng = ctx.rng
    E = ctx.end
    years = (E - ctx.start) / 365.25
    expected = P.lado_rate * len(hh.kids) * years
    if rng.random() >= expected:
        return
    out = ctx.out
    f = ctx.fmt
    rd = ctx.rng_detail
    day = ctx.start + int(rng.random() * (E - ctx.start))
    kids = [k for k in hh.kids if k.dob + 730 <= day < tb.add_years(k.dob, 18)]
    if not kids:
        return
    sector = P.lado_sector.draw(rd)
    allegation_id = out.next_id("allegation")
    if rd.random() < P.lado_on_time:
        considered = tb.add_wd(day, rd.choice((0, 1)))
    else:
        considered = tb.add_wd(day, rd.randint(2, 8))
    _, close_days = P.lado_close.value(rd.random(), rd.random())
    closed = day + close_days
    outcome = P.lado_outcome.draw(rd) if closed < E else ""
    boys, girls, surnames = POOLS[
        rd.choice(("british", "british", "irish", "european", "caribbean", "indian"))
    ]
    subject = f"{rd.choice(boys + girls)} {rd.choice(surnames)}"
    employer = f"{rd.choice(TOWNS)} {rd.choice(EMPLOYER_KIND[sector])}"
    out.rows["allegation"].append(
        (
            allegation_id,
            f"LADO{kids[0].id:07d}",  # at most one allegation per family
            f.d(day),
            subject,
            employer,
            sector,
            LADO_SUMMARIES[sector],
            f.d(considered) if considered < E else None,
            outcome,
            f.d(closed) if closed < E else None,
            ctx.wf.lado_officers[int(rd.random() * len(ctx.wf.lado_officers))],
        )
    )
    named = [kids[int(rd.random() * len(kids))]]
    if len(kids) > 1 and rd.random() < 0.2:
        other = next(k for k in kids if k is not named[0])
        named.append(other)
    for kid in named:
        out.rows["allegation_child"].append(
            (out.next_id("allegation_child"), allegation_id, kid.id)
        )
        kid.seen(day)


# -- young people arriving alone ------------------------------------------------------------


def plan_uasc(P: Params, rng: random.Random, q: Quasi, tb: TimeBase, start: int, population: int):
    """(arrival day, date of birth, group) for each unaccompanied asylum-seeking child who is
    under 21 at some point of the window, in arrival order."""
    first = start - 7 * 365
    span = tb.as_of - first
    count = round(P.uasc_rate * population * span / 365.25)
    arrivals = []
    for i in range(count):
        arrival = first + int((i + rng.random()) * span / count)
        age = q.pick("uasc", 0, P.uasc_age)
        dob = arrival - age * 365 - rng.randrange(365)
        if tb.add_years(dob, 21) <= start or arrival >= tb.as_of:
            continue
        arrivals.append((arrival, dob))
    return arrivals


_UASC_CHOICE = Choice(UASC_GROUP_WEIGHTS)


def simulate_uasc(ctx: Context, arrival: int, dob: int) -> None:
    P = ctx.P
    rd = ctx.rng_people
    hh = make_household(ctx, (dob,), standalone=True)
    kid = hh.kids[0]
    group = _UASC_CHOICE.draw(rd)
    first_names, surnames, language, ethnicity = UASC_GROUPS[group]
    kid.sex = "M" if rd.random() < P.uasc_male else "F"
    if kid.sex == "F":
        boys, girls, _ = POOLS["african" if ethnicity == "BAFR" else "middle_eastern"]
        kid.first_name = rd.choice(girls)
    else:
        kid.first_name = rd.choice(first_names)
    kid.last_name = rd.choice(surnames)
    kid.first_language = language
    kid.ethnicity = ethnicity
    kid.disabilities = ()
    kid.uasc = True
    kid.need = "N8"
    cin_chain.run_case(ctx, hh, [kid], arrival, "uasc", {"need": "N8"})
    write_household(ctx, hh)


def simulate_former_care_leaver(ctx: Context, dob: int) -> None:
    """A young person who left care at 18 before records start and is still a care leaver."""
    rd = ctx.rng_people
    tb = ctx.tb
    hh = make_household(ctx, (dob,), standalone=True)
    kid = hh.kids[0]
    eighteen = tb.add_years(dob, 18)
    entry = tb.add_years(dob, 12) + rd.randrange(max(1, eighteen - 120 - tb.add_years(dob, 12)))
    lead = rd.randint(1, 10)
    kid.need = "N1"
    cin_chain.run_case(
        ctx, hh, [kid], entry - lead, "care", {"care_entry": entry, "care_force": ("to_18", 0)}
    )
    write_household(ctx, hh)
