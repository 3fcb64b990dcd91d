"""`sightline workdays`: working-day arithmetic on the council's calendar."""

import argparse
import sys

from .base import command_with_actions, iso_date, setup_django, unless_no_database


def register(sub, common: argparse.ArgumentParser) -> None:
    action = command_with_actions(sub, common, "workdays", workdays, "working-day arithmetic")
    add = action("add", "print the date N working days after DATE")
    add.add_argument("date", type=iso_date, help="start date, YYYY-MM-DD")
    add.add_argument("n", type=int, help="number of working days (0 or more)")
    between = action("between", "count working days after START up to and including END")
    between.add_argument("start", type=iso_date)
    between.add_argument("end", type=iso_date)


def workdays(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.timescales.calendar import WorkingCalendar, calendar

    # Before the first migrate, bank holidays still apply.
    cal = unless_no_database(calendar, WorkingCalendar, "council closure days")
    if args.workdays_command == "add":
        if args.n < 0:
            print("N must be 0 or more.", file=sys.stderr)
            return 2
        print(cal.add_working_days(args.date, args.n).isoformat())
    else:
        print(cal.working_days_between(args.start, args.end))
    return 0
