"""The DfE's XML schema for the CIN census, and a check of a file against it.

libxml2 (through lxml) does the check: it reads a 185,000-child county's census in well under a
second, where a pure-Python validator took most of the export's time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from sightline.reference.codes import CIN_XSD

# Enough to see what is wrong without flooding a terminal when every child has the same fault.
MAX_PROBLEMS = 50


@cache
def cin_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CIN_XSD)))


def schema_problems(path: Path, limit: int = MAX_PROBLEMS) -> list[str]:
    """Where the file breaks the CIN census schema, one line each (empty when it is valid)."""
    schema = cin_schema()
    try:
        document = etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: the file is not well-formed XML: {error.msg}"]
    if schema.validate(document):
        return []
    problems = [f"line {e.line} {e.path}: {e.message}" for e in schema.error_log]
    if len(problems) > limit:
        problems = problems[:limit] + [f"(stopped after {limit} problems)"]
    return problems
