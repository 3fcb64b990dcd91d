"""Children in care: the SSDA903 chain of a period of care, from the day a child starts to be
looked after to the day they leave (or as-of).

A period of care is planned as change points (legal status changes, placement moves, a foster
placement confirmed as long-term) and written as episodes: a new episode whenever the legal
status or the placement changes, consecutive episodes meeting end to start. Around the episodes
hang the reviews the IRO chairs, the visits after each placement and every six weeks, health
assessments, dental and development checks, SDQs, missing episodes with return home interviews,
adoption, UASC status and, for young people who leave care at 18, the care leaver chain.
"""

from __future__ import annotations

from . import leaving_care
from .children import Kid
from .names import OUT_OF_AREA, OUTWARD
from .workforce import Holding

REC_CLOSURE = {
    "E11": "RC1",
    "E12": "RC1",
    "E45": "RC4",
    "E46": "RC4",
    "E47": "RC4",
    "E48": "RC4",
    "E41": "RC3",
    "E3": "RC5",
    "E7": "RC6",
}
GONE_RECS = frozenset({"E11", "E12", "E45", "E46", "E47", "E48", "E41", "E3", "E16", "E9", "E7"})
NEW_CARERS = frozenset({"S", "P", "T"})
PARTICIPATION = (
    ("PN1", 45),
    ("PN2", 8),
    ("PN3", 5),
    ("PN4", 5),
    ("PN5", 12),
    ("PN6", 10),
    ("PN7", 15),
)
SDQ_REASONS = ("SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5")
CIN_903 = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})


def closure_for(rec: str, kid: Kid) -> str:
    """The CIN census reason for closing the referral when a period of care ends."""
    if rec in REC_CLOSURE:
        return REC_CLOSURE[rec]
    return "RC6" if kid.disabilities and rec in ("E5", "E6", "E8") else "RC7"


def _route_days(ctx, route: str) -> int:
    P = ctx.P
    rd = ctx.rng_detail
    if route == "home":
        return P.home_days.draw(rd)
    if route == "to_18":
        return 0
    lo, hi = P.route_days[route]
    return rd.randint(lo, hi)


def _exit_reason(ctx, route: str) -> str:
    P = ctx.P
    rd = ctx.rng_detail
    if route == "adoption":
        return "E11" if rd.random() < 0.6 else "E12"
    if route == "sgo":
        return P.sgo_reason.draw(rd)
    if route == "cao":
        return "E41"
    if route == "home":
        return P.home_reason.draw(rd)
    if route == "other":
        return P.other_reason.draw(rd)
    return P.at_18_reason.draw(rd)


class _Placement:
    __slots__ = ("group", "code", "provider", "postcode", "urn", "long_term")

    def __init__(self, group, code, provider, postcode, urn, long_term=False):
        self.group = group
        self.code = code
        self.provider = provider
        self.postcode = postcode
        self.urn = urn
        self.long_term = long_term


def _placement(ctx, group: str, age: int, long_term_route: bool) -> _Placement:
    P = ctx.P
    rd = ctx.rng_detail
    if group == "independent" and age < 16:
        group = "foster"
    code = P.placement_codes[group].draw(rd)
    if group == "foster" and not long_term_route and code in ("U1", "U4"):
        code = "U3" if code == "U1" else "U6"
    provider = P.provider[group].draw(rd)
    if rd.random() < P.out_of_area.get(group, 0.0):
        outward = rd.choice(OUT_OF_AREA)
    else:
        outward = rd.choice(OUTWARD)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    postcode = f"{outward} {rd.randint(1, 9)}{rd.choice(letters)}{rd.choice(letters)}"
    if group in ("residential", "independent") or provider in ("PR4", "PR5"):
        urn = f"SC{rd.randrange(100000, 999999)}"
    else:
        urn = "XXXXXXX"
    return _Placement(group, code, provider, postcode, urn, code in ("U1", "U4"))


def enter_care(ctx, kid: Kid, entry: int, how: str, force: tuple | None = None):
    """Write a period of care starting on `entry`. Returns (the day it ends or None if the child
    is still looked after on as-of, the SSDA903 reason it ended, whether the child left the
    family for good)."""
    P = ctx.P
    tb = ctx.tb
    q = ctx.q
    rd = ctx.rng_detail
    E = ctx.end
    out = ctx.out
    f = ctx.fmt
    wf = ctx.wf
    age = tb.age(kid.dob, entry)
    eighteen = tb.add_years(kid.dob, 18)
    fy = tb.fy_of(entry)
    if force is not None:
        route, days = force
    elif kid.uasc:
        route, days = "to_18", 0
    else:
        route = q.pick("care_exit", fy, P.exit_routes(age))
        days = _route_days(ctx, route)
    if route == "to_18" or entry + days >= eighteen:
        route, exit_day = "to_18", eighteen
    else:
        exit_day = max(entry + 1, entry + days)
    rec = _exit_reason(ctx, route)
    horizon = min(exit_day, E)
    kid.in_care_until = exit_day if exit_day < E else 10**9
    kid.seen(entry)
    long_term_route = route == "to_18"

    # -- change points: legal status (L), new placement (P), same carers new type (U) --------
    events: list[tuple[int, int, str, object]] = []  # (day, order, kind, value)
    if kid.uasc:
        first_status = "V2"
    else:
        first_status = P.legal_status["teen" if how == "teen" else "protective"].draw(rd)
    statuses = [(entry, first_status)]
    day = entry
    if first_status in ("L1", "L2", "J1"):
        day = entry + rd.randint(*P.emergency_status_days)
        statuses.append((day, "V2" if how == "teen" else "C1"))
    current = statuses[-1][1]
    adoption = None
    if route == "adoption":
        d = exit_day - entry
        should = entry + int(d * rd.uniform(0.15, 0.25))
        order_day = entry + int(d * rd.uniform(0.3, 0.38))
        matched = entry + int(d * rd.uniform(0.42, 0.52))
        placed = matched + rd.randint(7, 28)
        adoption = (should, order_day, matched, placed)
        if current == "V2":
            statuses.append((day + rd.randint(10, 60), "C1"))
        statuses.append((order_day, "E1"))
    elif current == "C1":
        full = day + rd.randint(*P.full_order_after)
        if full < exit_day - 14:
            statuses.append((full, "C2"))
    for d, status in statuses[1:]:
        if d < exit_day:
            events.append((d, 0, "L", status))

    # Placements: the first by age, then the moves of each financial year in care.
    if kid.uasc:
        group = P.uasc_placement.draw(rd) if age >= 16 else "foster"
    else:
        group = q.pick("placement_type", fy, P.placement_group(age))
    placement = _placement(ctx, group, age, long_term_route)
    if adoption is not None and placement.group == "foster" and rd.random() < 0.3:
        placement.code = "U5"
    moves: list[int] = []
    seg_start = entry
    while seg_start < horizon:
        year = tb.fy_of(seg_start)
        year_end = tb.add_years(_fy_start(tb, year), 1) - 1
        seg_end = min(year_end, horizon - 1)
        length = seg_end - seg_start + 1
        cls = 0 if length < 91 else 1 if length < 271 else 2
        table = P.moves_in_year[("short", "medium", "full")[cls]]
        n = q.pick("moves", year * 4 + cls, table)
        lo = seg_start + 1
        if n and seg_end > lo:
            days = sorted({rd.randint(lo, seg_end) for _ in range(n)})
            for d in days:
                if not moves or d - moves[-1] >= 5:
                    moves.append(d)
        seg_start = year_end + 1
    if adoption is not None:
        moves = [d for d in moves if d < adoption[3] - 5]
        if adoption[3] < exit_day:
            events.append((adoption[3], 1, "A", None))
    for d in moves:
        events.append((d, 1, "P", None))
    if long_term_route and placement.group == "foster":
        confirm = entry + rd.randint(*P.long_term_after)
        if confirm < horizon and not any(confirm - 90 < d <= confirm for d in moves):
            events.append((confirm, 2, "U", None))
    events.sort(key=lambda e: (e[0], e[1]))

    # -- episodes ---------------------------------------------------------------------------
    need = kid.need if kid.need in CIN_903 else ("N8" if kid.uasc else "N1")
    home = kid.hh.postcode_on(entry) if not kid.uasc else ""
    status = first_status
    episodes = []  # [start, rne, status, placement, reason_change]
    episodes.append([entry, "S", status, placement, ""])
    i = 0
    while i < len(events):
        d = events[i][0]
        same_day = [e for e in events if e[0] == d]
        i += len(same_day)
        if d >= horizon:
            break
        new_status = status
        new_place = None
        kinds = set()
        for _, _, kind, value in same_day:
            if kind == "L":
                new_status = value
                kinds.add("L")
            elif kind in ("P", "A"):
                age_now = tb.age(kid.dob, d)
                if kind == "A":
                    new_place = _placement(ctx, "adoption", age_now, False)
                else:
                    g = placement.group
                    if g in ("adoption", "parents") or rd.random() > 0.65:
                        g = P.placement_group(age_now).draw(rd)
                    if g == "adoption":
                        g = "foster"
                    new_place = _placement(ctx, g, age_now, long_term_route)
                kinds.add("P")
                reason = "PLACE" if kind == "A" else P.move_reason.draw(rd)
                episodes[-1][4] = reason
            elif kind == "U" and new_place is None:
                code = {"U6": "U4", "U3": "U1"}.get(placement.code)
                if code:
                    new_place = _Placement(
                        "foster", code, placement.provider, placement.postcode, placement.urn, True
                    )
                    kinds.add("U")
        if not kinds or (kinds == {"L"} and new_status == status):
            continue
        if "P" in kinds:
            rne = "T" if "L" in kinds else "P"
        elif "U" in kinds:
            rne = "B" if "L" in kinds else "U"
        else:
            rne = "L"
        status = new_status
        if new_place is not None:
            placement = new_place
        episodes.append([d, rne, status, placement, ""])
    rows = out.rows["care_episode"]
    placement_starts: list[tuple[int, bool]] = []
    for n, (start, rne, status, pl, reason) in enumerate(episodes):
        if n + 1 < len(episodes):
            end, ended_rec = episodes[n + 1][0], "X1"
            change = reason
        else:
            end = exit_day if exit_day < E else None
            ended_rec = rec if end is not None else ""
            change = ""
        if rne in NEW_CARERS:
            placement_starts.append((start, pl.long_term))
        rows.append(
            (
                out.next_id("care_episode"),
                kid.id,
                f.d(start),
                rne,
                status,
                need,
                pl.code,
                pl.provider,
                pl.postcode,
                home,
                pl.urn,
                pl.long_term,
                f.dn(end),
                ended_rec,
                change if end is not None else "",
            )
        )

    # -- who holds the child: a social worker in a children in care team, and an IRO ------------
    holder_end = exit_day if exit_day < E else None
    cic = wf.plan(rd, P, "children_in_care", kid.hh.area, entry, holder_end)
    wf.write(out, f, kid.id, cic)
    wf.write(out, f, kid.id, wf.plan(rd, P, "iro", kid.hh.area, entry, holder_end))

    _reviews(ctx, kid, entry, horizon)
    _visits(ctx, kid, placement_starts, horizon, cic)
    _health(ctx, kid, entry, horizon)
    if tb.add_years(kid.dob, 11) < horizon:
        _missing(ctx, kid, entry, horizon)
    if kid.uasc:
        out.rows["uasc"].append(
            (out.next_id("uasc"), kid.id, f.d(entry), f.d(eighteen) if eighteen < E else None)
        )
    if adoption is not None and adoption[0] < E:
        should, order_day, matched, placed = adoption
        out.rows["adoption"].append(
            (
                out.next_id("adoption"),
                kid.id,
                f.d(should),
                f.d(order_day) if order_day < E else None,
                f.d(matched) if matched < E else None,
                f.d(placed) if placed < E else None,
                None,
                "",
                f.d(exit_day) if exit_day < E else None,
            )
        )
    # Young people looked after at 16 and over (and for 13 weeks since 14) prepare to leave care.
    in_care_after_14 = horizon - max(entry, tb.add_years(kid.dob, 14))
    sixteen = tb.add_years(kid.dob, P.pathway_plan_from_age)
    if in_care_after_14 >= 91 and horizon > sixteen:
        leaving_care.young_person(ctx, kid, entry, exit_day, route == "to_18")
    return (exit_day if exit_day < E else None), rec, rec in GONE_RECS or route == "to_18"


def _fy_start(tb, year: int) -> int:
    from datetime import date

    return date(year, 4, 1).toordinal()


def _reviews(ctx, kid: Kid, entry: int, horizon: int) -> None:
    P = ctx.P
    tb = ctx.tb
    rd = ctx.rng_detail
    out = ctx.out
    f = ctx.fmt
    rows = out.rows["care_review"]
    four = tb.add_years(kid.dob, 4)
    due = tb.add_wd(entry, P.care_first_review_wd)
    on_time = rd.random() < P.care_review_on_time
    day = (
        tb.add_wd(entry, rd.randint(8, P.care_first_review_wd))
        if on_time
        else tb.add_wd(due, rd.randint(1, 15))
    )
    number = 1
    total = sum(w for _, w in PARTICIPATION)
    while day < horizon:
        if day < four:
            code = "PN0"
        else:
            x = rd.random() * total
            for code, w in PARTICIPATION:  # noqa: B007 - the loop picks `code`
                x -= w
                if x < 0:
                    break
        rows.append((out.next_id("care_review"), kid.id, f.d(day), code))
        months = P.care_second_review_months if number == 1 else P.care_review_every_months
        due = tb.add_months(day, months)
        day = (
            due - rd.randrange(14)
            if rd.random() < P.care_review_on_time
            else due + rd.randint(1, 30)
        )
        number += 1


def _visits(ctx, kid: Kid, starts: list[tuple[int, bool]], horizon: int, cic: Holding) -> None:
    P = ctx.P
    tb = ctx.tb
    rd = ctx.rng_detail
    out = ctx.out
    f = ctx.fmt
    rows = out.rows["care_visit"]
    five = tb.add_years(kid.dob, 5)
    for n, (start, long_term) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else horizon
        stop = min(stop, horizon)
        if rd.random() < P.care_visit_on_time:
            day = start + rd.randint(0, P.care_visit_first_days)
        else:
            day = start + rd.randint(P.care_visit_first_days + 1, 20)
        year_on = start + 365
        while day < stop:
            seen = rd.random() < P.care_seen
            alone = seen and day >= five and rd.random() < P.care_seen_alone
            rows.append(
                (out.next_id("care_visit"), kid.id, f.d(day), seen, alone, cic.worker_on(day))
            )
            gap = P.care_visit_long_term if long_term and day >= year_on else P.care_visit_every
            if rd.random() < P.care_visit_on_time:
                day += rd.randint(int(gap * 0.7), gap)
            else:
                day += gap + rd.randint(1, 21)


def _fy_segments(tb, start: int, horizon: int):
    """(financial year, first day, last day, whole year?) of each year in [start, horizon)."""
    seg = start
    while seg < horizon:
        year = tb.fy_of(seg)
        first = _fy_start(tb, year)
        last = _fy_start(tb, year + 1) - 1
        seg_end = min(last, horizon - 1)
        yield year, seg, seg_end, seg == first and seg_end == last
        seg = last + 1


def _health(ctx, kid: Kid, entry: int, horizon: int) -> None:
    """Initial and review health assessments, dental and development checks, immunisations and
    SDQs. Whether a review assessment or dental check happens in a year is decided per year (the
    calibrated 'in the year' rates); when it is, it falls somewhere in that year."""
    P = ctx.P
    tb = ctx.tb
    rd = ctx.rng_detail
    q = ctx.q
    out = ctx.out
    f = ctx.fmt
    rows = out.rows["health"]
    if rd.random() < P.initial_health_on_time:
        initial = tb.add_wd(entry, rd.randint(5, P.initial_health_wd))
    else:
        initial = tb.add_wd(entry, P.initial_health_wd + rd.randint(1, 25))
    if initial >= horizon:
        return
    rows.append((out.next_id("health"), kid.id, "initial", f.d(initial), None, ""))
    one = tb.add_years(kid.dob, 1)
    five = tb.add_years(kid.dob, 5)
    for year, s, e, whole in _fy_segments(tb, entry, horizon):
        bucket = year * 2 + whole
        age = tb.age(kid.dob, s)
        # Review health assessments: 6-monthly under 5, yearly from 5.
        if q.u("health", bucket) < P.health_in_year:
            lo = max(s, initial + 120)
            if lo <= e:
                count = 2 if s < five and e - lo > 150 else 1
                width = (e - lo + 1) // count
                for k in range(count):
                    day = lo + k * width + rd.randrange(max(1, width))
                    rows.append(
                        (out.next_id("health"), kid.id, "review", f.d(min(day, e)), None, "")
                    )
        if q.u("dental", bucket) < P.dental_in_year:
            lo = max(s, entry + 14, one)
            if lo <= e:
                day = lo + rd.randrange(e - lo + 1)
                rows.append((out.next_id("health"), kid.id, "dental", f.d(day), None, ""))
        if e - s < 60:
            continue
        if s < five and rd.random() < P.development_check:
            day = s + rd.randrange(e - s + 1)
            rows.append((out.next_id("health"), kid.id, "development", f.d(day), None, ""))
        if rd.random() < P.immunisations:
            day = s + rd.randrange(e - s + 1)
            rows.append((out.next_id("health"), kid.id, "immunisations", f.d(day), None, ""))
        if 4 <= age <= 16 and whole:
            day = s + rd.randrange(e - s + 1)
            if rd.random() < P.sdq_completed:
                score = max(0, min(40, int(rd.gauss(14, 6))))
                rows.append((out.next_id("health"), kid.id, "sdq", f.d(day), score, ""))
            else:
                rows.append(
                    (out.next_id("health"), kid.id, "sdq", f.d(day), None, rd.choice(SDQ_REASONS))
                )


def _missing(ctx, kid: Kid, entry: int, horizon: int) -> None:
    """Missing and away episodes for children of 11 and over, with return home interviews."""
    P = ctx.P
    tb = ctx.tb
    rd = ctx.rng_detail
    out = ctx.out
    f = ctx.fmt
    rows = out.rows["missing"]
    eleven = tb.add_years(kid.dob, 11)
    end_instant = ctx.end_instant
    for _, s, e, _ in _fy_segments(tb, max(entry, eleven), horizon):
        share = (e - s + 1) / 365.0
        if rd.random() >= P.missing_any * share:
            continue
        n = max(1, int(rd.randint(*P.missing_episodes) * share))
        for day in sorted(s + rd.randrange(e - s + 1) for _ in range(n)):
            started = tb.instant(day, 15 * 60 + rd.randrange(9 * 60))
            if started >= end_instant:
                continue
            returned = started + P.missing_hours.draw(rd) * 60 + rd.randrange(60)
            offered = accepted = completed = None
            if returned >= end_instant:
                returned = None
            else:
                if rd.random() < P.rhi_on_time:
                    hours = rd.randint(4, 70)
                else:
                    hours = rd.randint(*P.rhi_late_hours)
                offered = returned + hours * 60
                if offered >= end_instant:
                    offered = None
                else:
                    accepted = rd.random() < P.rhi_accepted
                    if accepted:
                        completed = offered + rd.randint(0, 48 * 60)
                        if completed >= end_instant:
                            completed = None
            rows.append(
                (
                    out.next_id("missing"),
                    kid.id,
                    "A" if rd.random() < P.missing_away else "M",
                    f.dt(started),
                    f.dtn(returned),
                    f.dtn(offered),
                    accepted,
                    f.dtn(completed),
                )
            )
