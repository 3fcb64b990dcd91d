"""The DfE's XML schema for the CIN census, and a check of a file against it (xmlschema)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sightline.reference.codes import CIN_XSD

# Enough to see what is wrong without flooding a terminal when every child has the same fault.
MAX_PROBLEMS = 50


@cache
def cin_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(CIN_XSD))


def schema_problems(path: Path, limit: int = MAX_PROBLEMS) -> list[str]:
    """Where the file breaks the CIN census schema, one line each (empty when it is valid)."""
    problems = []
    for error in cin_schema().iter_errors(str(path)):
        problems.append(f"{error.path}: {error.reason}")
        if len(problems) >= limit:
            problems.append(f"(stopped after {limit} problems)")
            break
    return problems
