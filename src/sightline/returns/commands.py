"""How every return's `sightline export` and `sightline import` command reports back, so they
all behave alike: print the summary, or the reasons the file or arguments were refused, and
return the exit status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol, TypeVar

from django.core.exceptions import ValidationError


class Summary(Protocol):
    def lines(self) -> list[str]: ...


S = TypeVar("S", bound=Summary)


def run(work: Callable[[], S], exit_status: Callable[[S], int] = lambda summary: 0) -> int:
    """Run an export or import and print its summary: `exit_status` of the summary, or 2 when
    the file or arguments were refused (a ValidationError) and nothing was done."""
    try:
        summary = work()
    except ValidationError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    return exit_status(summary)


def import_status(report) -> int:
    """0 when every child loaded, 1 when some were rejected (the rest are loaded)."""
    return 1 if report.rejected_children else 0
