"""`sightline reference`: copy the shared reference files in, and write the SSD mapping document."""

import argparse
from pathlib import Path

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("reference", parents=[common], help="reference data and mappings")
    p.set_defaults(run=reference)
    rsub = p.add_subparsers(dest="reference_command", required=True, metavar="ACTION")
    sync = rsub.add_parser(
        "sync", parents=[common], help="copy the shared reference files into the package"
    )
    sync.add_argument("--from", dest="source", default="../shared/reference")
    ssd = rsub.add_parser(
        "ssd-map", parents=[common], help="write the model field to SSD item_ref document"
    )
    ssd.add_argument("--out", default="docs/ssd-mapping.md")


def reference(args: argparse.Namespace) -> int:
    if args.reference_command == "sync":
        from sightline.reference.sync import sync

        for line in sync(Path(args.source)):
            print(line)
        return 0
    setup_django(args)
    from sightline.returns.ssd import write_mapping_document

    path = write_mapping_document(Path(args.out))
    print(f"Wrote {path}")
    return 0
