"""`sightline performance refresh`: recompute the stored figures behind the default dashboard."""

import argparse

from .base import command_with_actions, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    action = command_with_actions(sub, common, "performance", performance, "performance figures")
    action("refresh", "recompute the default dashboard figures")


def performance(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.performance.selectors import refresh_snapshots

    for label, seconds in refresh_snapshots().items():
        print(f"{label}: {seconds:.2f}s")
    return 0
