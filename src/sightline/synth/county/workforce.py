"""The workforce: services, teams, workers, allocations of workers to children, demo logins.

Teams are sized from demand: a pilot run of the same simulation counts how many children each
kind of team holds on the as-of date, and each team kind gets enough caseholders for the
profile's caseload target (17.8 children per social worker, the 2017 England average). Children
are routed to a team by where their family lives, and to one of its workers at random, so
caseloads vary around the target as they do in practice; every so often a child's worker
changes (turnover) within the same team.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from .names import POOLS, TOWNS
from .params import Params

N_AREAS = 81  # the county's postcode sectors: 9 districts x 9 sectors

# Team kinds that hold children, the worker role that holds them and the allocation kind.
CASEHOLDING = {
    "front_door": ("social_worker", "social_worker"),
    "assessment": ("social_worker", "social_worker"),
    "safeguarding": ("social_worker", "social_worker"),
    "children_in_care": ("social_worker", "social_worker"),
    "disabled_children": ("social_worker", "social_worker"),
    "care_leavers": ("personal_adviser", "personal_adviser"),
    "iro": ("iro", "iro"),
}
SERVICES = (
    ("Front Door and Assessment", ("front_door", "assessment")),
    ("Safeguarding and Family Support", ("safeguarding",)),
    ("Children in Care and Care Leavers", ("children_in_care", "care_leavers")),
    ("Disabled Children", ("disabled_children",)),
    ("Quality Assurance and Safeguarding", ("iro", "lado", "quality")),
    ("Leadership and Business Support", ("leadership", "business_support")),
)
TEAM_LABELS = {
    "front_door": "Front Door (MASH)",
    "assessment": "Assessment Team",
    "safeguarding": "Safeguarding Team",
    "children_in_care": "Children in Care Team",
    "disabled_children": "Disabled Children's Team",
    "care_leavers": "Care Leavers Team",
    "iro": "Independent Reviewing Service",
    "lado": "LADO Team",
    "quality": "Quality Assurance Team",
    "leadership": "Senior Leadership Team",
    "business_support": "Business Support",
}
REGISTERED_ROLES = {"social_worker", "team_manager", "service_manager", "iro", "senior_leader"}


@dataclass
class TeamInfo:
    id: int
    name: str
    kind: str
    service_id: int
    holders: list[int] = field(default_factory=list)
    manager: int = 0
    load: dict[int, int] = field(default_factory=dict)  # worker id -> children held on as-of


class Workforce:
    """Teams and workers, and the allocation of children to them."""

    def __init__(self, as_of: int) -> None:
        self.as_of = as_of
        self.teams: list[TeamInfo] = []
        self.by_kind: dict[str, list[TeamInfo]] = {}
        self.service_managers: dict[int, int] = {}  # service id -> worker id
        self.names: dict[int, str] = {}
        self.roles: dict[int, tuple[str, int]] = {}  # worker id -> (role, team id)
        self.lado_officers: list[int] = []

    def team(self, kind: str, area: int) -> TeamInfo:
        teams = self.by_kind[kind]
        return teams[area * len(teams) // N_AREAS]

    def pick(self, team: TeamInfo, rng: random.Random) -> int:
        return team.holders[int(rng.random() * len(team.holders))]

    def plan(
        self,
        rng: random.Random,
        params: Params,
        team_kind: str,
        area: int,
        start: int,
        end: int | None,
    ) -> Holding:
        """Who holds a child (or a group of brothers and sisters) in one team from `start` to
        `end` (None: still held on as-of): a worker, changing now and then."""
        team = self.team(team_kind, area)
        spans = []
        s = start
        as_of = self.as_of
        while True:
            w = self.pick(team, rng)
            change = s + params.worker_change.draw(rng)
            e = end
            if (end is None or change < end) and change < as_of:
                e = change
            spans.append((s, e, w))
            if e is None or e == end:
                return Holding(team, CASEHOLDING[team_kind][1], spans)
            s = e

    def write(self, out, fmt, child_id: int, holding: Holding) -> None:
        """Write one child's allocations for a holding."""
        rows = out.rows["allocation"]
        team = holding.team
        as_of = self.as_of
        for s, e, w in holding.spans:
            rows.append(
                (out.next_id("allocation"), child_id, w, team.id, holding.kind, fmt.d(s), fmt.dn(e))
            )
            if s <= as_of and (e is None or e >= as_of):
                team.load[w] = team.load.get(w, 0) + 1


class Holding:
    """A team holding a child for a while: (start, end, worker) spans, end None = still held."""

    __slots__ = ("team", "kind", "spans")

    def __init__(self, team: TeamInfo, kind: str, spans: list[tuple[int, int | None, int]]):
        self.team = team
        self.kind = kind
        self.spans = spans

    def worker_on(self, day: int) -> int:
        for s, e, w in self.spans:
            if day >= s and (e is None or day < e):
                return w
        return self.spans[-1][2]


class DemandCounter(Workforce):
    """Stands in for the workforce in the pilot run: counts the children each kind of team
    holds, averaged over the as-of date and the twelve month-ends before it (less noisy than a
    single day)."""

    def __init__(self, as_of: int, days: list[int]) -> None:
        super().__init__(as_of)
        self.days = days
        self.held: dict[str, int] = {}
        self.by_kind = {kind: [TeamInfo(0, kind, kind, 0, [0], 0)] for kind in TEAM_LABELS}
        self.lado_officers = [0]

    def write(self, out, fmt, child_id, holding) -> None:
        kind = holding.team.kind
        for s, e, _ in holding.spans:
            for day in self.days:
                if s <= day and (e is None or e >= day):
                    self.held[kind] = self.held.get(kind, 0) + 1

    @property
    def demand(self) -> dict[str, float]:
        return {kind: n / len(self.days) for kind, n in self.held.items()}


def _person(rng: random.Random) -> tuple[str, str]:
    pool = rng.choice(("british",) * 6 + tuple(POOLS))
    boys, girls, surnames = POOLS[pool]
    first = rng.choice(girls if rng.random() < 0.78 else boys)  # the workforce is mostly women
    return first, rng.choice(surnames)


def build_workforce(
    out,
    fmt,
    params: Params,
    rng: random.Random,
    demand: dict[str, float],
    population: int,
    referrals_per_year: float,
    as_of: int,
) -> Workforce:
    """Write services, teams and workers sized for `demand` (children held per team kind)."""
    wf = Workforce(as_of)
    caseload = {
        "social_worker": params.caseload_target,
        "personal_adviser": params.caseload_target * 1.3,
        "iro": params.caseload_target * 3.6,
    }
    staff_no = 0

    def add_worker(first_last, role: str, team: TeamInfo) -> int:
        nonlocal staff_no
        staff_no += 1
        wid = out.next_id("worker")
        first, last = first_last
        agency = role == "social_worker" and rng.random() < params.agency
        registration = (
            f"SW{100000 + (staff_no * 7919) % 900000:06d}" if role in REGISTERED_ROLES else ""
        )
        out.rows["worker"].append(
            (wid, f"W{staff_no:05d}", first, last, role, team.id, agency, registration, True)
        )
        wf.names[wid] = f"{first} {last}"
        wf.roles[wid] = (role, team.id)
        return wid

    for service_name, kinds in SERVICES:
        service_id = out.next_id("service")
        out.rows["service"].append((service_id, service_name))
        first_team: TeamInfo | None = None
        for kind in kinds:
            if kind in CASEHOLDING:
                role = CASEHOLDING[kind][0]
                if kind == "front_door":
                    holders = max(
                        2,
                        math.ceil(
                            referrals_per_year * params.front_door_per_10k_referrals / 10_000
                        ),
                    )
                else:
                    holders = max(1, math.ceil(demand.get(kind, 0) / caseload[role]))
                n_teams = max(1, round(holders / params.team_size))
            elif kind == "lado":
                role, holders, n_teams = (
                    "lado_officer",
                    max(1, round(population * params.lado_per_100k / 1e5)),
                    1,
                )
            elif kind == "quality":
                role, holders, n_teams = (
                    "qa_officer",
                    max(1, round(population * params.qa_per_100k / 1e5)),
                    1,
                )
            elif kind == "leadership":
                role, holders, n_teams = "senior_leader", params.senior_leaders, 1
            else:
                role, holders, n_teams = (
                    "administrator",
                    max(1, round(population * params.admins_per_100k / 1e5)),
                    1,
                )
            teams = []
            for t in range(n_teams):
                team_id = out.next_id("team")
                label = TEAM_LABELS[kind]
                if n_teams > 1:
                    town = TOWNS[t * len(TOWNS) // n_teams]
                    number = (
                        sum(1 for x in range(t) if TOWNS[x * len(TOWNS) // n_teams] == town) + 1
                    )
                    name = f"{label} {town} {number}"
                else:
                    name = label
                out.rows["team"].append((team_id, name, service_id, kind))
                team = TeamInfo(team_id, name, kind, service_id)
                teams.append(team)
                if first_team is None:
                    first_team = team
            for i in range(holders):
                team = teams[i * n_teams // holders]
                team.holders.append(add_worker(_person(rng), role, team))
            for team in teams:
                if kind not in ("leadership", "business_support", "lado"):
                    team.manager = add_worker(_person(rng), "team_manager", team)
                else:
                    team.manager = team.holders[0]
            wf.by_kind[kind] = teams
            wf.teams.extend(teams)
            if kind == "lado":
                wf.lado_officers = list(teams[0].holders)
        assert first_team is not None
        if kinds[0] != "leadership":
            wf.service_managers[service_id] = add_worker(
                _person(rng), "service_manager", first_team
            )
    return wf


# -- demo logins ------------------------------------------------------------------------------

# Every demo login has this password (the generated county's and the small demo county's). It
# passes the project's password validators.
DEMO_PASSWORD = "sightline-demo-2026"
DEMO_USERNAMES = (
    ("sw.demo", "social_worker"),
    ("tm.demo", "team_manager"),
    ("sm.demo", "service_manager"),
    ("iro.demo", "iro"),
    ("pa.demo", "personal_adviser"),
    ("lado.demo", "lado_officer"),
    ("qa.demo", "qa_officer"),
    ("leader.demo", "senior_leader"),
    ("admin.demo", "administrator"),
)


def _closest(team_loads: list[tuple[int, int]], target: float) -> int:
    """The worker whose caseload is closest to `target` (lowest id on a tie)."""
    return min(team_loads, key=lambda wl: (abs(wl[1] - target), wl[0]))[0]


def choose_demo_workers(wf: Workforce, caseload_target: float) -> dict[str, int]:
    """One generated worker per role for the demo logins (username -> worker id)."""
    chosen: dict[str, int] = {}
    sw_loads = [
        (w, team.load.get(w, 0)) for team in wf.by_kind["safeguarding"] for w in team.holders
    ]
    sw = _closest(sw_loads, caseload_target)
    chosen["sw.demo"] = sw
    team_id = wf.roles[sw][1]
    team = next(t for t in wf.teams if t.id == team_id)
    chosen["tm.demo"] = team.manager
    chosen["sm.demo"] = wf.service_managers[team.service_id]

    def median_holder(kind: str) -> int:
        loads = [(w, t.load.get(w, 0)) for t in wf.by_kind[kind] for w in t.holders]
        values = sorted(load for _, load in loads)
        return _closest(loads, values[len(values) // 2])

    chosen["iro.demo"] = median_holder("iro")
    chosen["pa.demo"] = median_holder("care_leavers")
    chosen["lado.demo"] = wf.by_kind["lado"][0].holders[0]
    chosen["qa.demo"] = wf.by_kind["quality"][0].holders[0]
    chosen["leader.demo"] = wf.by_kind["leadership"][0].holders[0]
    chosen["admin.demo"] = wf.by_kind["business_support"][0].holders[0]
    return chosen
