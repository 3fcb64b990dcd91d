"""`sightline kpis`: the indicators on the command line, as JSON for machines or a table for
people. sightline.cli.kpis adds these options to its sub-parser and calls `kpis_command(args)`
after setting up Django."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TextIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `kpis` takes (for the CLI's sub-parser)."""

    def iso(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a date in the form YYYY-MM-DD"
            ) from None

    parser.add_argument(
        "--from", dest="start", type=iso, required=True, help="first day, YYYY-MM-DD"
    )
    parser.add_argument("--to", dest="end", type=iso, required=True, help="last day, YYYY-MM-DD")
    parser.add_argument(
        "--as-at",
        dest="as_at",
        type=iso,
        help="date stock indicators are counted on (default: --to)",
    )
    parser.add_argument("--format", choices=["json", "table"], default="table")
    parser.add_argument(
        "--indicator", action="append", dest="indicators", help="only this id (repeatable)"
    )
    parser.add_argument(
        "--breakdown", choices=["service", "team", "worker"], help="add a breakdown"
    )


def _payload(results) -> dict:
    out = []
    for r in results:
        item = {
            "id": r.id,
            "value": r.value,
            "numerator": r.numerator,
            "denominator": r.denominator,
            "england": r.england,
        }
        if r.england_estimate is not None:
            item["england_estimate"] = r.england_estimate
        if r.target is not None:
            item["target"] = r.target
        if r.breakdown:
            item["breakdown"] = [
                {
                    "key": b.key,
                    "name": b.name,
                    "value": b.value,
                    "numerator": b.numerator,
                    "denominator": b.denominator,
                }
                for b in r.breakdown
            ]
        out.append(item)
    return {"indicators": out}


def _table(results, period, as_at, population, out: TextIO) -> None:
    from .catalogue import CATALOGUE
    from .selectors import format_value

    out.write(f"{period.label}; stock indicators as at {as_at:%d %B %Y}\n")
    out.write(f"Rates per 10,000 use {population.source}.\n\n")
    out.write(
        f"{'indicator':<44} {'value':>14} {'numerator':>10} {'denominator':>11} {'England':>10}\n"
    )
    for r in results:
        indicator = CATALOGUE[r.id]
        england = "" if r.england is None else format_value(indicator, r.england)
        if r.england_estimate is not None:
            england = f"({format_value(indicator, r.england_estimate)} est.)"
        num = "" if r.numerator is None else f"{r.numerator:,.0f}"
        den = "" if r.denominator is None else f"{r.denominator:,.0f}"
        value = format_value(indicator, r.value).replace(" working days", " wd")
        out.write(f"{r.id:<44} {value:>14} {num:>10} {den:>11} {england:>10}\n")
        for b in r.breakdown:
            shown = format_value(indicator, b.value) if b.value is not None else ""
            num = f"{b.numerator or 0:,.0f}"
            den = "" if b.denominator is None else f"{b.denominator:,.0f}"
            out.write(f"    {b.name[:40]:<40} {shown:>14} {num:>10} {den:>11}\n")


def kpis_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the indicators for --from/--to (and --as-at). Django must already be set up."""
    from .engine import compute
    from .periods import Period
    from .population import population_for

    out = out or sys.stdout
    if args.end < args.start:
        print("--to must be on or after --from", file=sys.stderr)
        return 2
    period = Period.between(args.start, args.end)
    as_at = getattr(args, "as_at", None) or args.end
    try:
        results = compute(
            getattr(args, "indicators", None) or None,
            period,
            as_at,
            getattr(args, "breakdown", None),
        )
    except KeyError as error:
        print(str(error).strip("'\""), file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(_payload(results), out, indent=2)
        out.write("\n")
    else:
        _table(results, period, as_at, population_for(as_at), out)
    return 0
