"""`sightline kpis`: the performance indicators for a period (the options and the printing are
the performance app's, in sightline.performance.cli)."""

import argparse

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    from sightline.performance.cli import add_arguments

    p = sub.add_parser("kpis", parents=[common], help="the performance indicators for a period")
    add_arguments(p)
    p.set_defaults(run=kpis)


def kpis(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.performance.cli import kpis_command

    return kpis_command(args)
