"""`sightline generate`: write a synthetic county, or report how well it matches its targets."""

import argparse
import sys

from .base import iso_date, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "generate", parents=[common], help="write a synthetic county (or report its calibration)"
    )
    p.add_argument("--population", type=int, default=185_000, help="children aged 0-17")
    p.add_argument("--years", type=int, default=5, help="years of history up to --as-of")
    p.add_argument("--seed", type=int, default=2026, help="same seed, same county")
    p.add_argument("--profile", default="england", help="england or inspection-2023")
    p.add_argument("--as-of", dest="as_of", type=iso_date, help="default: today")
    p.add_argument(
        "--replace", action="store_true", help="delete the existing county first (one transaction)"
    )
    p.add_argument(
        "--report",
        action="store_true",
        help="print each calibrated figure beside its national target, for this database",
    )
    p.set_defaults(run=generate)


def generate(args: argparse.Namespace) -> int:
    setup_django(args)
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
