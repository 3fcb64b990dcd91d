"""Seeded randomness: one `random.Random` per named stream, and low-discrepancy draws for the
decisions the calibration report measures.

Every stream is seeded from text (the run's seed, the chunk of households and the stream's
name); `random.Random` hashes text seeds with SHA-512, so a stream never depends on
PYTHONHASHSEED, the machine or the order other streams are used in.

Why low-discrepancy draws: a county of 20,000 children starts about a hundred child protection
plans a year, so independent coin flips would put the share of, say, sexual abuse plans 30% off
the profile by chance alone. Calibrated decisions (pathway after a referral, assessment length,
days to conference, category, plan length, placement moves, health checks) instead take the
k-th value of an additive recurrence frac(offset + k * alpha) for their stream and financial
year. Those values fill [0, 1) evenly, so the decisions made in one year land on the profile's
shares almost exactly, while which child gets which value is still down to the order the
(randomly generated) households arrive in. Each stream has its own alpha (see `_alphas`).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence

# Streams drawn through `Quasi`; each one's alpha is fixed by its position here, so append only.
QUASI_STREAMS = (
    "pathway",
    "assessment_band",
    "icpc_delay",
    "cp_category",
    "cp_duration",
    "repeat_plan",
    "moves",
    "placement_type",
    "health",
    "dental",
    "care_exit",
    "uasc",
    "initial_state",
    "follow_up",
    "cp_end",
    "s47_outcome",
    "care_entry",
    "escalation",
    "rhi",
    "cl_accommodation",
    "contact_decision",
    "authorisation",
    "fgc",
    "outcomes",
    "pp_review_after_move",
    "dental_initial",
)


def _alphas(n: int) -> list[float]:
    """frac(sqrt(m)) for square-free m = 2, 3, 5, 6, 7, 10, ... whose continued fractions have
    small terms (a sequence's values then spread evenly even over a few dozen draws); square
    roots of distinct square-free numbers are independent over the rationals, so no two streams
    move in step."""
    alphas = []
    m = 1
    while len(alphas) < n:
        m += 1
        if any(m % (d * d) == 0 for d in range(2, int(m**0.5) + 1)):
            continue
        root = m**0.5
        x, terms = root - int(root), []
        for _ in range(8):
            x = 1 / x
            terms.append(int(x))
            x -= int(x)
        if max(terms) <= 12:
            alphas.append(root - int(root))
    return alphas


_ALPHAS = dict(zip(QUASI_STREAMS, _alphas(len(QUASI_STREAMS)), strict=True))


def stream(*parts: object) -> random.Random:
    """A random.Random seeded from text made of `parts` (stable across processes)."""
    return random.Random("/".join(str(p) for p in parts))


class Quasi:
    """Low-discrepancy uniforms in [0, 1), one sequence per (stream, bucket)."""

    def __init__(self, *seed_parts: object) -> None:
        self._seed = "/".join(str(p) for p in seed_parts)
        self._state: dict[tuple[str, int], list[float]] = {}
        self._quota: dict[tuple[str, int], list[float]] = {}

    def u(self, name: str, bucket: int = 0) -> float:
        key = (name, bucket)
        state = self._state.get(key)
        if state is None:
            offset = random.Random(f"{self._seed}/{name}/{bucket}").random()
            state = self._state[key] = [offset, _ALPHAS[name]]
        value = state[0]
        state[0] = (value + state[1]) % 1.0
        return value

    def quota(self, name: str, bucket: int, share: float, already: bool) -> bool:
        """Systematic sampling towards `share` of units being a "yes": call once per unit,
        saying whether it is a "yes" already; True means make this one a "yes" (then call
        `taken`). The running shortfall starts at a random fraction, so the expected share is
        exactly `share` and the count in a bucket is within one of it."""
        key = (name, bucket)
        state = self._quota.get(key)
        if state is None:
            state = self._quota[key] = [random.Random(f"{self._seed}/{name}/{bucket}/q").random()]
        state[0] += share
        if already:
            state[0] -= 1.0
            return False
        return state[0] >= 1.0

    def taken(self, name: str, bucket: int) -> None:
        self._quota[(name, bucket)][0] -= 1.0

    def chance(self, name: str, bucket: int, p: float) -> bool:
        return self.u(name, bucket) < p

    def pick(self, name: str, bucket: int, table: Choice):
        return table.at(self.u(name, bucket))


class Choice:
    """A categorical distribution: pick by a uniform in [0, 1) through the cumulative weights."""

    __slots__ = ("values", "cum")

    def __init__(self, weights: dict | Sequence[tuple[object, float]]) -> None:
        items = list(weights.items()) if isinstance(weights, dict) else list(weights)
        items = [(k, float(w)) for k, w in items if float(w) > 0]
        if not items:
            raise ValueError("a choice needs at least one positive weight")
        total = sum(w for _, w in items)
        self.values = [k for k, _ in items]
        cum, running = [], 0.0
        for _, w in items:
            running += w / total
            cum.append(running)
        cum[-1] = 1.0
        self.cum = cum

    def at(self, u: float):
        return self.values[bisect_right(self.cum, u)] if u < 1.0 else self.values[-1]

    def draw(self, rng: random.Random):
        return self.values[bisect_right(self.cum, rng.random())]

    def share(self, value) -> float:
        i = self.values.index(value)
        return self.cum[i] - (self.cum[i - 1] if i else 0.0)
