"""The implementations behind `sightline COMMAND` (see cli.py for the arguments)."""

import argparse
import json
import os
import sys
from pathlib import Path

from .cli import _setup_django, command

ROOT = Path(__file__).resolve().parents[2]


@command("migrate")
def migrate(args: argparse.Namespace) -> int:
    _setup_django(args)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _serve(port: int, host: str = "127.0.0.1") -> int:
    from waitress import serve

    from config.wsgi import application
    from sightline.performance.selectors import warm_in_background

    warm_in_background()  # the first leader to open the dashboard should not wait for it
    print(f"Sightline is serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    serve(application, host=host, port=port, threads=8, ident="Sightline")
    return 0


@command("serve")
def serve(args: argparse.Namespace) -> int:
    _setup_django(args)
    return _serve(args.port, args.host)


@command("demo")
def demo(args: argparse.Namespace) -> int:
    _setup_django(args)
    from django.core.management import call_command

    from sightline.synth.demo import DEMO_PASSWORD, ensure_demo_data

    call_command("migrate", interactive=False, verbosity=0)
    if args.small:
        created = ensure_demo_data()
        print("Demo data loaded." if created else "Demo data already present.")
    else:
        from sightline.synth.county.run import CountyExists, build_or_reuse_demo

        try:
            build = build_or_reuse_demo(population=args.population, progress=True)
        except CountyExists as error:
            print(error, file=sys.stderr)
            return 2
        print(f"Synthetic county: {build.how} in {build.seconds:.1f}s.")
    print(f"\nDemo logins (every password is {DEMO_PASSWORD}):")
    _print_users_table()
    if args.no_serve:
        return 0
    return _serve(args.port)


def _demo_users() -> list[dict[str, str]]:
    from sightline.synth.county.run import demo_workers as county_workers
    from sightline.synth.demo import DEMO_PASSWORD
    from sightline.synth.demo import demo_workers as fixture_workers

    # The generated county's demo logins, or the small fixture county's (which has more).
    workers = max(county_workers(), fixture_workers(), key=len)

    return [
        {
            "username": w.user.username,
            "name": w.full_name,
            "role": w.get_role_display(),
            "team": w.team.name,
            "password": DEMO_PASSWORD,
        }
        for w in workers
    ]


def _print_users_table() -> None:
    rows = _demo_users()
    widths = {k: max(len(k), *(len(r[k]) for r in rows)) for k in ("username", "role", "team")}
    header = "  ".join(k.ljust(widths[k]) for k in widths)
    print(header)
    print("-" * len(header))
    for r in rows:
        print("  ".join(r[k].ljust(widths[k]) for k in widths))


@command("demo-users")
def demo_users(args: argparse.Namespace) -> int:
    _setup_django(args)
    if args.format == "json":
        json.dump(_demo_users(), sys.stdout, indent=2)
        print()
    else:
        _print_users_table()
    return 0


@command("workdays")
def workdays(args: argparse.Namespace) -> int:
    _setup_django(args)
    from django.db import DatabaseError

    from sightline.timescales.calendar import WorkingCalendar, calendar

    try:
        cal = calendar()
    except DatabaseError:
        # No database yet (before the first migrate): bank holidays still apply.
        print("No database yet: council closure days are not applied.", file=sys.stderr)
        cal = WorkingCalendar()
    if args.workdays_command == "add":
        if args.n < 0:
            print("N must be 0 or more.", file=sys.stderr)
            return 2
        print(cal.add_working_days(args.date, args.n).isoformat())
    else:
        print(cal.working_days_between(args.start, args.end))
    return 0


@command("timescales")
def timescales(args: argparse.Namespace) -> int:
    _setup_django(args)
    from django.core.exceptions import ValidationError

    from sightline.timescales import admin_services

    try:
        if args.timescales_command == "list":
            for line in admin_services.describe_all():
                print(line)
        elif args.timescales_command == "set":
            admin_services.set_local(args.key, args.value, args.reason)
            print(f"{args.key} is now {args.value}.")
        else:
            admin_services.add_closure_day(args.date, args.reason)
            print(f"{args.date:%d/%m/%Y} is now a closure day.")
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    return 0


@command("reference")
def reference(args: argparse.Namespace) -> int:
    if args.reference_command == "sync":
        from sightline.reference.sync import sync

        for line in sync(Path(args.source)):
            print(line)
        return 0
    _setup_django(args)
    from sightline.returns.ssd import write_mapping_document

    path = write_mapping_document(Path(args.out))
    print(f"Wrote {path}")
    return 0


@command("dip-sample")
def dip_sample(args: argparse.Namespace) -> int:
    _setup_django(args)
    from sightline.frontdoor.services import draw_last_week

    for line in draw_last_week():
        print(line)
    return 0


@command("export")
def export(args: argparse.Namespace) -> int:
    _setup_django(args)
    if args.export_command == "annex-a":
        from sightline.returns.annex_a.commands import export_command as export_annex_a

        return export_annex_a(args.as_at, Path(args.out))
    from sightline.returns.cin_census.commands import export_command

    return export_command(args.year, Path(args.out), args.la_code)


@command("import")
def import_(args: argparse.Namespace) -> int:
    _setup_django(args)
    if args.import_command == "annex-a":
        from sightline.returns.annex_a.commands import import_command as import_annex_a

        return import_annex_a(Path(args.file))
    from sightline.returns.cin_census.commands import import_command

    return import_command(Path(args.file))


@command("kpis")
def kpis(args: argparse.Namespace) -> int:
    _setup_django(args)
    from sightline.performance.cli import kpis_command

    return kpis_command(args)


@command("bench")
def bench(args: argparse.Namespace) -> int:
    if not args.database_url and not os.environ.get("DATABASE_URL"):
        # Never the demo's own database: the bench replaces the county and clears stored figures.
        args.database_url = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    _setup_django(args)
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


@command("performance")
def performance(args: argparse.Namespace) -> int:
    _setup_django(args)
    from sightline.performance.selectors import refresh_snapshots

    for label, seconds in refresh_snapshots().items():
        print(f"{label}: {seconds:.2f}s")
    return 0


@command("generate")
def generate(args: argparse.Namespace) -> int:
    _setup_django(args)
    from django.core.management import call_command

    from sightline.synth.county import report
    from sightline.synth.county.run import CountyExists
    from sightline.synth.county.run import generate as generate_county
    from sightline.synth.county.writer import ReplaceRefused

    if args.report:
        as_of = args.as_of or report.default_as_of()
        print(report.format_report(report.calibration_report(as_of), f"Calibration as at {as_of}"))
        return 0
    call_command("migrate", interactive=False, verbosity=0)
    try:
        result = generate_county(
            args.population,
            args.years,
            args.seed,
            profile=args.profile,
            as_of=args.as_of,
            replace=args.replace,
            progress=True,
        )
    except (CountyExists, ReplaceRefused, ValueError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    print(
        f"Generated {result.population:,} children, {result.years} years to "
        f"{result.as_of:%d/%m/%Y} (seed {result.seed}, profile {result.profile}): "
        f"{result.total_rows:,} rows in {result.seconds:.1f}s."
    )
    return 0
