"""Profiles: every rate and parameter of the synthetic county, as data.

A profile is a YAML file in `src/sightline/synth/profiles/`. It may say `extends: NAME` to start
from another profile and override only what differs (deep merge: mappings merge key by key,
anything else replaces). A value written `"@national:dotted.path"` is read from the packaged
national figures (`sightline/reference/data/national_figures.yml`), so a profile states where a
number comes from instead of retyping it.

The generator reads parameters only; it never asks which profile it is running.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sightline.reference import DATA_DIR

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"
NATIONAL_PREFIX = "@national:"


class ProfileError(ValueError):
    pass


@cache
def national_figures() -> dict[str, Any]:
    """The England figures the profiles and the calibration report are built on."""
    return yaml.safe_load((DATA_DIR / "national_figures.yml").read_text(encoding="utf-8"))


def national(path: str) -> Any:
    node: Any = national_figures()
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ProfileError(f"national_figures.yml has no {path!r}")
        node = node[part]
    return node


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yml"))


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    return override


def _resolve(node: Any) -> Any:
    if isinstance(node, str) and node.startswith(NATIONAL_PREFIX):
        return _resolve(national(node[len(NATIONAL_PREFIX) :]))
    if isinstance(node, dict):
        return {key: _resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value) for value in node]
    return node


def _raw(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in seen:
        raise ProfileError(f"profiles extend each other in a loop: {' -> '.join((*seen, name))}")
    path = PROFILE_DIR / f"{name}.yml"
    if not path.exists():
        choices = ", ".join(available_profiles())
        raise ProfileError(f"No profile called {name!r} (available: {choices})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    parent = data.pop("extends", None)
    if parent:
        data = _merge(_raw(parent, (*seen, name)), data)
    return data


class Profile:
    """A loaded profile: nested mappings, read with `profile["a.b.c"]` or `profile.get(...)`."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data

    def __getitem__(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ProfileError(f"profile {self.name!r} has no parameter {dotted!r}")
            node = node[part]
        return node

    def get(self, dotted: str, default: Any = None) -> Any:
        try:
            return self[dotted]
        except ProfileError:
            return default

    def pct(self, dotted: str) -> float:
        """A percentage parameter as a probability."""
        return float(self[dotted]) / 100.0


@cache
def load_profile(name: str = "england") -> Profile:
    """The named profile with its `extends` chain merged and national references resolved."""
    data = _resolve(_raw(name))
    data.pop("description", None)
    return Profile(name, data)
