"""The command line reads --database-url wherever it is given, finds every command module, and
runs the chosen command."""

import ast
import pkgutil
from pathlib import Path

import pytest

import sightline.cli
from sightline.cli import main, parse_args
from sightline.cli.main import COMMAND_MODULES

URL = "postgresql://sightline@127.0.0.1:5432/sightline"
CLI_DIR = Path(sightline.cli.__file__).parent


@pytest.mark.parametrize(
    "argv",
    [
        ["workdays", "--database-url", URL, "add", "2023-05-05", "45"],
        ["workdays", "add", "--database-url", URL, "2023-05-05", "45"],
        ["export", "--database-url", URL, "cin-census", "--year", "2026", "--out", "x.xml"],
        ["bench", "--database-url", URL],
    ],
)
def test_the_database_url_is_kept_before_or_after_the_action(argv):
    assert parse_args(argv).database_url == URL


def test_without_a_database_url_the_default_applies():
    assert parse_args(["workdays", "add", "2023-05-05", "45"]).database_url is None


def test_every_command_module_in_the_package_is_registered():
    # A command module left off COMMAND_MODULES would silently give no command.
    found = {m.name for m in pkgutil.iter_modules([str(CLI_DIR)])} - {"main", "base", "__main__"}
    assert found == set(COMMAND_MODULES)


def test_command_modules_never_import_the_parser_back():
    # Only main.py imports the command modules (by discovery), so there is no import cycle.
    for name in COMMAND_MODULES:
        tree = ast.parse((CLI_DIR / f"{name}.py").read_text())
        imported = {
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not imported & {
            "main",
            "sightline.cli",
            "sightline.cli.main",
            "sightline.commands",
        }, name


@pytest.mark.django_db
def test_main_runs_the_chosen_command_and_returns_its_exit_status(capsys):
    assert main(["workdays", "add", "2023-05-05", "45"]) == 0
    assert capsys.readouterr().out == "2023-07-11\n"
    assert main(["workdays", "add", "2023-05-05", "-1"]) == 2
    assert "N must be 0 or more." in capsys.readouterr().err


@pytest.mark.django_db
def test_timescales_list_prints_those_not_yet_in_force_apart(capsys):
    assert main(["timescales", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("assessment.completion ")
    assert "Not yet in force (declared; no rule uses them yet):" in out
