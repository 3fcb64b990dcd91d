"""The children in need chain: contacts, referrals, assessments, section 47 enquiries, conferences,
child protection plans, child in need plans, and the allocations that go with each stage.

A household's case is planned first as a timeline of stages shared by the brothers and sisters
involved (one strategy discussion, conference and plan dates for the sibling group, as councils
hold them), then written child by child. Each date follows from the one before with the gaps the
profile sets (working days where the statutory timescale counts working days), so every record
is in order by construction, and nothing is written after the as-of date: a stage that would
fall later is simply not there yet, and whatever is under way on as-of is left open.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from . import care_chain
from .children import Household, Kid
from .names import (
    ADVICE_RATIONALES,
    AGENCIES,
    CONTACT_SUMMARIES,
    EARLY_HELP_RATIONALES,
    MIDPOINT_DIRECTIONS,
    NFA_RATIONALES,
    OPEN_CASE_RATIONALE,
    OUTCOME_RESPONSIBLE,
    OUTCOME_TEXTS,
    REFERRAL_RATIONALES,
    STRATEGY_DECISIONS,
    STRATEGY_RATIONALES,
    TOWNS,
)
from .rng import Choice

INF = 10**9
S47_PATHWAYS = frozenset({"s47_close", "s47_cin", "icpc_cin", "icpc_cp", "care"})

SOURCE_CODES = {
    "police": Choice({"6": 1}),
    "schools": Choice({"2A": 1}),
    "health": Choice({"3A": 22, "3B": 24, "3C": 8, "3D": 10, "3E": 26, "3F": 10}),
    "la_services": Choice({"5A": 30, "5B": 25, "5C": 10, "5D": 35}),
    "individual": Choice({"1A": 60, "1B": 20, "1C": 10, "1D": 10}),
    "other": Choice({"2B": 12, "4": 18, "7": 20, "8": 30, "9": 12, "10": 8}),
}
SUMMARY_KEY = {"police": "6", "schools": "2A", "health": "3", "la_services": "5", "individual": "1"}
REPORTERS = {
    "police": "PC {n} {name}, Sightline Constabulary",
    "schools": "Designated safeguarding lead, {town} Primary School",
    "health": "{role}, {town} Health Centre",
    "la_services": "{role}, Sightline County Council",
    "individual": "{relation} of the child",
    "other": "{role}",
}
HEALTH_ROLES = ("Health visitor", "GP", "School nurse", "Midwife", "A&E liaison nurse")
LA_ROLES = ("Early help worker", "Youth justice worker", "Adult social worker", "Housing officer")
RELATIONS = ("Grandparent", "Aunt", "Neighbour", "Family friend", "Parent")
OTHER_ROLES = (
    "Voluntary sector worker",
    "Anonymous caller",
    "Probation officer",
    "CAFCASS officer",
)
FACTORS_BY_CATEGORY = {
    "NEG": ("16A",),
    "EMO": ("17A",),
    "PHY": ("18A", "18C"),
    "SAB": ("19A", "19C"),
    "MUL": ("16A", "17A"),
}
CONTEXT_FACTORS = Choice(
    {
        "3B": 24,
        "4B": 18,
        "2B": 10,
        "1B": 8,
        "3A": 6,
        "4A": 7,
        "10A": 4,
        "11A": 3,
        "24A": 3,
        "14A": 4,
        "7A": 2,
        "5B": 3,
        "6B": 3,
        "13A": 2,
        "15A": 3,
    }
)
DISABILITY_FACTORS = ("5A", "6A")


# -- contacts ---------------------------------------------------------------------------------


def contact_times(ctx, day: int) -> tuple[int, int, bool, int]:
    """(received, decided, out of hours, decision day) for a contact arriving on `day`."""
    tb = ctx.tb
    rd = ctx.rng_detail
    P = ctx.P
    working = tb.is_wd(day)
    if not working or rd.random() < P.out_of_hours:
        evening = rd.random() < 0.7
        minute = 17 * 60 + 30 + rd.randrange(389) if evening else rd.randrange(8 * 60)
        received = tb.instant(day, minute)
        decision_day = day if (working and not evening) else tb.add_wd(day, 1)
        decided = tb.instant(decision_day, 9 * 60 + rd.randrange(180))
        return received, decided, True, decision_day
    minute = 8 * 60 + 30 + rd.randrange(8 * 60)
    received = tb.instant(day, minute)
    if rd.random() < P.next_day_decision or minute > 16 * 60 + 45:
        decision_day = tb.add_wd(day, 1)
        decided = tb.instant(decision_day, 9 * 60 + rd.randrange(240))
    else:
        decision_day = day
        decided = received + 20 + rd.randrange(max(1, min(240, 17 * 60 + 30 - minute - 20)))
    return received, decided, False, decision_day


class Arrival(NamedTuple):
    """A contact as it reaches the front door: when it came and was decided, and who made it
    (a `Timeline` carries the same for the contact that starts a referral)."""

    received: int
    decided: int
    ooh: bool
    group: str
    source: str


def _arrival(ctx, day: int) -> Arrival | None:
    """A contact arriving on `day`, or None if it would be decided after as-of."""
    received, decided, ooh, decision_day = contact_times(ctx, day)
    if decision_day >= ctx.end:
        return None
    group = ctx.P.source_group.draw(ctx.rng_detail)
    return Arrival(received, decided, ooh, group, SOURCE_CODES[group].draw(ctx.rng_detail))


def _reporter(rd, group: str) -> str:
    template = REPORTERS[group]
    return template.format(
        n=rd.randrange(1000, 9999),
        name=rd.choice(("Hartley", "Okafor", "Nowak", "Shah", "Murphy", "Clarke", "Begum")),
        town=rd.choice(TOWNS),
        role=rd.choice(
            HEALTH_ROLES
            if group == "health"
            else LA_ROLES
            if group == "la_services"
            else OTHER_ROLES
        ),
        relation=rd.choice(RELATIONS),
    )


def write_contact(
    ctx,
    kid: Kid,
    came: Arrival | Timeline,
    decision: str,
    rationale: str,
    episode_id: int | None,
    group_ref: str,
    team,
) -> None:
    """One contact and, unless the manager never got to it, its authorisation."""
    P = ctx.P
    rd = ctx.rng_detail
    out = ctx.out
    f = ctx.fmt
    tb = ctx.tb
    contact_id = out.next_id("contact")
    decider = ctx.wf.pick(team, rd)
    summary = rd.choice(CONTACT_SUMMARIES[SUMMARY_KEY.get(came.group, "other")])
    handover = (
        "Received out of hours by the emergency duty team; passed to the day team."
        if came.ooh
        else ""
    )
    out.rows["contact"].append(
        (
            contact_id,
            kid.id,
            group_ref,
            f.dt(came.received),
            came.source,
            _reporter(rd, came.group),
            summary,
            P.consent.draw(rd),
            came.ooh,
            handover,
            decision,
            f.dt(came.decided),
            decider,
            rationale,
            episode_id,
        )
    )
    kid.seen(tb.local_day(came.received))
    if ctx.q.u("authorisation", tb.fy_of(tb.local_day(came.decided))) >= P.authorised:
        return  # never authorised by a manager
    authorised = came.decided + rd.randint(*P.authorisation_minutes)
    if authorised >= ctx.end_instant:
        return  # still waiting for the manager on as-of
    outcome, new_decision, reasons = "agreed", "", ""
    if decision in ("nfa", "advice", "early_help") and rd.random() < P.overturned:
        outcome = "overturned"
        new_decision = {"nfa": "advice", "advice": "early_help", "early_help": "advice"}[decision]
        reasons = "The family would benefit from support; decision changed after discussion."
    out.rows["authorisation"].append(
        (
            out.next_id("authorisation"),
            contact_id,
            kid.id,
            team.manager,
            f.dt(authorised),
            outcome,
            new_decision,
            reasons,
        )
    )


def contact_only(ctx, hh: Household, kids: list[Kid], day: int) -> None:
    """A contact about the family that is dealt with at the front door (no referral)."""
    came = _arrival(ctx, day)
    if came is None:
        return
    P = ctx.P
    rd = ctx.rng_detail
    decision = P.contact_decision.draw(rd)
    rationale = rd.choice(
        NFA_RATIONALES
        if decision == "nfa"
        else ADVICE_RATIONALES
        if decision == "advice"
        else EARLY_HELP_RATIONALES
    )
    team = ctx.wf.team("front_door", hh.area)
    group_ref = f"G{kids[0].id}.{day}" if len(kids) > 1 else ""
    for kid in kids:
        write_contact(ctx, kid, came, decision, rationale, None, group_ref, team)


def _open_case_contacts(ctx, kid: Kid, episode_id: int, start: int, end: int, team) -> None:
    """New information about a child whose case is open, passed to the allocated worker."""
    rng = ctx.rng
    rate = ctx.P.open_case_contacts / 365.25
    if rate <= 0:
        return
    day = float(start)
    last = min(end, ctx.end) - 1
    while True:
        day += rng.expovariate(rate)
        if day > last:
            return
        came = _arrival(ctx, int(day))
        if came is None:
            return
        write_contact(ctx, kid, came, "nfa", OPEN_CASE_RATIONALE, episode_id, "", team)


# -- the case timeline ------------------------------------------------------------------------


class Timeline:
    """The stages of one household case, with the dates shared by the children in it."""

    __slots__ = (
        "ref",
        "received",
        "decided",
        "ooh",
        "group",
        "source",
        "need",
        "pathway",
        "nfa_close",
        "a_start",
        "auth",
        "strategies",
        "cp",
        "cin",
        "care_entry",
        "care_how",
        "care_force",
        "close",
        "close_reason",
        "moved_away",
    )

    def __init__(self) -> None:
        self.nfa_close: int | None = None
        self.a_start: int | None = None
        self.auth: int | None = None
        # (strategy day, s47 start, s47 end, outcome, icpc day or None, plan made, care)
        self.strategies: list[tuple] = []
        # (start, end, end reason, category, latest category, strategy index)
        self.cp: tuple | None = None
        self.cin: list[tuple[int, int]] = []
        self.care_entry: int | None = None
        self.care_how = "protective"
        self.care_force: tuple | None = None
        self.close: int | None = None
        self.close_reason = ""
        self.moved_away = False


def _strategy(ctx, after: int, with_icpc: bool) -> tuple:
    tb = ctx.tb
    P = ctx.P
    rd = ctx.rng_detail
    sd = tb.add_wd(after, P.strategy_lag.draw(rd))
    s47_start = tb.add_wd(sd, P.s47_lag.draw(rd))
    if with_icpc:
        _, delay = P.icpc_delay.value(ctx.q.u("icpc_delay", tb.fy_of(s47_start)), rd.random())
        icpc = tb.add_wd(s47_start, delay)
        s47_end = max(s47_start, icpc - rd.randrange(3))
        return sd, s47_start, s47_end, "icpc", icpc
    s47_end = tb.add_wd(s47_start, rd.randint(*P.no_icpc_duration))
    return sd, s47_start, s47_end, "", None


def _cp_stage(ctx, t: Timeline, start: int, forced: dict, s_index: int) -> int:
    """Plan the child protection plan from `start`; returns the day the plan ends."""
    P = ctx.P
    q = ctx.q
    tb = ctx.tb
    rd = ctx.rng_detail
    fy = tb.fy_of(start)
    if "cp_days" in forced:
        days = forced["cp_days"]
    else:
        _, days = P.cp_duration.value(q.u("cp_duration", fy), rd.random())
    end = start + days
    reason = forced.get("cp_end") or q.pick("cp_end", tb.fy_of(end), P.cp_end_reason)
    category = q.pick("cp_category", fy, P.cp_category)
    latest = category
    if rd.random() < P.cp_category_change:
        latest = P.cp_category.draw(rd)
    t.cp = (start, end, reason, category, latest, s_index)
    if reason == "care":
        t.care_entry = end
    elif reason == "child_in_need":
        t.cin.append((end, end + P.cin_duration.draw(rd)))
    elif reason == "moved_away":
        t.close, t.close_reason, t.moved_away = end, "RC5", True
    return end


def plan_case(
    ctx, hh: Household, day: int, pathway: str, forced: dict, index_kid: Kid
) -> Timeline | None:
    """The household timeline of one referral, or None if it would start after as-of."""
    P = ctx.P
    tb = ctx.tb
    q = ctx.q
    rd = ctx.rng_detail
    t = Timeline()
    t.received, t.decided, t.ooh, t.ref = contact_times(ctx, day)
    if t.ref >= ctx.end:
        return None
    ref = t.ref
    fy = tb.fy_of(ref)
    t.pathway = pathway
    t.group = P.source_group.draw(rd)
    t.source = SOURCE_CODES[t.group].draw(rd)
    if "need" in forced:
        t.need = forced["need"]
    elif pathway in S47_PATHWAYS and rd.random() < P.abuse_need:
        t.need = "N1"
    else:
        t.need = P.primary_need.draw(rd)
    if pathway == "nfa":
        t.nfa_close = tb.add_wd(ref, rd.choice((0, 1, 1, 2)))
        # RC8/RC9 mean "closed after assessment" (DfE query 8825Q): none was done here.
        t.close, t.close_reason = t.nfa_close, "RC7"
        return t
    _, duration = P.assessment_bands.value(q.u("assessment_band", fy), rd.random())
    t.auth = tb.add_wd(ref, duration)
    t.a_start = tb.add_wd(ref, min(P.assessment_lag.draw(rd), duration))
    end_of_work = t.auth
    if pathway in S47_PATHWAYS:
        with_icpc = pathway in ("icpc_cin", "icpc_cp")
        sd, s_start, s_end, outcome, icpc = _strategy(ctx, ref, with_icpc)
        if not outcome:
            outcome = "nfa" if pathway == "s47_close" else "cin"
        t.strategies.append(
            (sd, s_start, s_end, outcome, icpc, pathway == "icpc_cp", pathway == "care")
        )
        end_of_work = max(end_of_work, s_end)
        if pathway == "icpc_cp":
            end_of_work = _cp_stage(ctx, t, icpc, forced, 0)
        elif pathway == "icpc_cin":
            t.cin.append((icpc, icpc + P.cin_duration.draw(rd)))
        elif pathway == "s47_cin":
            start = max(t.auth, s_end) + rd.randrange(6)
            t.cin.append((start, start + P.cin_duration.draw(rd)))
        elif pathway == "care":
            t.care_entry = max(s_start, forced.get("care_entry", s_start + rd.randrange(3)))
            t.care_how = "protective" if tb.age(index_kid.dob, ref) < 13 else "teen"
            t.care_force = forced.get("care_force")
    elif pathway == "uasc":
        t.care_entry = max(ref, forced.get("care_entry", ref))
        t.care_how = "uasc"
        t.care_force = forced.get("care_force")
    elif pathway == "assess_cin":
        start = t.auth + rd.randrange(6)
        days = forced.get("cin_days") or (
            P.cin_disabled_duration.draw(rd) if t.need == "N2" else P.cin_duration.draw(rd)
        )
        t.cin.append((start, start + days))
    # Child in need plans may escalate to a strategy discussion and, perhaps, a plan.
    if t.cin and not t.cp and not forced.get("legacy") and t.need != "N2":
        c_start, c_end = t.cin[0]
        if c_end - c_start > 40 and q.chance("escalation", tb.fy_of(c_start), P.escalation):
            when = c_start + 20 + int(rd.random() * (c_end - c_start - 30))
            with_icpc = rd.random() < 0.45
            sd, s_start, s_end, outcome, icpc = _strategy(ctx, when, with_icpc)
            plan = with_icpc and rd.random() < 0.86
            t.strategies.append((sd, s_start, s_end, outcome or "cin", icpc, plan, False))
            if plan:
                t.cin[0] = (c_start, icpc)
                end_of_work = _cp_stage(ctx, t, icpc, forced, len(t.strategies) - 1)
    if t.cin:
        end_of_work = max(end_of_work, t.cin[-1][1])
    if t.care_entry is not None:
        return t
    if t.close is None:
        t.close = end_of_work + rd.randrange(11)
        if pathway == "assess_close":
            t.close_reason = "RC9" if rd.random() < P.close_to_early_help else "RC8"
        else:
            # After a section 47 enquiry or a plan the case did not close "after assessment"
            # (DfE rule 2990), whatever happened next.
            t.close_reason = "RC7"
    return t


# -- writing a case child by child ------------------------------------------------------------


def run_case(
    ctx,
    hh: Household,
    kids: list[Kid],
    day: int,
    pathway: str,
    forced: dict | None = None,
) -> tuple[int, int | None]:
    """Plan and write one referral for `kids`. Returns (the day the household's case closes,
    INF if still open; the day a follow-up referral is due, or None)."""
    forced = forced or {}
    t = plan_case(ctx, hh, day, pathway, forced, kids[0])
    if t is None:
        return day, None
    P = ctx.P
    tb = ctx.tb
    # A contact on the eve of an 18th birthday decided after it is not a children's referral.
    kids = [k for k in kids if tb.add_years(k.dob, 18) > t.ref]
    if not kids:
        return day, None
    E = ctx.end
    rd = ctx.rng_detail
    rng = ctx.rng
    wf = ctx.wf
    out = ctx.out
    f = ctx.fmt
    area = hh.area

    # Second and later plans: children new to plans in our records may have had one before
    # records start; such an earlier plan is added (closed, before the window) as often as it
    # takes to keep the share of repeat plans starting each year at the profile's rate.
    if t.cp is not None and not forced.get("legacy"):
        bucket = tb.fy_of(t.cp[0])
        before = min(ctx.start, t.ref)
        earlier = []
        for k in kids:
            wanted = ctx.q.quota("repeat_plan", bucket, P.repeat_plan, k.cp_plans > 0)
            if wanted and k.dob + 400 < before:
                ctx.q.taken("repeat_plan", bucket)
                earlier.append(k)
        if earlier:
            _earlier_plan(ctx, hh, earlier, before)
    team_kind = "disabled_children" if t.need == "N2" else "assessment"
    plan_kind = "disabled_children" if t.need == "N2" else "safeguarding"
    fd_team = wf.team("front_door", area)
    decision = (
        "strategy" if t.strategies and t.strategies[0][0] <= tb.add_wd(t.ref, 1) else "referral"
    )
    rationale = rd.choice(STRATEGY_RATIONALES if decision == "strategy" else REFERRAL_RATIONALES)
    group_ref = f"G{kids[0].id}.{t.ref}" if len(kids) > 1 else ""

    # Who holds the case at each stage (shared by the brothers and sisters).
    first_work = t.a_start if t.a_start is not None else t.nfa_close
    holdings = [wf.plan(rd, P, "front_door", area, t.ref, _clip(first_work, E))]
    if t.a_start is not None and t.a_start < E:
        plan_start = min([c[0] for c in t.cin] + ([t.cp[0]] if t.cp else []), default=None)
        handovers = [d for d in (plan_start, t.care_entry) if d is not None]
        a_end = min(handovers) if handovers else t.close
        if a_end is None or a_end >= t.a_start:
            holdings.append(wf.plan(rd, P, team_kind, area, t.a_start, _clip(a_end, E)))
        if (
            plan_start is not None
            and plan_start < E
            and (t.care_entry is None or plan_start < t.care_entry)
        ):
            end_plan = t.care_entry if t.care_entry is not None else t.close
            holdings.append(wf.plan(rd, P, plan_kind, area, plan_start, _clip(end_plan, E)))

    busy_until = 0
    follow_up_kids = []
    for kid in kids:
        eighteen = tb.add_years(kid.dob, 18)
        limit = min(E, eighteen)
        episode_id = out.next_id("episode")
        write_contact(ctx, kid, t, decision, rationale, episode_id, group_ref, fd_team)
        kid.need = t.need
        close, close_reason = t.close, t.close_reason
        in_care = False
        if t.pathway != "nfa":
            plan_ids = _write_strategies(ctx, kid, t, episode_id, limit)
            if t.cp is not None:
                close, close_reason = _write_cp_plan(
                    ctx,
                    kid,
                    t,
                    episode_id,
                    plan_ids,
                    holdings,
                    limit,
                    eighteen,
                    close,
                    close_reason,
                )
            for c_start, c_end in t.cin:
                if c_start >= limit:
                    break
                _write_cin_plan(ctx, kid, episode_id, c_start, c_end, holdings, limit)
            if t.care_entry is not None and t.care_entry < limit:
                in_care = True
                kid.episode_until = INF
                exit_day, rec, gone = care_chain.enter_care(
                    ctx, kid, t.care_entry, t.care_how, t.care_force
                )
                if exit_day is None:
                    close = None
                else:
                    close = exit_day + rd.randrange(15)
                    close_reason = care_chain.closure_for(rec, kid)
                    if gone:
                        kid.gone = exit_day
            elif t.care_entry is not None:
                # Not in care yet on as-of (the case is open), or 18 before the day came.
                close, close_reason = (eighteen, "RC7") if eighteen <= t.care_entry else (None, "")
        if close is not None and close >= eighteen and not in_care:
            close, close_reason = eighteen, "RC6" if kid.disabilities else "RC7"
        # The assessment: still under way on as-of keeps the referral open; one under way when
        # the young person turns 18 is concluded that day.
        auth = None
        if t.a_start is not None and t.a_start < limit:
            auth = t.auth
            if auth >= limit:
                if eighteen <= E:
                    auth = eighteen
                    if close is None or close > eighteen:
                        close, close_reason = eighteen, "RC6" if kid.disabilities else "RC7"
                else:
                    auth, close = None, None
            _write_assessment(ctx, kid, t, episode_id, holdings, auth)
        # A referral closes on or after every date recorded under it (DfE rule 8565).
        if close is not None:
            last = _last_activity(t, auth, limit, eighteen, E)
            if close < last:
                close = last + rd.randrange(6)
        if close is not None and close >= E:
            close = None
        if t.moved_away and close is not None:
            kid.gone = close
        for holding in holdings:
            h = _clip_holding(holding, close)
            if h is not None:
                wf.write(out, f, kid.id, h)
        out.rows["episode"].append(
            (
                episode_id,
                kid.id,
                f.d(t.ref),
                t.source,
                "" if t.pathway == "nfa" else t.need,
                t.pathway == "nfa",
                f.dn(close),
                close_reason if close is not None else "",
            )
        )
        _open_case_contacts(
            ctx, kid, episode_id, t.ref + 1, close if close is not None else E, fd_team
        )
        kid.episode_until = close if close is not None else INF
        if in_care:
            kid.episode_until = close if close is not None else INF
            busy_until = max(busy_until, t.care_entry)
        else:
            busy_until = max(busy_until, close if close is not None else INF)
            if close is not None and not t.moved_away:
                follow_up_kids.append(kid)
    follow_up = None
    if (
        busy_until < INF
        and follow_up_kids
        and not forced.get("legacy")
        and t.close is not None
        and ctx.q.chance("follow_up", tb.fy_of(busy_until), P.follow_up)
    ):
        delay = min(
            P.follow_up_max, max(7, int(rng.lognormvariate(math.log(P.follow_up_median), 0.8)))
        )
        follow_up = busy_until + delay
    return busy_until, follow_up


def _last_activity(t: Timeline, auth: int | None, limit: int, eighteen: int, end: int) -> int:
    """The last date recorded under a referral for one child: assessment, s47 enquiries and
    conferences, plan starts and the ends of plans that have ended."""
    days = [t.ref]
    if t.a_start is not None and t.a_start < limit:
        days.append(t.a_start)
    if auth is not None:
        days.append(auth)
    for _, s_start, s_end, _, icpc, _, _ in t.strategies:
        days += [d for d in (s_start, s_end, icpc) if d is not None and d < limit]
    if t.cp is not None and t.cp[0] < limit:
        plan_end = min(t.cp[1], eighteen)
        days += [t.cp[0]] + ([plan_end] if plan_end < end else [])
    for c_start, c_end in t.cin:
        if c_start < limit:
            c_end = min(c_end, limit)
            days += [c_start] + ([c_end] if c_end < end else [])
    return max(days)


def _clip(day: int | None, end: int) -> int | None:
    return None if day is None or day >= end else day


def _clip_holding(holding, close: int | None):
    """A holding cut at the child's own closure (for a child who turned 18 or was adopted)."""
    if close is None:
        return holding
    spans = []
    for s, e, w in holding.spans:
        if s > close:
            break
        if e is None or e > close:
            e = close
        spans.append((s, e, w))
    if not spans:
        return None
    from .workforce import Holding

    return Holding(holding.team, holding.kind, spans)


def _worker(holdings, day: int, default: int | None = None) -> int | None:
    for holding in reversed(holdings):
        if holding.spans[0][0] <= day:
            return holding.worker_on(day)
    return default


def _write_assessment(ctx, kid: Kid, t: Timeline, episode_id: int, holdings, auth) -> None:
    """The child's assessment, authorised on `auth` (None: still under way on as-of)."""
    P = ctx.P
    out = ctx.out
    f = ctx.fmt
    rd = ctx.rng_detail
    tb = ctx.tb
    assessment_id = out.next_id("assessment")
    worker = _worker(holdings[1:], t.a_start)
    out.rows["assessment"].append(
        (assessment_id, kid.id, episode_id, f.d(t.a_start), f.dn(auth), worker)
    )
    kid.seen(t.a_start)
    codes: list[str] = ["9A"] if t.pathway == "uasc" else []
    if t.need == "N2":
        codes.append(rd.choice(DISABILITY_FACTORS))
    if t.cp is not None:
        codes.extend(FACTORS_BY_CATEGORY[t.cp[3]])
    n = rd.randint(*P.factors_per_assessment)
    while len(codes) < n:
        code = CONTEXT_FACTORS.draw(rd)
        if code not in codes:
            codes.append(code)
    if t.pathway in ("assess_close",) and rd.random() < 0.15:
        codes = ["21"]
    for code in codes:
        out.rows["factor"].append((out.next_id("factor"), assessment_id, code))
    # The manager's midpoint check, 20 working days in, for assessments that run that long.
    end = auth if auth is not None else ctx.end
    total = tb.wd_between(t.ref, t.auth)
    if total > 20:
        check = tb.add_wd(t.a_start, 20)
        if check < end and check <= t.auth and rd.random() < P.midpoint_check:
            team = holdings[1].team if len(holdings) > 1 else holdings[0].team
            out.rows["midpoint"].append(
                (
                    out.next_id("midpoint"),
                    assessment_id,
                    kid.id,
                    team.manager,
                    f.d(check),
                    total <= 45,
                    rd.choice(MIDPOINT_DIRECTIONS),
                )
            )


def _write_strategies(ctx, kid: Kid, t: Timeline, episode_id: int, limit: int) -> dict[int, int]:
    """Strategy discussions, s47 enquiries and conferences; returns {strategy index: icpc id}."""
    out = ctx.out
    f = ctx.fmt
    rd = ctx.rng_detail
    wf = ctx.wf
    icpcs = {}
    for i, (sd, s_start, s_end, outcome, icpc, plan, care) in enumerate(t.strategies):
        if sd >= limit:
            break
        sd_id = out.next_id("strategy")
        out.rows["strategy"].append(
            (sd_id, kid.id, episode_id, f.d(sd), rd.choice(AGENCIES), rd.choice(STRATEGY_DECISIONS))
        )
        if s_start >= limit:
            continue
        ended = s_end < limit
        if not ended and limit < ctx.end:
            # The young person turned 18 during the enquiry: it ends that day, without a
            # conference (which would have come later still), so the closed referral does not
            # hold an enquiry left open (DfE rule 8868).
            s_end, outcome, ended = limit, "nfa", True
        s47_id = out.next_id("s47")
        out.rows["s47"].append(
            (
                s47_id,
                kid.id,
                episode_id,
                sd_id,
                f.d(s_start),
                f.d(s_end) if ended else None,
                outcome if ended else "",
                care and ended,
            )
        )
        if icpc is not None and icpc < limit:
            icpc_id = out.next_id("icpc")
            chair = wf.names.get(wf.pick(wf.team("iro", kid.hh.area), rd), "Conference chair")
            out.rows["icpc"].append((icpc_id, kid.id, episode_id, s47_id, f.d(icpc), chair, plan))
            icpcs[i] = icpc_id
    return icpcs


def _write_cp_plan(
    ctx, kid, t, episode_id, icpcs, holdings, limit, eighteen, close, close_reason
) -> tuple[int | None, str]:
    start, end, reason, category, latest, s_index = t.cp
    if start >= limit or s_index not in icpcs:
        return close, close_reason
    P = ctx.P
    out = ctx.out
    f = ctx.fmt
    rd = ctx.rng_detail
    tb = ctx.tb
    E = ctx.end
    if end >= eighteen:
        end, reason = eighteen, "age"
        close, close_reason = eighteen, "RC7"
    ended = end < E
    plan_id = out.next_id("cp_plan")
    kid.cp_plans += 1
    if rd.random() < 0.05:
        category = P.cp_category.draw(rd)
        latest = category
    out.rows["cp_plan"].append(
        (
            plan_id,
            kid.id,
            episode_id,
            icpcs[s_index],
            f.d(start),
            f.d(end) if ended else None,
            category,
            latest,
            reason if ended else "",
        )
    )
    stop = min(end, E)
    # Core groups: the first within 10 working days of the conference, then every 4-6 weeks.
    if rd.random() < P.core_group_on_time:
        day = tb.add_wd(start, rd.randint(max(1, P.core_group_first_wd - 6), P.core_group_first_wd))
    else:
        day = tb.add_wd(start, P.core_group_first_wd + rd.randint(1, 10))
    rows = out.rows["core_group"]
    while day < stop:
        rows.append((out.next_id("core_group"), kid.id, plan_id, f.d(day)))
        day += rd.randint(*P.core_group_every)
    # Review conferences: 3 months after the first conference, then 6-monthly; the last one ends
    # the plan unless the child came into care or moved away.
    rows = out.rows["cp_review"]
    due = start + P.cp_first_review_days
    while True:
        day = (
            due - rd.randrange(15) if rd.random() < P.cp_review_on_time else due + rd.randint(1, 30)
        )
        if day >= stop or day >= end - 7:
            break
        rows.append((out.next_id("cp_review"), kid.id, plan_id, f.d(day), True))
        due = day + P.cp_review_every_days
    if ended and reason in ("no_longer_needed", "child_in_need"):
        rows.append((out.next_id("cp_review"), kid.id, plan_id, f.d(end), False))
    # Visits: every 10 working days, the child seen (and seen alone when old enough).
    rows = out.rows["cp_visit"]
    day = tb.add_wd(start, rd.randint(1, P.cp_visit_every_wd))
    old_enough = tb.add_years(kid.dob, 5)
    while day < stop:
        seen = rd.random() < P.cp_seen
        alone = seen and day >= old_enough and rd.random() < P.cp_seen_alone
        rows.append(
            (
                out.next_id("cp_visit"),
                kid.id,
                plan_id,
                f.d(day),
                seen,
                alone,
                _worker(holdings, day),
            )
        )
        if rd.random() < P.cp_visit_on_time:
            day = tb.add_wd(day, rd.randint(max(1, P.cp_visit_every_wd - 3), P.cp_visit_every_wd))
        else:
            day = tb.add_wd(day, P.cp_visit_every_wd + rd.randint(1, 10))
    # Measurable outcomes, written at the first conference.
    if rd.random() < P.cp_outcomes:
        rows = out.rows["plan_outcome"]
        for what, how in rd.sample(OUTCOME_TEXTS, rd.randint(*P.cp_outcomes_per_plan)):
            by_when = start + rd.randint(60, 270)
            rows.append(
                (
                    out.next_id("plan_outcome"),
                    kid.id,
                    plan_id,
                    what,
                    how,
                    f.d(by_when),
                    rd.choice(OUTCOME_RESPONSIBLE),
                )
            )
    # Family group conference offered to the family.
    if ctx.q.chance("fgc", tb.fy_of(start), P.fgc_offered):
        offered = start + rd.randint(3, 30)
        if offered < stop:
            response, response_date, held = "", None, None
            answered = offered + rd.randint(3, 14)
            if answered < E:
                response = "accepted" if rd.random() < P.fgc_accepted else "declined"
                response_date = answered
                if response == "accepted" and rd.random() < P.fgc_held:
                    held_day = answered + rd.randint(14, 45)
                    held = held_day if held_day < E else None
            out.rows["fgc"].append(
                (
                    out.next_id("fgc"),
                    kid.id,
                    plan_id,
                    f.d(offered),
                    response,
                    f.dn(response_date),
                    f.dn(held),
                )
            )
    return close, close_reason


def _write_cin_plan(ctx, kid, episode_id, start, end, holdings, limit) -> None:
    P = ctx.P
    out = ctx.out
    f = ctx.fmt
    rd = ctx.rng_detail
    E = ctx.end
    # A plan running past as-of is open; one cut short by an 18th birthday ends on it.
    end_value = end if end < limit else (None if end >= E or limit == E else limit)
    plan_id = out.next_id("cin_plan")
    out.rows["cin_plan"].append((plan_id, kid.id, episode_id, f.d(start), f.dn(end_value)))
    stop = min(end, limit)
    day = start + rd.randint(1, P.cin_visit_every[1])
    rows = out.rows["cin_visit"]
    while day < stop:
        seen = rd.random() < P.cin_seen
        alone = seen and rd.random() < P.cin_seen_alone
        rows.append(
            (
                out.next_id("cin_visit"),
                kid.id,
                plan_id,
                f.d(day),
                seen,
                alone,
                _worker(holdings, day),
            )
        )
        day += rd.randint(*P.cin_visit_every)


def _earlier_plan(ctx, hh: Household, kids: list[Kid], before: int) -> None:
    """A closed plan from before records start, for the repeat-plan history."""
    rd = ctx.rng_detail
    P = ctx.P
    youngest = max(k.dob for k in kids)
    end_by = before - rd.randint(30, max(31, min(1400, before - youngest - 200)))
    _, days = P.cp_duration.value(rd.random(), rd.random())
    days = min(days, end_by - youngest - 60)
    start = end_by - days
    day = start - 20 - rd.randrange(20)
    eligible = [k for k in kids if k.dob + 30 <= day]
    if not eligible:
        return
    run_case(
        ctx,
        hh,
        eligible,
        day,
        "icpc_cp",
        {
            "legacy": True,
            "cp_days": days,
            "cp_end": "no_longer_needed",  # no step-down plan: it closes before the next referral
        },
    )
