"""The county on the day records start: who is already in care, on a plan, or a care leaver.

Records cover a window of years, but care lasts up to eighteen: a county that started everyone
"not known" on the first day would have no children in care then, and would take a decade to
fill up. Instead each child's state on the first day is drawn from the steady state of the same
model that runs afterwards:

- in care with probability by age (the profile's stock rates); when they came into care is drawn
  from entry rates by age times the chance of still being looked after that long later, and how
  their care will end is then drawn given that it has lasted so far;
- on a child protection or child in need plan, with elapsed time drawn length-biased (a plan in
  progress on a given day is more likely to be a long one), uniformly within the plan.

The same routes, durations and plan lengths then carry on, so the window starts in balance.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from functools import cache
from statistics import NormalDist

from .params import Params

MONTH = 30.4375
MONTHS = 18 * 12


def _survival(params: Params, route: str, x: float) -> float:
    """The chance that care by `route` lasts longer than `x` days."""
    if route == "to_18":
        return 1.0
    if route == "home":
        dist = params.home_days
        if x >= dist.max:
            return 0.0
        if x <= 0:
            return 1.0
        return 1.0 - NormalDist().cdf((math.log(x) - dist.mu) / dist.sigma)
    lo, hi = params.route_days[route]
    if x < lo:
        return 1.0
    if x >= hi:
        return 0.0
    return (hi - x) / (hi - lo)


class SteadyState:
    def __init__(self, params: Params) -> None:
        self.P = params
        hazard = [0.0] * MONTHS
        ages = sorted(params.entry_age_pct)
        for i, age in enumerate(ages):
            upper = ages[i + 1] if i + 1 < len(ages) else 18.0
            per_month = params.entry_age_pct[age] / ((upper - age) * 12)
            for m in range(int(age * 12), int(upper * 12)):
                hazard[m] = per_month
        # For each age in months, cumulative weights over the month care started.
        self._cum: list[list[float]] = []
        surv_cache: dict[tuple[int, int], float] = {}
        for age_m in range(MONTHS):
            running = 0.0
            cum = []
            for a0 in range(age_m + 1):
                x = age_m - a0
                key = (a0 // 12, x)
                s = surv_cache.get(key)
                if s is None:
                    s = surv_cache[key] = self._surv_all(a0 / 12, x * MONTH)
                running += hazard[a0] * s
                cum.append(running)
            self._cum.append(cum)

    def _surv_all(self, entry_age: float, x: float) -> float:
        choice = self.P.exit_routes(entry_age)
        return sum(choice.share(r) * _survival(self.P, r, x) for r in choice.values)

    def care(self, rng: random.Random, age_days: int) -> tuple[int, str, int]:
        """(days in care so far, route out of care, total days by that route) for a child of
        `age_days` who is in care on the first day."""
        P = self.P
        age_m = min(MONTHS - 1, int(age_days / MONTH))
        cum = self._cum[age_m]
        a0 = bisect_right(cum, rng.random() * cum[-1])
        a0 = min(a0, len(cum) - 1)
        entry_age_days = min(age_days, int(a0 * MONTH) + rng.randrange(30))
        elapsed = age_days - entry_age_days
        choice = P.exit_routes(entry_age_days / 365.25)
        weights = [choice.share(r) * _survival(P, r, elapsed) for r in choice.values]
        total = sum(weights)
        route = "to_18"
        if total > 0:
            x = rng.random() * total
            for r, w in zip(choice.values, weights, strict=True):
                x -= w
                if x < 0:
                    route = r
                    break
        if route == "to_18":
            return elapsed, route, 0
        if route == "home":
            for _ in range(40):
                days = P.home_days.draw(rng)
                if days > elapsed:
                    return elapsed, route, days
            return elapsed, route, elapsed + rng.randint(1, 60)
        lo, hi = P.route_days[route]
        lo = max(lo, elapsed + 1)
        return elapsed, route, rng.randint(lo, max(lo, hi))

    def cp_plan(self, rng: random.Random) -> tuple[int, int]:
        """(days on the plan so far, total days) for a plan in progress on the first day."""
        bands = self.P.cp_duration
        weights = {}
        for band in bands.choice.values:
            lo, hi = bands.ranges[band]
            weights[band] = bands.choice.share(band) * (lo + hi) / 2
        total = sum(weights.values())
        x = rng.random() * total
        band = bands.choice.values[-1]
        for b, w in weights.items():
            x -= w
            if x < 0:
                band = b
                break
        lo, hi = bands.ranges[band]
        days = rng.randint(lo, hi)
        return int(rng.random() * days), days

    def cin_plan(self, rng: random.Random, disabled: bool) -> tuple[int, int]:
        dist = self.P.cin_disabled_duration if disabled else self.P.cin_duration
        candidates = [dist.draw(rng) for _ in range(6)]
        x = rng.random() * sum(candidates)
        days = candidates[-1]
        for d in candidates:
            x -= d
            if x < 0:
                days = d
                break
        return int(rng.random() * days), days

    def case_days(self, rng: random.Random, pathway: str) -> int | None:
        """About how long a case on `pathway` stays open (None: it ends in care)."""
        P = self.P
        if pathway == "nfa":
            return 2
        if pathway in ("care", "uasc"):
            return None
        _, wd = P.assessment_bands.value(rng.random(), rng.random())
        days = wd * 7 // 5 + rng.randint(0, 10)
        if pathway in ("assess_close", "s47_close"):
            return days
        if pathway == "icpc_cp":
            _, plan = P.cp_duration.value(rng.random(), rng.random())
            days = 25 + plan
            if rng.random() < 0.56:
                days += P.cin_duration.draw(rng)
            return days
        return days + P.cin_duration.draw(rng)

    def pending_follow_up(
        self, rng: random.Random, start: int, rate_per_day: float, index_age: int
    ) -> int | None:
        """The day of a follow-up referral still to come on the first day, from cases that
        began before records start (their records are not written), or None.

        Without it the first year of a window would lack the re-referrals of families whose
        cases closed just before it, and every rate would start low."""
        P = self.P
        if rate_per_day <= 0:
            return None
        day = float(start - 730)
        pending = None
        choice = P.pathway_choice(index_age)
        while True:
            day += rng.expovariate(rate_per_day)
            if day >= start:
                return pending
            length = self.case_days(rng, choice.draw(rng))
            if length is None:
                continue
            if rng.random() < P.follow_up:
                delay = min(
                    P.follow_up_max,
                    max(7, int(rng.lognormvariate(math.log(P.follow_up_median), 0.8))),
                )
                due = int(day) + length + delay
                if due >= start and (pending is None or due < pending):
                    pending = due


@cache
def steady_state_for(params: Params) -> SteadyState:
    return SteadyState(params)
