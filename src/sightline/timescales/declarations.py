"""The timescale declarations: each statutory, guidance or local timescale, declared once.

Every timescale is declared in YAML packaged with the code, none in Python. National ones are in
`reference/data/timescales.yml` (a verbatim copy of the shared reference data, never edited
here); `timescales/declarations.yml` beside this module is the project's own and gives every
key its plain-English name, declares the local timescales the reference file does not list (in
the same shape), and lists apart those not yet in force: declared, but no rule uses them yet.
The council can change local timescales (and guidance ones that name a `local_default`) through
`set_local_timescale`; statutory ones are fixed by regulations and every route refuses them.

Shapes a declaration can take, and how they appear on `Timescale`:

- a single period (`within: 45 wd`, `at: 20 wd`, `every: 6 months`): `period` (and `periods`
  holds the same one period);
- several milestones (`at: [15 months, 18 months, 24 months]`): `period` is None and `periods`
  lists them in order;
- a period that depends on the child's age (`every: {under_5: 6 months, five_plus: 12 months}`):
  `period` is None, `age_bands` holds the bands, and `period_for_age(age)` picks one;
- percentage targets (`within_1_month_pct: 80, ...`): `period` is None and `targets` holds
  (period, percent) pairs, shortest period first;
- something that is not a period at all (`every: school term`, `by: second review`,
  `within: "as soon as possible"`): `period` is None (unless a `local_default` supplies one) and
  the words are kept in `extra` (`extra["every"] == "school term"`, `extra["by"] == ...`).

Qualifiers the engine does not act on (`after`, `when`, `also`, `also_when`, `ages`) are kept in
`extra` for the rules that need them; `ages: 4-16` becomes `extra["ages"] == (4, 16)` and
`also: within 7 d after a move` also gives `extra["also_within"] == Period(7, "d")`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

import yaml
from django.core.exceptions import ValidationError

from sightline.reference import DATA_DIR

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from .models import LocalTimescale

__all__ = [
    "DECLARATIONS_FILE",
    "TIMESCALES_FILE",
    "AgeBand",
    "Kind",
    "Period",
    "Rule",
    "Timescale",
    "Unit",
    "UnknownTimescale",
    "all_timescales",
    "clear_cache",
    "clear_cache_on_change",
    "declarations",
    "declared",
    "get",
    "parse_period",
    "reset_local_timescale",
    "set_local_timescale",
    "validate_local_value",
]

logger = logging.getLogger(__name__)

# The national declarations (the shared reference file, copied verbatim) and the project's own.
TIMESCALES_FILE = DATA_DIR / "timescales.yml"
DECLARATIONS_FILE = Path(__file__).resolve().with_name("declarations.yml")
# The two groups in DECLARATIONS_FILE: timescales a rule uses, and those waiting for one.
IN_FORCE, NOT_YET_IN_FORCE = "in_force", "not_yet_in_force"

Unit = Literal["wd", "d", "weeks", "months", "hours"]
Kind = Literal["statutory", "guidance", "local"]
# within: by a deadline; at: a milestone to flag; every: recurring; by: tied to another event;
# targets: a share of cases to finish within each period.
Rule = Literal["within", "at", "every", "by", "targets"]

UNITS: tuple[Unit, ...] = get_args(Unit)
KINDS: tuple[Kind, ...] = get_args(Kind)


class UnknownTimescale(KeyError):
    """Raised for a key that is declared nowhere: a typo in a rule should fail loudly."""


# -- periods --------------------------------------------------------------------------------

_UNIT_WORDS: dict[str, Unit] = {
    "wd": "wd",
    "working day": "wd",
    "working days": "wd",
    "d": "d",
    "day": "d",
    "days": "d",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "hour": "hours",
    "hours": "hours",
    "h": "hours",
}
_PLAIN_UNITS: dict[Unit, tuple[str, str]] = {
    "wd": ("working day", "working days"),
    "d": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "hours": ("hour", "hours"),
}
_PERIOD_RE = re.compile(r"^\s*(\d+)\s*([a-z ]+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A length of time in one unit: working days, calendar days, weeks, months or hours.

    Kept in the unit it was declared in, never converted, because "3 months" and "13 weeks"
    give different due dates and the regulations say which one they mean.
    """

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}; expected one of {', '.join(UNITS)}")
        if self.amount < 0:
            raise ValueError("a period cannot be negative")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "45 wd", "7 d", "6 weeks", "3 months", "72 hours" (and spelled-out units)."""
        return parse_period(text)

    @property
    def plain(self) -> str:
        """The period in words for people: "45 working days", "1 month"."""
        one, many = _PLAIN_UNITS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"

    def __str__(self) -> str:
        # The same short form the declarations and LocalTimescale.value use, so it round-trips.
        unit = self.unit[:-1] if self.amount == 1 and self.unit.endswith("s") else self.unit
        return f"{self.amount} {unit}"


def parse_period(text: str) -> Period:
    """Parse a period written as in the declarations ("45 wd", "3 months", "72 hours").

    Raises ValueError for anything else, including words like "as soon as possible", so a
    declaration that is not a period is never silently treated as one.
    """
    match = _PERIOD_RE.match(str(text))
    unit = _UNIT_WORDS.get(match.group(2).lower()) if match else None
    if match is None or unit is None:
        raise ValueError(f"not a period: {text!r} (expected e.g. '45 wd', '3 months', '72 hours')")
    return Period(int(match.group(1)), unit)


def _try_period(value: Any) -> Period | None:
    try:
        return parse_period(value)
    except ValueError:
        return None


# -- age bands and targets ------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
}


@dataclass(frozen=True)
class AgeBand:
    """A period that applies to children from `min_age` up to (not including) `max_age`.

    Ages are completed years, as the health guidance uses them: "under 5" means before the
    fifth birthday.
    """

    min_age: int
    max_age: int | None  # None: no upper limit
    period: Period

    def contains(self, age: int) -> bool:
        return age >= self.min_age and (self.max_age is None or age < self.max_age)


def _age_number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _parse_age_band(name: str, value: Any) -> AgeBand:
    period = parse_period(value)
    if m := re.fullmatch(r"under_(\w+)", name):
        return AgeBand(0, _age_number(m.group(1)), period)
    if m := re.fullmatch(r"(\w+?)_plus", name):
        return AgeBand(_age_number(m.group(1)), None, period)
    if m := re.fullmatch(r"(\w+?)_to_(\w+)", name):
        # "5_to_15": inclusive of 15, as people say it.
        return AgeBand(_age_number(m.group(1)), _age_number(m.group(2)) + 1, period)
    raise ValueError(f"cannot read age band {name!r}")


_TARGET_KEY_RE = re.compile(r"within_(\d+)_([a-z]+)_pct")
_TARGET_TEXT_RE = re.compile(r"^\s*(\d+)\s*%\s*within\s+(.+?)\s*$", re.IGNORECASE)


def _parse_targets_text(text: str) -> tuple[tuple[Period, int], ...]:
    """Read "80% within 1 month, 90% within 3 months, 100% within 12 months"."""
    targets = []
    for part in re.split(r"[,;]", text):
        match = _TARGET_TEXT_RE.match(part)
        if not match:
            raise ValueError(f"not a target: {part.strip()!r} (expected e.g. '80% within 1 month')")
        percent = int(match.group(1))
        if not 0 <= percent <= 100:
            raise ValueError(f"{percent}% is not a percentage")
        targets.append((parse_period(match.group(2)), percent))
    return tuple(targets)


def _targets_text(targets: tuple[tuple[Period, int], ...]) -> str:
    return ", ".join(f"{pct}% within {period}" for period, pct in targets)


# -- the declaration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Timescale:
    """One declared timescale, with the council's local value applied if it has one.

    `period` is the period the engine counts when the rule is a single period; see the module
    docstring for the other shapes (`periods`, `age_bands`, `targets`, `extra`).
    """

    key: str  # "section.name", e.g. "assessment.completion"
    name: str  # plain English, e.g. "Assessment completed"
    kind: Kind
    period: Period | None
    source_text: str  # the declaration as written, so a reader can check it against the source
    rule: Rule = "within"
    counts_from: str = ""  # the event the period counts from, as declared ("referral date")
    counts_to: str = ""  # the event that meets it, where declared ("authorisation date")
    periods: tuple[Period, ...] = ()
    age_bands: tuple[AgeBand, ...] = ()
    targets: tuple[tuple[Period, int], ...] = ()
    value: str = ""  # the value in force, as text ("10 wd"); local overrides use the same form
    default_value: str = ""  # the declared value before any local change
    locally_configurable: bool = False
    # False while no rule uses the timescale yet (declared under not_yet_in_force): it is shown
    # apart, and nothing is measured against it.
    in_force: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def section(self) -> str:
        return self.key.partition(".")[0]

    @property
    def is_statutory(self) -> bool:
        return self.kind == "statutory"

    @property
    def overridden(self) -> bool:
        """Whether the council has set a value different from the declared one."""
        return self.value != self.default_value

    def period_for_age(self, age: int | None = None) -> Period:
        """The period that applies to a child of `age` (completed years).

        For timescales that do not vary with age this is just `period`, so callers can use it
        everywhere; `age` is required only when the declaration has age bands.
        """
        if self.age_bands:
            if age is None:
                raise ValueError(f"{self.key} depends on the child's age; pass age")
            for band in self.age_bands:
                if band.contains(age):
                    return band.period
            raise ValueError(f"{self.key} declares no period for age {age}")
        if self.period is None:
            raise ValueError(f"{self.key} is not a single period ({self.source_text})")
        return self.period


def _source_text(spec: Mapping[str, Any]) -> str:
    def fmt(value: Any) -> str:
        if isinstance(value, Mapping):
            return "{" + ", ".join(f"{k}: {fmt(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list | tuple):
            return "[" + ", ".join(fmt(v) for v in value) + "]"
        return str(value)

    return fmt(spec)


def _parse_declaration(
    key: str, spec: Mapping[str, Any], name: str, in_force: bool = True
) -> Timescale:
    """Turn one YAML mapping into a Timescale, failing loudly on anything not understood.

    A new attribute in the reference file should make the tests fail rather than be ignored,
    because an ignored qualifier would silently change what the service reports.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"timescale {key} has no plain-English name in {DECLARATIONS_FILE.name}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"timescale {key}: kind must be one of {KINDS}, not {kind!r}")
    kind = cast(Kind, kind)

    extra: dict[str, Any] = {}
    period: Period | None = None
    periods: tuple[Period, ...] = ()
    age_bands: tuple[AgeBand, ...] = ()
    targets: list[tuple[Period, int]] = []
    rule: Rule | None = None
    value = ""

    for attr, raw in spec.items():
        if attr in ("kind", "from", "to", "local_default"):
            continue
        if attr in ("within", "at", "every"):
            rule = cast(Rule, attr)
            if isinstance(raw, list):
                periods = tuple(parse_period(v) for v in raw)
                value = ", ".join(str(p) for p in periods)
            elif isinstance(raw, Mapping):
                age_bands = tuple(_parse_age_band(str(k), v) for k, v in raw.items())
                value = ", ".join(f"{k}: {parse_period(v)}" for k, v in raw.items())
            elif (p := _try_period(raw)) is not None:
                period, periods, value = p, (p,), str(p)
            else:
                # "as soon as possible", "school term": words, not a period.
                extra[attr] = str(raw)
                value = str(raw)
        elif attr == "by":
            rule = "by"
            extra["by"] = str(raw)
            value = f"by {raw}"
        elif m := _TARGET_KEY_RE.fullmatch(attr):
            rule = "targets"
            targets.append((parse_period(f"{m.group(1)} {m.group(2)}"), int(raw)))
        elif attr == "ages":
            extra["ages"] = raw
            if m := re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", str(raw)):
                extra["ages"] = (int(m.group(1)), int(m.group(2)))
        elif attr in ("after", "when", "also_when"):
            extra[attr] = str(raw)
        elif attr == "also":
            extra["also"] = str(raw)
            if m := re.match(r"within\s+(\d+\s*\w+)", str(raw)):
                extra["also_within"] = parse_period(m.group(1))
        else:
            raise ValueError(f"timescale {key}: unknown attribute {attr!r}")

    if rule is None:
        raise ValueError(f"timescale {key} declares no within/at/every/by/targets")
    if targets:
        targets.sort(key=lambda t: _rough_days(t[0]))
        value = _targets_text(tuple(targets))

    local_default = spec.get("local_default")
    if local_default is not None:
        # Guidance that says "as soon as possible" but lets the council pick a number.
        period = parse_period(local_default)
        periods, value = (period,), str(period)
        extra["local_default"] = str(period)

    return Timescale(
        key=key,
        name=name.strip(),
        kind=kind,
        period=period,
        source_text=_source_text(spec),
        rule=rule,
        counts_from=str(spec.get("from", "")),
        counts_to=str(spec.get("to", "")),
        periods=periods,
        age_bands=age_bands,
        targets=tuple(targets),
        value=value,
        default_value=value,
        # Only something with a number in it can be set: not "by second review".
        locally_configurable=(kind == "local" or (kind == "guidance" and local_default is not None))
        and bool(periods or targets),
        in_force=in_force,
        extra=extra,
    )


def _rough_days(period: Period) -> float:
    # Only for ordering targets and checking milestones ascend; never for a due date.
    per = {"wd": 1.4, "d": 1, "weeks": 7, "months": 30.44, "hours": 1 / 24}
    return period.amount * per[period.unit]


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def _keyed(sections: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Any]:
    """{"section.name": entry} for a YAML mapping of sections, each of named entries."""
    return {
        f"{section}.{name}": entry
        for section, entries in (sections or {}).items()
        for name, entry in (entries or {}).items()
    }


@cache
def declarations() -> Mapping[str, Timescale]:
    """Every declared timescale, keyed by "section.name", as declared (no local values).

    The in-force ones come first, in the order DECLARATIONS_FILE lists them. Read once per
    process: both files are packaged with the code and change only with a release.
    """
    national = _keyed(_read_yaml(TIMESCALES_FILE))
    ours = _read_yaml(DECLARATIONS_FILE)
    unknown = set(ours) - {IN_FORCE, NOT_YET_IN_FORCE}
    if unknown:
        raise ValueError(f"{DECLARATIONS_FILE.name}: unknown group(s) {sorted(unknown)}")
    result: dict[str, Timescale] = {}
    for group in (IN_FORCE, NOT_YET_IN_FORCE):
        for key, entry in _keyed(ours.get(group)).items():
            if key in result:
                raise ValueError(f"timescale {key} is declared twice in {DECLARATIONS_FILE.name}")
            spec = {k: v for k, v in (entry or {}).items() if k != "name"}
            if spec and key in national:
                raise ValueError(
                    f"timescale {key} is declared in both {TIMESCALES_FILE.name} and "
                    f"{DECLARATIONS_FILE.name}; give only its name in {DECLARATIONS_FILE.name}"
                )
            if not spec:
                if key not in national:
                    raise ValueError(f"timescale {key} has a name but no declaration")
                spec = national[key]
            name = (entry or {}).get("name", "")
            result[key] = _parse_declaration(key, spec, name, in_force=group == IN_FORCE)
    missing = [key for key in national if key not in result]
    if missing:
        raise ValueError(
            f"{DECLARATIONS_FILE.name} does not name these reference timescales: {missing}"
        )
    return result


def declared(key: str) -> Timescale:
    """The declaration for `key` as written, ignoring any local value (no database needed)."""
    try:
        return declarations()[key]
    except KeyError:
        raise UnknownTimescale(f"no timescale is declared as {key!r}") from None


# -- local values ---------------------------------------------------------------------------


def _apply_value(timescale: Timescale, value: str) -> Timescale:
    """`timescale` with `value` (in the LocalTimescale form) in force. Raises ValueError."""
    value = value.strip()
    if timescale.targets:
        targets = _parse_targets_text(value)
        targets = tuple(sorted(targets, key=lambda t: _rough_days(t[0])))
        return replace(timescale, targets=targets, value=_targets_text(targets))
    if len(timescale.periods) > 1:
        periods = tuple(parse_period(part) for part in re.split(r"[,;]", value))
        days = [_rough_days(p) for p in periods]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("list the periods shortest first, each once")
        _check_units(timescale.periods[0], periods)
        return replace(timescale, periods=periods, value=", ".join(str(p) for p in periods))
    if timescale.period is None:
        raise ValueError(f"{timescale.name} is not a period that can be set locally")
    period = parse_period(value)
    _check_units(timescale.period, (period,))
    return replace(timescale, period=period, periods=(period,), value=str(period))


def _check_units(declared_period: Period, periods: tuple[Period, ...]) -> None:
    # Hours are measured on date-times and everything else on dates; switching between them
    # would compare a date with a date-time, so a local value must stay on the same side.
    for period in periods:
        if (period.unit == "hours") != (declared_period.unit == "hours"):
            if declared_period.unit == "hours":
                raise ValueError("this timescale is measured in hours; give a number of hours")
            raise ValueError("this timescale is measured in days; give days, weeks or months")


def validate_local_value(key: str, value: str) -> str:
    """Check that the council may set `key` to `value`; return the value in its normal form.

    Raises ValidationError (keyed by field, for forms and `LocalTimescale.clean`) when the key
    is unknown, statutory, or guidance without a local default, or the value does not parse.
    """
    try:
        timescale = declared(key)
    except UnknownTimescale:
        raise ValidationError({"key": f"No timescale is declared as “{key}”."}) from None
    if timescale.is_statutory:
        raise ValidationError(
            {
                "key": f"{timescale.name} is a statutory timescale ({timescale.value}); "
                "it is set by regulations and cannot be changed locally."
            }
        )
    if not timescale.locally_configurable and timescale.kind == "local":
        raise ValidationError(
            {"key": f"{timescale.name} has no period to change: it is due {timescale.value}."}
        )
    if not timescale.locally_configurable:
        raise ValidationError(
            {
                "key": f"{timescale.name} is set by national guidance ({timescale.value}) "
                "and cannot be changed locally."
            }
        )
    try:
        return _apply_value(timescale, str(value)).value
    except ValueError as error:
        raise ValidationError({"value": str(error)}) from None


# Signals clear the cache when a LocalTimescale changes in this process; the TTL bounds how
# long a change made by another process or a rolled-back write can go unseen.
CACHE_SECONDS = 300.0

_cache_lock = threading.Lock()
# The timescales in force (declarations with local values applied), built in one go so that
# `get()` is a dictionary look-up: rules call it for every record they evaluate.
_current: dict[str, Timescale] | None = None
_current_at = 0.0


def _local_timescale_model() -> type[LocalTimescale]:
    # Through the app registry, not an import: models.py validates a LocalTimescale with
    # validate_local_value from here, so importing it back would make a cycle.
    from django.apps import apps

    return apps.get_model("timescales", "LocalTimescale")


def _in_force() -> dict[str, Timescale]:
    global _current, _current_at
    current = _current
    if current is not None and time.monotonic() - _current_at < CACHE_SECONDS:
        return current
    with _cache_lock:
        if _current is None or time.monotonic() - _current_at >= CACHE_SECONDS:
            values = dict(_local_timescale_model().objects.values_list("key", "value"))
            _current = {k: _with_local_value(t, values) for k, t in declarations().items()}
            _current_at = time.monotonic()
        return _current


def _with_local_value(timescale: Timescale, values: Mapping[str, str]) -> Timescale:
    value = values.get(timescale.key)
    if value is None:
        return timescale
    if not timescale.locally_configurable:
        # Only possible if the row bypassed validation or the reference file has since made
        # the timescale statutory; the regulations win either way.
        logger.warning("ignoring local value %r for non-local timescale %s", value, timescale.key)
        return timescale
    try:
        return _apply_value(timescale, value)
    except ValueError as error:
        logger.warning("ignoring local value %r for %s: %s", value, timescale.key, error)
        return timescale


def get(key: str) -> Timescale:
    """The timescale for `key` as it applies in this council: the declaration plus any local value.

    Statutory timescales always come back exactly as declared.
    """
    try:
        return _in_force()[key]
    except KeyError:
        raise UnknownTimescale(f"no timescale is declared as {key!r}") from None


def all_timescales() -> dict[str, Timescale]:
    """Every timescale as it applies in this council, in declaration order (for a settings page)."""
    return dict(_in_force())


def set_local_timescale(
    key: str, value: str, user: AbstractBaseUser | None, reason: str
) -> LocalTimescale:
    """Set the council's value for a local timescale, recording who changed it and why.

    Refuses (ValidationError) statutory timescales, national guidance without a local default,
    values that do not parse, and an empty reason.
    """
    from django.db import transaction

    model = _local_timescale_model()
    with transaction.atomic():
        row = model.objects.select_for_update().filter(key=key).first()
        if row is None:
            row = model(key=key)
        row.value, row.changed_by, row.reason = value, user, reason
        row.full_clean()
        row.save()
    clear_cache()
    return row


def reset_local_timescale(key: str) -> None:
    """Go back to the declared value for `key` by removing the council's local value."""
    for row in _local_timescale_model().objects.filter(key=key):
        row.delete()  # one by one so post_delete fires and clears the cache in this process
    clear_cache()


def clear_cache() -> None:
    """Forget cached local values so the next `get()` reads them afresh."""
    global _current, _current_at
    with _cache_lock:
        _current, _current_at = None, 0.0


def clear_cache_on_change(**kwargs: object) -> None:
    """Signal receiver (post_save/post_delete of LocalTimescale), connected in `apps.py`."""
    clear_cache()
