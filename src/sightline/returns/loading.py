"""What the onboarding importers (the CIN census and Annex A) share, so that both load a file the
same way: the report's spine, each child loaded whole or not at all inside its own savepoint,
a faulty record kept for checking what hangs from it, and the one audit event an import writes.

Each return keeps what is its own: how its file is read, how a problem names where it is in
that file, and which records it can create.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from django.db import DatabaseError, models, transaction

from sightline.access.audit import EventType

from .events import record

# A return carries no names: a new child is "Not known <their ID>" until a worker names them.
UNKNOWN_FIRST_NAME = "Not known"


@dataclass
class ImportReport:
    """What an import did: how many children it read, loaded (new or matched) and rejected,
    with every reason a child was rejected and notes on how what was loaded was read."""

    # Heads the rejections in the report: what was left out and what the sender should do.
    rejected_heading: ClassVar[str]

    path: Path
    children_in_file: int = 0
    counts: Counter = field(default_factory=Counter)
    rejected_children: list[str] = field(default_factory=list)
    rejections: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def children_loaded(self) -> int:
        return self.counts["children_created"] + self.counts["children_matched"]

    def outcome(self) -> str:
        """How many children loaded (new and matched) and how many were rejected."""
        c = self.counts
        return (
            f"{self.children_loaded} loaded ({c['children_created']} new, "
            f"{c['children_matched']} already in Sightline), "
            f"{len(self.rejected_children)} rejected."
        )

    def summary_lines(self) -> list[str]:
        """What was read and created: the report's first lines."""
        raise NotImplementedError

    def not_stored_lines(self) -> list[str]:
        """What was read but could not be stored, after the notes."""
        return []

    def lines(self) -> list[str]:
        out = self.summary_lines()
        if self.notes:
            out.append("Notes:")
            out += [f"  {note}" for note in self.notes]
        out += self.not_stored_lines()
        if self.rejections:
            out.append(self.rejected_heading)
            out += [f"  {r}" for r in self.rejections]
        return out

    def reject(self, child: str, *problems: Any) -> None:
        """Leave a child out, saying every reason why."""
        self.rejected_children.append(child)
        self.rejections += problems

    def add_summary_notes(self, source: str, id_name: str, counted: dict[str, str]) -> None:
        """First, that new children carry no names yet; last, each counted note ("{n} ...")
        whose count is not nought, in the order given."""
        created = self.counts["children_created"]
        if created:
            self.notes.insert(
                0,
                f"{source} has no names: {created} new children are named "
                f'"{UNKNOWN_FIRST_NAME} <{id_name}>" until a worker adds their names on the '
                "child's Details and family page (/children/<council ID>/details/change/names/).",
            )
        self.notes += [
            note.format(n=self.counts[key]) for key, note in counted.items() if self.counts[key]
        ]


class ChildLoader(Protocol):
    """Loads one child's records, saving as it goes and keeping every problem it finds."""

    problems: list[Any]

    def load(self) -> None: ...

    def refused(self, error: DatabaseError) -> Any:
        """The rejection to report when the database refused one of the child's records."""
        ...


class _RejectChild(Exception):
    """Raised inside a child's savepoint to roll the child back."""


def load_child(report: ImportReport, child_id: str, loader: ChildLoader) -> bool:
    """Load one child whole or not at all: True when every record was saved. A child whose
    loader found a problem, or one of whose records the database refused, is rolled back to
    its savepoint and reported as rejected with every reason, so one child's faults never
    half-load it nor stop the rest of the file."""
    try:
        with transaction.atomic():
            loader.load()
            if loader.problems:
                raise _RejectChild
    except _RejectChild:
        report.reject(child_id, *loader.problems)
    except DatabaseError as error:
        report.reject(child_id, loader.refused(error))
    else:
        return True
    return False


def kept_for_checking(obj: models.Model) -> bool:
    """Save a record already found faulty, for now, so that the records hanging from it are
    checked too and the sender hears of every problem at once, not one layer per attempt (the
    child's savepoint rolls it all back). False when the database cannot hold it: what hangs
    from it cannot be checked."""
    try:
        with transaction.atomic():
            obj.save()
    except (DatabaseError, ValueError, TypeError):
        return False
    return True


def record_import(
    report: ImportReport,
    user,
    event_type: EventType,
    return_name: str,
    document: str,
    **detail: object,
) -> None:
    """The import's one audit event: who loaded which file (with its SHA-256, so the very file
    can be told apart later), what it held and what came of it."""
    record(
        user,
        event_type,
        return_name,
        "import",
        f"Imported the {return_name} {document} {report.path.name}: {report.children_loaded} "
        f"children loaded, {len(report.rejected_children)} rejected",
        file=report.path.name,
        sha256=hashlib.sha256(report.path.read_bytes()).hexdigest(),
        **detail,
        children_in_file=report.children_in_file,
        children_rejected=len(report.rejected_children),
        counts={k: v for k, v in sorted(report.counts.items()) if v},
    )
