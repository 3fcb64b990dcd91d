"""`sightline timescales`: list the timescales, change a local one, add a council closure day."""

import argparse
import sys

from .base import command_with_actions, iso_date, setup_django, unless_no_database


def register(sub, common: argparse.ArgumentParser) -> None:
    action = command_with_actions(
        sub, common, "timescales", timescales, "list or change timescales"
    )
    action("list", "every timescale with its current setting")
    tset = action("set", "change a local timescale, e.g. 15 wd")
    tset.add_argument("key", help="e.g. child_protection.visits")
    tset.add_argument("value", help='e.g. "15 wd", "4 weeks", "3 months"')
    tset.add_argument("--reason", required=True, help="why the council changed it")
    closure = action("closure-day", "add a council closure day")
    closure.add_argument("date", type=iso_date)
    closure.add_argument("--reason", required=True)


def timescales(args: argparse.Namespace) -> int:
    setup_django(args)
    from django.core.exceptions import ValidationError

    from sightline.timescales import admin_services
    from sightline.timescales.declarations import declarations

    try:
        if args.timescales_command == "list":
            # Before the first migrate, the declarations still stand.
            lines = unless_no_database(
                admin_services.describe_all,
                lambda: admin_services.describe_all(declarations()),
                "local values",
            )
            for line in lines:
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
