"""`sightline performance refresh`: recompute the stored figures behind the default dashboard."""

import argparse

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("performance", parents=[common], help="performance figures")
    p.set_defaults(run=performance)
    psub = p.add_subparsers(dest="performance_command", required=True, metavar="ACTION")
    psub.add_parser("refresh", parents=[common], help="recompute the default dashboard figures")


def performance(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.performance.selectors import refresh_snapshots

    for label, seconds in refresh_snapshots().items():
        print(f"{label}: {seconds:.2f}s")
    return 0
