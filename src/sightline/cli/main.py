"""The `sightline` command-line interface: one entry point, a sub-command per job.

This module builds the argument parser and runs the chosen command. The commands themselves live
one group to a module beside it (COMMAND_MODULES); each module's `register(sub, common)` adds its
sub-commands and names the function that runs each. Command modules import only `cli.base`, never
this module, so the only import from here to them is the discovery in build_parser().

Every command takes --database-url (else DATABASE_URL, else var/sightline.sqlite3). Commands
that need Django set it up after the database URL is known.
"""

import argparse
import importlib
from collections.abc import Sequence

# In the order `sightline --help` lists their commands.
COMMAND_MODULES = (
    "server",  # serve, migrate, demo
    "generate",
    "users",  # demo-users
    "workdays",
    "dip_sample",
    "timescales",
    "reference",
    "permissions",
    "kpis",
    "bench",
    "performance",
    "returns",  # export, import
)


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
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(sub, common)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    args.database_url = getattr(args, "database_url", None)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return args.run(args) or 0
    except KeyboardInterrupt:
        return 130
