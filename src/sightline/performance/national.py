"""England's figures, read from the packaged `reference/data/national_figures.yml`.

The file marks its provenance in comments, which a YAML parser throws away, so each line's
comment is read alongside its value: "estimate" means no published figure was found (it is
never shown as a national statistic: the page says "estimate"), "derived" means computed from
published counts and the ONS population.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from sightline.reference import DATA_DIR

FIGURES_FILE = DATA_DIR / "national_figures.yml"

_YEAR_KEY = re.compile(r"^year_(\d{4})$")
_AT_MARCH = re.compile(r"^at_31_march_(\d{4})$")


@dataclass(frozen=True)
class EnglandFigure:
    value: float
    path: str
    status: str  # "published", "derived" or "estimate"
    when: str  # e.g. "year ending 31 March 2025", "31 March 2025", "2019"

    @property
    def is_estimate(self) -> bool:
        return self.status == "estimate"

    @property
    def describe(self) -> str:
        """How the figure is labelled wherever it is shown."""
        if self.is_estimate:
            return "estimate, not a published statistic"
        note = f"{self.when}" if self.when else ""
        if self.status == "derived":
            note = f"{note}, derived from published counts" if note else "derived"
        return note


@cache
def _data() -> tuple[dict, list[str]]:
    text = FIGURES_FILE.read_text(encoding="utf-8")
    return yaml.safe_load(text), text.splitlines()


def _comment_for(path: list[str], lines: list[str]) -> str:
    """The comment on the line where the last key of `path` is written (its block's lines)."""
    depth_start = 0
    for depth, key in enumerate(path):
        pattern = re.compile(rf"^\s{{{depth * 2}}}\"?{re.escape(key)}\"?\s*:")
        flow = re.compile(rf"[{{,]\s*\"?{re.escape(key)}\"?\s*:")
        for index in range(depth_start, len(lines)):
            line = lines[index]
            if pattern.match(line):
                depth_start = index
                break
            if depth > 0 and flow.search(line):
                # A key inside a flow mapping ({a: 1, b: 2}): the line's comment covers it.
                return line.partition("#")[2].strip()
        else:
            return ""
    return lines[depth_start].partition("#")[2].strip()


def _when(path: list[str], comment: str) -> str:
    for key in path:
        if match := _YEAR_KEY.match(key):
            return f"year ending 31 March {match.group(1)}"
        if match := _AT_MARCH.match(key):
            return f"31 March {match.group(1)}"
    if match := re.search(r"\b(19|20)\d{2}\b", comment):
        return match.group(0)
    return ""


def england(path: str) -> EnglandFigure | None:
    """The figure at a dotted path such as "assessments.year_2025.within_45_working_days_pct"."""
    data, lines = _data()
    keys = path.split(".")
    value = data
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    comment = _comment_for(keys, lines).lower()
    if "estimate" in comment:
        status = "estimate"
    elif "derived" in comment:
        status = "derived"
    else:
        status = "published"
    return EnglandFigure(float(value), path, status, _when(keys, comment))
