"""`sightline permissions`: print who may do what (the access policy's role x action table),
or write it to docs/permissions.md, which a test keeps in step with the policy."""

import argparse
from pathlib import Path

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "permissions", parents=[common], help="the access policy's role x action table"
    )
    p.add_argument(
        "--write",
        nargs="?",
        const="docs/permissions.md",
        metavar="FILE",
        help="write the table to FILE (default docs/permissions.md) instead of printing it",
    )
    p.set_defaults(run=permissions)


def permissions(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.access.policy import permissions_markdown

    table = permissions_markdown()
    if args.write is None:
        print(table, end="")
        return 0
    Path(args.write).write_text(table)
    print(f"Wrote {args.write}")
    return 0
