"""`sightline reference`: copy the shared reference files in, and write the SSD mapping document."""

import argparse
from pathlib import Path

from .base import command_with_actions, setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    action = command_with_actions(
        sub, common, "reference", reference, "reference data and mappings"
    )
    sync = action("sync", "copy the shared reference files into the package")
    sync.add_argument("--from", dest="source", default="../shared/reference")
    ssd = action("ssd-map", "write the model field to SSD item_ref document")
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
