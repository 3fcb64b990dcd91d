"""Care leavers: pathway plans and their reviews, personal advisers, where young people live after
care (with moves that should prompt a review), and what the council knew of them around each
birthday (in touch, activity, accommodation: the SSDA903 OC3 items).

The chain starts while the young person is still looked after (a pathway plan from 16) and, for
those who leave care at 18, runs to their 21st birthday or as-of.
"""

from __future__ import annotations

from .children import Kid
from .names import OUT_OF_AREA, OUTWARD

LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _postcode(rd) -> str:
    outward = rd.choice(OUT_OF_AREA) if rd.random() < 0.15 else rd.choice(OUTWARD)
    return f"{outward} {rd.randint(1, 9)}{rd.choice(LETTERS)}{rd.choice(LETTERS)}"


def young_person(ctx, kid: Kid, entry: int, exit_day: int, leaves_at_18: bool) -> None:
    """The pathway plan (from 16, or soon after coming into care later), the personal adviser
    and, for a young person who leaves care at 18, life as a care leaver up to 21."""
    P = ctx.P
    tb = ctx.tb
    rd = ctx.rng_detail
    q = ctx.q
    out = ctx.out
    f = ctx.fmt
    wf = ctx.wf
    E = ctx.end
    sixteen = tb.add_years(kid.dob, P.pathway_plan_from_age)
    twenty_one = tb.add_years(kid.dob, 21)
    plan_start = max(sixteen, entry + rd.randint(20, 60))
    if plan_start >= E or plan_start >= exit_day + 30:
        return
    plan_end_day = twenty_one if leaves_at_18 else exit_day
    plan_end = plan_end_day if plan_end_day < E else None
    horizon = min(plan_end_day, E)
    adviser = None
    if leaves_at_18:
        pa_from = max(plan_start, tb.add_years(kid.dob, 17) + int((P.pa_from_age - 17) * 365))
        if pa_from < horizon:
            holding = wf.plan(rd, P, "care_leavers", kid.hh.area, pa_from, plan_end)
            wf.write(out, f, kid.id, holding)
            adviser = holding.spans[0][2]
    plan_id = out.next_id("pathway_plan")
    out.rows["pathway_plan"].append((plan_id, kid.id, f.d(plan_start), f.dn(plan_end), adviser))
    kid.seen(plan_start)
    reviews: list[int] = []
    due = tb.add_months(plan_start, P.pp_review_every_months)
    while True:
        if rd.random() < P.pp_review_on_time:
            day = due - rd.randrange(21)
        else:
            day = due + rd.randint(1, 75)
        if day >= horizon:
            break
        reviews.append(day)
        due = tb.add_months(day, P.pp_review_every_months)
    if not leaves_at_18:
        _write_reviews(ctx, kid, plan_id, reviews)
        return
    # Accommodation from the day care ends: the first home, then moves.
    eighteen = exit_day
    homes = []
    code = P.cl_accommodation_first.draw(rd)
    day = eighteen
    while day < horizon:
        homes.append((day, code))
        day += int(rd.expovariate(P.cl_moves / 365.25)) + 1
        code = P.cl_accommodation_later.draw(rd)
    rows = out.rows["cl_accommodation"]
    for n, (start, code) in enumerate(homes):
        end = homes[n + 1][0] if n + 1 < len(homes) else (twenty_one if twenty_one < E else None)
        rows.append(
            (out.next_id("cl_accommodation"), kid.id, f.d(start), f.dn(end), code, _postcode(rd))
        )
        # A move should be followed by a pathway plan review within 20 working days.
        if n and q.chance("pp_review_after_move", tb.fy_of(start), P.pp_review_after_move):
            review = tb.add_wd(start, rd.randint(*P.pp_review_after_move_wd))
            if review < horizon and all(abs(review - r) > 10 for r in reviews):
                reviews.append(review)
    _write_reviews(ctx, kid, plan_id, sorted(reviews))
    # Keeping in touch around each birthday from 18 to 21.
    rows = out.rows["cl_contact"]
    for age in (18, 19, 20, 21):
        birthday = tb.add_years(kid.dob, age)
        day = max(eighteen, birthday + rd.randint(-30, 30))
        if day >= E or (age == 21 and day > twenty_one + 60):
            continue
        in_touch = P.cl_in_touch.draw(rd)
        if in_touch == "YES":
            current = homes[0][1]
            for start, code in homes:
                if start <= day:
                    current = code
            activity = P.cl_activity.draw(rd)
            accommodation = current
        else:
            activity, accommodation = "", ""
        rows.append(
            (out.next_id("cl_contact"), kid.id, f.d(day), in_touch, activity, accommodation)
        )


def _write_reviews(ctx, kid: Kid, plan_id: int, reviews: list[int]) -> None:
    out = ctx.out
    f = ctx.fmt
    rows = out.rows["pp_review"]
    for day in reviews:
        rows.append((out.next_id("pp_review"), kid.id, plan_id, f.d(day)))
