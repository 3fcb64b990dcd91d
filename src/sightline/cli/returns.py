"""`sightline export` and `sightline import`: the statutory returns (CIN census, Annex A), written
and loaded by each return's own commands module."""

import argparse
from pathlib import Path

from .base import command_with_actions, iso_date, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    to_export = command_with_actions(
        sub, common, "export", export, "write a statutory return", metavar="RETURN"
    )
    cin = to_export("cin-census", "the CIN census XML for the year ending 31 March YEAR")
    cin.add_argument(
        "--year", type=int, required=True, help="e.g. 2026 for 1 April 2025 to 31 March 2026"
    )
    cin.add_argument("--out", required=True, help="the file to write, e.g. var/cin-2026.xml")
    cin.add_argument("--la-code", default="938", help="the council's 3-digit DfE LA number")
    annex = to_export("annex-a", "Ofsted's Annex A workbook (ILACS) as at a date")
    annex.add_argument(
        "--as-at",
        dest="as_at",
        type=iso_date,
        required=True,
        help="the inspection date, YYYY-MM-DD",
    )
    annex.add_argument(
        "--out", required=True, help="the .xlsx file to write, e.g. var/annex-a.xlsx"
    )

    to_import = command_with_actions(
        sub, common, "import", import_, "load a return from another system", metavar="RETURN"
    )
    to_import("cin-census", "load a CIN census XML file").add_argument(
        "file", help="the census XML file"
    )
    to_import("annex-a", "load an Annex A workbook (.xlsx)").add_argument(
        "file", help="the Annex A workbook"
    )


def export(args: argparse.Namespace) -> int:
    setup_django(args)
    if args.export_command == "annex-a":
        from sightline.returns.annex_a.commands import export_command as export_annex_a

        return export_annex_a(args.as_at, Path(args.out))
    from sightline.returns.cin_census.commands import export_command

    return export_command(args.year, Path(args.out), args.la_code)


def import_(args: argparse.Namespace) -> int:
    setup_django(args)
    if args.import_command == "annex-a":
        from sightline.returns.annex_a.commands import import_command as import_annex_a

        return import_annex_a(Path(args.file))
    from sightline.returns.cin_census.commands import import_command

    return import_command(Path(args.file))
