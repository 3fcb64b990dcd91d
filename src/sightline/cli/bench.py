"""`sightline bench`: time the indicators, the returns and the dashboard on the full-size county,
in a database of its own."""

import argparse
import json
import os
import sys

from .base import ROOT, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "bench",
        parents=[common],
        help="time the indicators, the returns and the dashboard on the 185,000-child county",
        description="Generates the synthetic county (or reuses it: var/cache for SQLite, the "
        "database itself for PostgreSQL) in its own database, var/bench.sqlite3 unless "
        "--database-url or DATABASE_URL names another, then prints each measure's median.",
    )
    p.add_argument("--repeats", type=int, default=3, help="runs per measure (median reported)")
    p.add_argument(
        "--population", type=int, default=185_000, help="children aged 0-17 (default 185000)"
    )
    p.add_argument(
        "--only",
        action="append",
        choices=["indicators", "cin_census", "annex_a", "dashboard"],
        help="time only this measure (repeatable)",
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=bench)


def bench(args: argparse.Namespace) -> int:
    if not args.database_url and not os.environ.get("DATABASE_URL"):
        # Never the demo's own database: the bench replaces the county and clears stored figures.
        args.database_url = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    setup_django(args)
    from django.core.management import call_command

    from sightline.performance import bench as timing
    from sightline.synth.county.run import DEMO_YEARS, CountyExists, build_or_reuse_demo

    # With --format json, stdout carries only the JSON; progress goes to stderr.
    progress = sys.stderr if args.format == "json" else sys.stdout

    def say(line: str) -> None:
        print(line, file=progress, flush=True)

    call_command("migrate", interactive=False, verbosity=0)
    try:
        build = build_or_reuse_demo(
            population=args.population,
            progress=True,
            stream_out=progress,
        )
    except CountyExists as error:
        print(error, file=sys.stderr)
        return 2
    say(
        f"County: {args.population:,} children, {DEMO_YEARS} years ({build.how} in "
        f"{build.seconds:.1f}s)."
    )
    measures = timing.run(args.only, args.repeats, say)
    if args.format == "json":
        print(json.dumps([m.to_dict() for m in measures], indent=2))
    else:
        print(timing.table(measures))
    return 0 if all(m.ok for m in measures) else 1
