"""What every command module shares: Django set up for the chosen database, date arguments, a
command whose next word names one of its actions, and reading what the database adds to a
calendar or a rule before there is a database.

Command modules import from here; this module imports none of them.
"""

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[3]

T = TypeVar("T")


def setup_django(args: argparse.Namespace) -> None:
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


def command_with_actions(
    sub,
    common: argparse.ArgumentParser,
    name: str,
    run: Callable[[argparse.Namespace], int],
    description: str,
    *,
    metavar: str = "ACTION",
) -> Callable[[str, str], argparse.ArgumentParser]:
    """Adds the command `name`, run by `run`, whose next word names one of its actions (the one
    chosen is `args.<name>_command`). Returns `action(word, description)`, which adds an action
    and gives back its parser for the action's own arguments; every action takes the common
    options too, so `--database-url` may come after the action's name as well as before."""
    command = sub.add_parser(name, parents=[common], help=description)
    command.set_defaults(run=run)
    actions = command.add_subparsers(dest=f"{name}_command", required=True, metavar=metavar)

    def action(word: str, description: str) -> argparse.ArgumentParser:
        return actions.add_parser(word, parents=[common], help=description)

    return action


def unless_no_database(read: Callable[[], T], without: Callable[[], T], not_applied: str) -> T:
    """`read()`, which adds what the council has stored (closure days, local timescales) to what
    the code declares; before the first migrate there is nothing stored, so `without()` answers
    from the declarations alone, after saying on stderr what is `not_applied`."""
    from django.db import DatabaseError

    try:
        return read()
    except DatabaseError:
        print(f"No database yet: {not_applied} are not applied.", file=sys.stderr)
        return without()


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
