"""Every timescale in force has a rule that uses it; none not yet in force is used; and the
project's declarations file can only add to the reference file, never contradict it.

"Used" means some module of the service names the timescale's key as a string of its own, as
`evaluate("assessment.completion", ...)`, `get(PLAN_LENGTH)` with `PLAN_LENGTH = "..."` and
the indicators' `timescale("...")` all do. Tests, migrations and the declarations module itself
are not users.
"""

import ast
from pathlib import Path

import pytest

import sightline
from sightline.timescales import declarations as declarations_module
from sightline.timescales.declarations import declarations, declared, get

PACKAGE = Path(sightline.__file__).parent


def _service_modules() -> list[Path]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts or path.name in ("conftest.py",):
            continue
        if path == Path(declarations_module.__file__):
            continue
        modules.append(path)
    return modules


def keys_named_in_code() -> dict[str, set[str]]:
    """{timescale key: the modules that name it}, for every declared key some module names."""
    keys = set(declarations())
    found: dict[str, set[str]] = {}
    for path in _service_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in keys:
                found.setdefault(node.value, set()).add(str(path.relative_to(PACKAGE)))
    return found


def test_the_scan_finds_keys_in_the_core_rules_and_in_the_apps_rules() -> None:
    # If the scan found nothing it would pass every timescale as unused and fail below for
    # the wrong reason, or worse, pass with an empty not-yet-in-force list.
    used = keys_named_in_code()
    assert "assessment.completion" in used
    assert any(
        "timescale_rules.py" in module for module in used["child_protection.plan_duration_alert"]
    )


def test_every_timescale_in_force_has_a_rule_that_uses_it() -> None:
    used = keys_named_in_code()
    unused = sorted(k for k, t in declarations().items() if t.in_force and k not in used)
    assert not unused, (
        f"In force but no rule uses them: {unused}. Write the rule, or move them to "
        "not_yet_in_force in timescales/declarations.yml."
    )


def test_no_rule_uses_a_timescale_not_yet_in_force() -> None:
    used = keys_named_in_code()
    early = {k: sorted(used[k]) for k, t in declarations().items() if not t.in_force and k in used}
    assert not early, (
        f"Used but declared not yet in force: {early}. Move them to in_force in "
        "timescales/declarations.yml."
    )


# -- the project's declarations file --------------------------------------------------------


@pytest.fixture
def our_file(tmp_path, monkeypatch):
    """Point the loader at a declarations file written by the test, and forget it afterwards."""
    path = tmp_path / "declarations.yml"
    original = declarations_module.DECLARATIONS_FILE.read_text(encoding="utf-8")
    monkeypatch.setattr(declarations_module, "DECLARATIONS_FILE", path)
    declarations.cache_clear()
    yield path, original
    declarations.cache_clear()


def test_a_reference_timescale_cannot_also_be_declared_by_the_project(our_file) -> None:
    path, original = our_file
    path.write_text(
        original.replace(
            "completion: {name: Assessment completed}",
            "completion: {name: Assessment completed, within: 30 wd, kind: local}",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="declared in both"):
        declarations()


def test_every_reference_timescale_must_be_named(our_file) -> None:
    path, original = our_file
    path.write_text(original.replace("    icpc: {name: Initial child protection conference}\n", ""))
    with pytest.raises(ValueError, match="child_protection.icpc"):
        declarations()


def test_a_name_without_a_declaration_is_refused(our_file) -> None:
    path, original = our_file
    path.write_text(original.replace("  uasc:\n", "  uasc:\n    second_visit: {name: Second}\n"))
    with pytest.raises(ValueError, match="uasc.second_visit has a name but no declaration"):
        declarations()


def test_the_loaded_declarations_are_the_packaged_ones_again_after_those_tests() -> None:
    assert declared("assessment.completion").kind == "statutory"


# -- no local value leaks from one test into the next ---------------------------------------
# The first test writes a local value the way a rolled-back transaction leaves it: with no
# signal to clear the cache. The root conftest's autouse fixture must empty the cache between
# tests, or the second sees the first's value. (They run in this order, as written.)


@pytest.mark.django_db
def test_a_local_value_written_without_signals_is_cached() -> None:
    from sightline.timescales.models import LocalTimescale

    LocalTimescale.objects.bulk_create(
        [LocalTimescale(key="child_protection.visits", value="4 weeks", reason="x")]
    )
    assert get("child_protection.visits").value == "4 weeks"


@pytest.mark.django_db
def test_the_next_test_does_not_see_it() -> None:
    assert get("child_protection.visits").value == "10 wd"


@pytest.mark.django_db
def test_timescales_list_shows_those_not_yet_in_force_under_their_own_heading() -> None:
    from sightline.timescales.admin_services import describe_all

    lines = describe_all()
    heading = lines.index("Not yet in force (declared; no rule uses them yet):")
    first_key = [line.split()[0] if line else "" for line in lines]
    assert "assessment.completion" in first_key[:heading]
    assert "children_in_care.care_plan" in first_key[heading:]
    assert "children_in_care.care_plan" not in first_key[:heading]
