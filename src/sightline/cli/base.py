"""What every command module shares: Django set up for the chosen database, and date arguments.

Command modules import from here; this module imports none of them.
"""

import argparse
import os
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


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
