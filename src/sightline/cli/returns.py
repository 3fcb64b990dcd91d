"""`sightline export` and `sightline import`: the statutory returns (CIN census, Annex A), written
and loaded by each return's own commands module."""

import argparse
from pathlib import Path

from .base import iso_date, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="write a statutory return")
    p.set_defaults(run=export)
    esub = p.add_subparsers(dest="export_command", required=True, metavar="RETURN")
    cin = esub.add_parser(
        "cin-census", parents=[common], help="the CIN census XML for the year ending 31 March YEAR"
    )
    cin.add_argument(
        "--year", type=int, required=True, help="e.g. 2026 for 1 April 2025 to 31 March 2026"
    )
    cin.add_argument("--out", required=True, help="the file to write, e.g. var/cin-2026.xml")
    cin.add_argument("--la-code", default="938", help="the council's 3-digit DfE LA number")
    annex = esub.add_parser(
        "annex-a", parents=[common], help="Ofsted's Annex A workbook (ILACS) as at a date"
    )
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

    p = sub.add_parser("import", parents=[common], help="load a return from another system")
    p.set_defaults(run=import_)
    isub = p.add_subparsers(dest="import_command", required=True, metavar="RETURN")
    cin = isub.add_parser("cin-census", parents=[common], help="load a CIN census XML file")
    cin.add_argument("file", help="the census XML file")
    annex = isub.add_parser("annex-a", parents=[common], help="load an Annex A workbook (.xlsx)")
    annex.add_argument("file", help="the Annex A workbook")


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
