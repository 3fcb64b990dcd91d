"""`sightline demo-users`: the demo logins, as a table for people or JSON for the browser tests."""

import argparse
import json
import sys

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo-users", parents=[common], help="list the demo logins")
    p.add_argument("--format", choices=["json", "table"], default="table")
    p.set_defaults(run=demo_users)


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


def print_users_table() -> None:
    rows = _demo_users()
    widths = {k: max(len(k), *(len(r[k]) for r in rows)) for k in ("username", "role", "team")}
    header = "  ".join(k.ljust(widths[k]) for k in widths)
    print(header)
    print("-" * len(header))
    for r in rows:
        print("  ".join(r[k].ljust(widths[k]) for k in widths))


def demo_users(args: argparse.Namespace) -> int:
    setup_django(args)
    if args.format == "json":
        json.dump(_demo_users(), sys.stdout, indent=2)
        print()
    else:
        print_users_table()
    return 0
