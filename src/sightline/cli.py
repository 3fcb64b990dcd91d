"""The `sightline` command-line interface: one entry point, a sub-command per job.

Every command takes --database-url (else DATABASE_URL, else var/sightline.sqlite3). Commands
that need Django set it up after the database URL is known.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def _setup_django(args: argparse.Namespace) -> None:
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # The default database lives in var/, which a fresh clone does not have yet.
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def command(name: str):
    def register(func: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = func
        return func

    return register


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a sub-command's parser must not reset a value given before its name
    # (`sightline workdays --database-url URL add ...`); main() fills in None.
    common.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="database to use, e.g. postgresql://user:pass@127.0.0.1:5432/sightline "
        "(default: $DATABASE_URL, else var/sightline.sqlite3)",
    )
    parser = argparse.ArgumentParser(
        prog="sightline", description="Sightline: children's social care case management."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("serve", parents=[common], help="serve the web app on 127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")

    sub.add_parser("migrate", parents=[common], help="create or update the database tables")

    p = sub.add_parser(
        "demo", parents=[common], help="set up the demo database, print logins, serve"
    )
    p.add_argument("--no-serve", action="store_true", help="do everything but serve, then exit")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--small",
        action="store_true",
        help="load the small fixture county (about 30 children) instead of the synthetic county",
    )
    p.add_argument(
        "--population", type=int, default=185_000, help="children aged 0-17 (default 185000)"
    )

    p = sub.add_parser(
        "generate", parents=[common], help="write a synthetic county (or report its calibration)"
    )
    p.add_argument("--population", type=int, default=185_000, help="children aged 0-17")
    p.add_argument("--years", type=int, default=5, help="years of history up to --as-of")
    p.add_argument("--seed", type=int, default=2026, help="same seed, same county")
    p.add_argument("--profile", default="england", help="england or inspection-2023")
    p.add_argument("--as-of", dest="as_of", type=_iso_date, help="default: today")
    p.add_argument(
        "--replace", action="store_true", help="delete the existing county first (one transaction)"
    )
    p.add_argument(
        "--report",
        action="store_true",
        help="print each calibrated figure beside its national target, for this database",
    )

    p = sub.add_parser("demo-users", parents=[common], help="list the demo logins")
    p.add_argument("--format", choices=["json", "table"], default="table")

    p = sub.add_parser("workdays", parents=[common], help="working-day arithmetic")
    wsub = p.add_subparsers(dest="workdays_command", required=True, metavar="ACTION")
    add = wsub.add_parser("add", parents=[common], help="print the date N working days after DATE")
    add.add_argument("date", type=_iso_date, help="start date, YYYY-MM-DD")
    add.add_argument("n", type=int, help="number of working days (0 or more)")
    between = wsub.add_parser(
        "between", parents=[common], help="count working days after START up to and including END"
    )
    between.add_argument("start", type=_iso_date)
    between.add_argument("end", type=_iso_date)

    sub.add_parser(
        "dip-sample", parents=[common], help="draw last week's dip sample of NFA decisions"
    )

    p = sub.add_parser("timescales", parents=[common], help="list or change timescales")
    tsub = p.add_subparsers(dest="timescales_command", required=True, metavar="ACTION")
    tsub.add_parser("list", parents=[common], help="every timescale with its current setting")
    tset = tsub.add_parser("set", parents=[common], help="change a local timescale, e.g. 15 wd")
    tset.add_argument("key", help="e.g. child_protection.visits")
    tset.add_argument("value", help='e.g. "15 wd", "4 weeks", "3 months"')
    tset.add_argument("--reason", required=True, help="why the council changed it")
    closure = tsub.add_parser("closure-day", parents=[common], help="add a council closure day")
    closure.add_argument("date", type=_iso_date)
    closure.add_argument("--reason", required=True)

    p = sub.add_parser("reference", parents=[common], help="reference data and mappings")
    rsub = p.add_subparsers(dest="reference_command", required=True, metavar="ACTION")
    sync = rsub.add_parser(
        "sync", parents=[common], help="copy the shared reference files into the package"
    )
    sync.add_argument("--from", dest="source", default="../shared/reference")
    ssd = rsub.add_parser(
        "ssd-map", parents=[common], help="write the model field to SSD item_ref document"
    )
    ssd.add_argument("--out", default="docs/ssd-mapping.md")
    p = sub.add_parser("kpis", parents=[common], help="the performance indicators for a period")
    from sightline.performance.cli import add_arguments as add_kpis_arguments

    add_kpis_arguments(p)
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
    p = sub.add_parser("performance", parents=[common], help="performance figures")
    psub = p.add_subparsers(dest="performance_command", required=True, metavar="ACTION")
    psub.add_parser("refresh", parents=[common], help="recompute the default dashboard figures")

    p = sub.add_parser("export", parents=[common], help="write a statutory return")
    esub = p.add_subparsers(dest="export_command", required=True, metavar="RETURN")
    cin = esub.add_parser(
        "cin-census", parents=[common], help="the CIN census XML for the year ending 31 March YEAR"
    )
    cin.add_argument(
        "--year", type=int, required=True, help="e.g. 2026 for 1 April 2025 to 31 March 2026"
    )
    cin.add_argument("--out", required=True, help="the file to write, e.g. var/cin-2026.xml")
    cin.add_argument("--la-code", default="938", help="the council's 3-digit DfE LA number")
    annex = esub.add_parser(
        "annex-a", parents=[common], help="Ofsted's Annex A workbook (ILACS) as at a date"
    )
    annex.add_argument(
        "--as-at",
        dest="as_at",
        type=_iso_date,
        required=True,
        help="the inspection date, YYYY-MM-DD",
    )
    annex.add_argument(
        "--out", required=True, help="the .xlsx file to write, e.g. var/annex-a.xlsx"
    )

    p = sub.add_parser("import", parents=[common], help="load a return from another system")
    isub = p.add_subparsers(dest="import_command", required=True, metavar="RETURN")
    cin = isub.add_parser("cin-census", parents=[common], help="load a CIN census XML file")
    cin.add_argument("file", help="the census XML file")
    annex = isub.add_parser("annex-a", parents=[common], help="load an Annex A workbook (.xlsx)")
    annex.add_argument("file", help="the Annex A workbook")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    args.database_url = getattr(args, "database_url", None)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from sightline import commands  # noqa: F401 - registers the command functions

    try:
        return COMMANDS[args.command](args) or 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Run as `python -m sightline.cli`: use the importable module so commands register once.
    from sightline.cli import main as _main

    sys.exit(_main())
