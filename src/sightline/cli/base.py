"""What every command module shares: Django set up for the chosen database, date arguments, and
a command whose next word names one of its actions.

Command modules import from here; this module imports none of them.
"""

import argparse
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


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


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
