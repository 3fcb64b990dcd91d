"""Running the generator: `generate(...)` writes a county into a database, and
`build_or_reuse_demo(...)` keeps a cached build of the demo county so a second start is quick.

A run: read the profile; size the workforce with a pilot of the same simulation; then, in one
transaction, write the workforce, the young people who arrived alone, care leavers who left care
before the window, and every household, streaming rows to the database in large batches; finally
the demo logins and one audit event summarising the run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from django.db import connections, transaction
from django.utils import timezone

from sightline.performance.periods import latest_complete_financial_year

from . import identity
from .children import make_household, plan_households
from .dates import LONDON, Formats, TimeBase
from .params import Params
from .profiles import PROFILE_DIR, load_profile
from .progress import Progress
from .rng import Quasi, stream
from .simulate import (
    ChunkResult,
    Context,
    plan_uasc,
    run_chunk,
    simulate_former_care_leaver,
    simulate_household,
    simulate_uasc,
)
from .steady import steady_state_for
from .workforce import (
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    DemandCounter,
    build_workforce,
    choose_demo_workers,
)
from .writer import DatabaseSink, Output, Renumber, ReplaceRefused, delete_county

CHUNK_HOUSEHOLDS = (
    10_000  # households per chunk: its own random streams (part of what a seed means)
)
PILOT_HOUSEHOLDS = 6000
GENERATOR_VERSION = 1


class CountyExists(RuntimeError):
    """The database already holds a county and --replace was not given."""


@dataclass
class GenerateResult:
    population: int
    years: int
    seed: int
    profile: str
    as_of: date
    start: date
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    demo_users: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def window_start(as_of: date, years: int, params: Params, tb: TimeBase) -> int:
    start = tb.add_years(as_of.toordinal(), -years)
    year_start = date(latest_complete_financial_year(as_of), 4, 1).toordinal()
    return min(start, year_start - params.lookback_days)


def _calendar(using: str):
    from sightline.timescales.calendar import WorkingCalendar
    from sightline.timescales.models import ClosureDay

    closures = list(ClosureDay.objects.using(using).values_list("date", flat=True))
    return WorkingCalendar(closures)


def existing_county(using: str = "default") -> dict[str, int]:
    from sightline.people.models import Child, Service, Team, Worker

    counts = {
        "children": Child.objects.using(using).count(),
        "workers": Worker.objects.using(using).count(),
        "teams": Team.objects.using(using).count(),
        "services": Service.objects.using(using).count(),
    }
    return {k: v for k, v in counts.items() if v}


def _former_care_leaver_dobs(params: Params, rng, tb: TimeBase, start: int, population: int):
    """Dates of birth of young people aged 18-21 on the first day who had left care at 18."""
    first = tb.add_years(start, -22) + 1
    last = tb.add_years(start, -18)
    count = round(population / 18 * 4 * params.care_leavers_per_cohort)
    return sorted(first + int(rng.random() * (last - first + 1)) for _ in range(count))


def _pilot(params, tb, fmt, start, seed, population, uasc_plan, cl_dobs) -> tuple[dict, float]:
    """Run the simulation on a sample to count the children each kind of team holds on as-of
    (and referrals a year, for the front door), scaled to the whole county."""
    out = Output()
    days = [tb.as_of] + [tb.add_months(tb.as_of, -m) for m in range(1, 13)]
    wf = DemandCounter(tb.as_of, days)
    ctx = _context(params, tb, fmt, out, wf, start, identity.nhs_capacity())
    households = plan_households(
        params, stream(seed, "pilot", "households"), tb, population, start - 18 * 366
    )
    children = 0
    for n, dobs in enumerate(households):
        if n % CHUNK_HOUSEHOLDS == 0:
            ctx.reseed(f"{seed}/pilot", n // CHUNK_HOUSEHOLDS)
        hh = make_household(ctx, dobs)
        simulate_household(ctx, hh)
        children += sum(1 for k in hh.kids if tb.age(k.dob, tb.as_of) < 18)
        out.take()
        if n + 1 >= PILOT_HOUSEHOLDS:
            break
    scale = population / max(1, children)
    ctx.reseed(f"{seed}/pilot", "special")
    step = max(1, round(scale))
    for arrival, dob in uasc_plan[::step]:
        simulate_uasc(ctx, arrival, dob)
    for dob in cl_dobs[::step]:
        simulate_former_care_leaver(ctx, dob)
    out.take()
    demand = {kind: count * scale for kind, count in wf.demand.items()}
    years = max(1.0, (tb.as_of - start) / 365.25)
    return demand, out.written["episode"] * scale / years


def _context(params, tb, fmt, out, wf, start, nhs_capacity) -> Context:
    return Context(
        P=params,
        tb=tb,
        fmt=fmt,
        out=out,
        wf=wf,
        steady=steady_state_for(params),
        start=start,
        end=tb.as_of,
        end_instant=tb.instant(tb.as_of, 0),
        nhs_capacity=nhs_capacity,
        q=Quasi(),
    )


def default_workers() -> int:
    """Worker processes for generating households: one per CPU, none where fork is missing."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(1, min(8, os.cpu_count() or 1))


_STATE: dict = {}  # what forked workers inherit: the context and the seed


def _work(task: tuple) -> ChunkResult:
    number, households, first_child = task
    return run_chunk(_STATE["ctx"], _STATE["seed"], number, households, first_child)


def _chunks(params, seed, tb, natives, start, first_child):
    """(chunk number, households, first child id) for each chunk of the household plan."""
    households = plan_households(params, stream(seed, "households"), tb, natives, start - 18 * 366)
    number, batch, child = 0, [], first_child
    for dobs in households:
        batch.append(dobs)
        if len(batch) == CHUNK_HOUSEHOLDS:
            yield number, batch, child
            child += sum(len(h) for h in batch)
            number, batch = number + 1, []
    if batch:
        yield number, batch, child


def generate(
    population: int,
    years: int,
    seed: int,
    *,
    profile: str = "england",
    as_of: date | None = None,
    replace: bool = False,
    using: str = "default",
    progress: bool = True,
    stream_out: TextIO | None = None,
    workers: int | None = None,
    cache_key: str = "",
) -> GenerateResult:
    """Write a synthetic county of `population` children aged 0-17 on `as_of` (default today),
    with `years` of history, into the database `using`. Same arguments, same data (whatever
    the number of worker processes).

    Raises CountyExists if the database already holds children, workers or teams and
    `replace` is false; with `replace`, the existing county is deleted first, in the same
    transaction (writer.ReplaceRefused if audit events refer to its children)."""
    started = time.monotonic()
    out_stream = stream_out or sys.stdout
    if population < 1 or years < 1:
        raise ValueError("population and years must be at least 1")
    as_of = as_of or timezone.localdate()
    if as_of > timezone.localdate():
        raise ValueError("--as-of cannot be in the future: records would be dated after today")
    params = Params(load_profile(profile))
    existing = existing_county(using)
    if existing and not replace:
        found = ", ".join(f"{v:,} {k}" for k, v in existing.items())
        raise CountyExists(
            f"The database already holds a county ({found}). Use --replace to delete it and "
            "generate a new one."
        )
    connection = connections[using]
    if workers is None:
        workers = default_workers()
    if connection.in_atomic_block:
        workers = 0  # forked workers must not share a connection that is mid-transaction
    tb = TimeBase(as_of, _calendar(using))
    sink = DatabaseSink(using)
    fmt = Formats(tb, sink.vendor)
    start = window_start(as_of, years, params, tb)
    nhs_capacity = identity.nhs_capacity()

    # Young people who arrive alone count towards the 0-17 population on as-of.
    uasc_plan = plan_uasc(
        params, stream(seed, "uasc", "plan"), Quasi(seed, "uasc"), tb, start, population
    )
    adult_from = tb.add_years(tb.as_of, -18)
    natives = max(1, population - sum(1 for _, dob in uasc_plan if dob > adult_from))
    cl_dobs = _former_care_leaver_dobs(
        params, stream(seed, "former", "plan"), tb, start, population
    )

    bar = Progress(natives, "Generating", out_stream, enabled=progress)
    bar.note(
        f"Synthetic county: {population:,} children aged 0-17 on {as_of:%d %B %Y}, records from "
        f"{tb.to_date(start):%d %B %Y}, profile {profile}, seed {seed}."
    )
    demand, referrals_per_year = _pilot(params, tb, fmt, start, seed, natives, uasc_plan, cl_dobs)
    out = Output()
    wf = build_workforce(
        out,
        fmt,
        params,
        stream(seed, "workforce"),
        demand,
        population,
        referrals_per_year,
        tb.as_of,
    )
    ctx = _context(params, tb, fmt, out, wf, start, nhs_capacity)
    # The young people made outside households come first: children 1, 2, ... are theirs.
    first_child = len(uasc_plan) + len(cl_dobs) + 1

    pool = None
    if workers:
        _STATE.update(ctx=_context(params, tb, fmt, Output(), wf, start, nhs_capacity), seed=seed)
        connections.close_all()  # the workers are forked: they must not inherit a connection
        pool = multiprocessing.get_context("fork").Pool(workers)
    rows: dict[str, int] = {}
    demo: dict[str, int] = {}
    sink.begin_bulk_load()
    try:
        with transaction.atomic(using=using):
            if replace:
                delete_county(using)
            sink.drop_indexes()
            ctx.reseed(seed, "uasc")
            for arrival, dob in uasc_plan:
                simulate_uasc(ctx, arrival, dob)
            ctx.reseed(seed, "former")
            for dob in cl_dobs:
                simulate_former_care_leaver(ctx, dob)
            assert out.last_id["child"] == first_child - 1
            sink.write(out.take())
            renumber = Renumber(sink.specs, out.last_id)
            written = dict(out.written)
            loads: dict[int, int] = {}

            def handle(result: ChunkResult) -> None:
                sink.write(renumber.apply(result.rows, result.counts))
                for key, batch in result.rows:
                    written[key] += len(batch)
                for worker, n in result.loads.items():
                    loads[worker] = loads.get(worker, 0) + n
                bar.advance(result.children)

            tasks = _chunks(params, seed, tb, natives, start, first_child)
            if pool is None:
                for number, households, child in tasks:
                    handle(run_chunk(ctx, seed, number, households, child))
            else:
                pending: deque = deque()
                for task in tasks:
                    pending.append(pool.apply_async(_work, (task,)))
                    if len(pending) >= 2 * workers:
                        handle(pending.popleft().get())
                while pending:
                    handle(pending.popleft().get())
            for team in wf.teams:
                for worker in team.holders:
                    if worker in loads:
                        team.load[worker] = team.load.get(worker, 0) + loads[worker]
            demo = choose_demo_workers(wf, params.caseload_target)
            _demo_users(using, demo, wf, seed, tb)
            rows = written
            sink.finish_in_transaction()
            seconds = time.monotonic() - started
            _audit(
                using, population, years, seed, profile, as_of, start, tb, rows, seconds, cache_key
            )
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        _STATE.clear()
        sink.end_bulk_load()
    bar.finish()
    sink.analyse()
    seconds = time.monotonic() - started
    bar.note(f"Wrote {sum(rows.values()):,} rows in {seconds:.1f}s.")
    return GenerateResult(
        population, years, seed, profile, as_of, tb.to_date(start), seconds, rows, demo
    )


def _demo_users(using: str, chosen: dict[str, int], wf, seed: int, tb: TimeBase) -> None:
    """A login for one generated worker per role. The password hash is made once with a salt
    derived from the seed (the same seed gives the same rows), and reused for every user."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from sightline.people.models import Worker

    User = get_user_model()
    salt = hashlib.sha256(f"sightline-demo/{seed}".encode()).hexdigest()[:24]
    password = make_password(DEMO_PASSWORD, salt=salt)
    joined = datetime(*tb.ymd[tb.as_of - tb.lo], 8, 0, tzinfo=LONDON)
    for username, _role in DEMO_USERNAMES:
        worker_id = chosen[username]
        first, _, last = wf.names[worker_id].partition(" ")
        user = User.objects.using(using).filter(username=username).first()
        if user is None:
            user = User(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@sightline.example"
        user.password = password
        user.is_active = True
        user.date_joined = joined
        user.save(using=using)
        Worker.objects.using(using).filter(pk=worker_id).update(user=user)


def demo_workers(using: str = "default"):
    """The generated workers with demo logins, in the order of DEMO_USERNAMES."""
    from sightline.people.models import Worker

    order = [name for name, _ in DEMO_USERNAMES]
    workers = (
        Worker.objects.using(using).select_related("user", "team").filter(user__username__in=order)
    )
    return sorted(workers, key=lambda w: order.index(w.user.username))


def _audit(using, population, years, seed, profile, as_of, start, tb, rows, seconds, cache_key):
    from sightline.access.models import AuditEvent

    detail = {
        "population": population,
        "years": years,
        "seed": seed,
        "profile": profile,
        "as_of": as_of.isoformat(),
        "records_from": tb.to_date(start).isoformat(),
        "rows": rows,
        "seconds": round(seconds, 1),
        "generator_version": GENERATOR_VERSION,
        "cache_key": cache_key,
    }
    summary = (
        f"Generated a synthetic county: {population:,} children, {years} years to "
        f"{as_of:%d/%m/%Y}, profile {profile}, seed {seed}"
    )
    AuditEvent.objects.using(using).create(
        actor=None,
        actor_name="system",
        kind=AuditEvent.Kind.GENERATE,
        event_type=AuditEvent.Type.SYNTHETIC_DATA_GENERATED,
        summary=summary,
        detail=detail,
    )


# -- the cached demo county -----------------------------------------------------------------

DEMO_POPULATION = 185_000
DEMO_YEARS = 5
DEMO_SEED = 2026


def _fingerprint() -> str:
    """Changes whenever the generator, the profiles or the migrations change."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(package.glob("*.py")) + sorted(PROFILE_DIR.glob("*.yml"))
    files += sorted(package.parent.parent.glob("*/migrations/0*.py"))  # every app's schema
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_cache_key(population: int, years: int, seed: int, profile: str, as_of: date) -> str:
    text = json.dumps([population, years, seed, profile, as_of.isoformat(), _fingerprint()])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass
class DemoBuild:
    reused: bool  # True when nothing had to be generated
    how: str  # "already in place", "copied from cache", "generated"
    cache_path: Path | None
    seconds: float


def _current_key(using: str) -> str | None:
    from sightline.access.models import AuditEvent

    try:
        event = (
            AuditEvent.objects.using(using)
            .filter(kind=AuditEvent.Kind.GENERATE)
            .order_by("-id")
            .first()
        )
    except Exception:  # noqa: BLE001 - no tables yet
        return None
    return (event.detail or {}).get("cache_key") if event else None


# A cached county is keyed by its as-of date, so a new one is made each day the demo starts;
# copies not used for this long are deleted when a new one is written (each is ~250 MB).
CACHE_KEEP_SECONDS = 2 * 24 * 3600


def _prune_cache(cache_dir: Path, keep: Path) -> None:
    cutoff = time.time() - CACHE_KEEP_SECONDS
    for old in cache_dir.glob("county-*.sqlite3"):
        if old != keep and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def build_or_reuse_demo(
    using: str = "default",
    *,
    population: int = DEMO_POPULATION,
    years: int = DEMO_YEARS,
    seed: int = DEMO_SEED,
    profile: str = "england",
    as_of: date | None = None,
    cache_dir: Path | None = None,
    progress: bool = True,
    stream_out: TextIO | None = None,
    overwrite: bool = False,
) -> DemoBuild:
    """Make sure database `using` (migrated) holds the demo county, as quickly as possible.

    SQLite: the county is generated once into `var/cache/county-<key>.sqlite3` (the key covers
    the arguments, as-of, the generator's code, the profiles and the migrations) and copied
    into place on later starts: the database file is replaced whole, audit trail included, which
    is right for a demo database and why this refuses a database whose records did not come from
    a demo build unless `overwrite` is true. PostgreSQL: generated in place (with replace),
    unless the database already holds the county with the same key.
    """
    from django.conf import settings
    from django.core.management import call_command

    started = time.monotonic()
    as_of = as_of or timezone.localdate()
    key = demo_cache_key(population, years, seed, profile, as_of)
    current = _current_key(using)
    if current == key and existing_county(using).get("children"):
        return DemoBuild(True, "already in place", None, time.monotonic() - started)
    if not current and not overwrite and existing_county(using):
        raise CountyExists(
            "The database holds records that did not come from a demo build; the demo county "
            "will not replace them. Point the demo at its own database."
        )
    db = settings.DATABASES[using]
    build = functools.partial(
        generate,
        population,
        years,
        seed,
        profile=profile,
        as_of=as_of,
        progress=progress,
        stream_out=stream_out,
        cache_key=key,
    )
    if connections[using].vendor != "sqlite":
        try:
            build(replace=True, using=using)
        except ReplaceRefused as error:  # someone has used the old county: keep their trail
            raise CountyExists(str(error)) from error
        return DemoBuild(False, "generated", None, time.monotonic() - started)
    target = Path(db["NAME"])
    cache_dir = Path(cache_dir or settings.SIGHTLINE_COUNTY_CACHE_DIR)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"county-{key}.sqlite3"
    how = "copied from cache"
    if not cached.exists():
        how = "generated"
        building = cache_dir / f"county-{key}.building.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        alias = "synth_county_build"
        connections.settings[alias] = {**db, "NAME": str(building)}
        try:
            call_command("migrate", database=alias, interactive=False, verbosity=0)
            build(using=alias)
            with connections[alias].cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("PRAGMA journal_mode=DELETE")
        finally:
            connections[alias].close()
            del connections[alias]
            connections.settings.pop(alias, None)
        building.replace(cached)
        for suffix in ("-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        _prune_cache(cache_dir, keep=cached)
    connections[using].close()
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.utime(cached)  # its age is the time since it was last used (see _prune_cache)
    shutil.copyfile(cached, target)
    return DemoBuild(False, how, cached, time.monotonic() - started)
