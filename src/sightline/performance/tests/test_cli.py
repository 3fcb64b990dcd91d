"""`sightline kpis` prints the indicators as JSON for machines and as a table for people."""

import argparse
import io
import json
from datetime import date

import pytest

from sightline.performance.cli import add_arguments, kpis_command

from . import factories as f

pytestmark = pytest.mark.django_db


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_json_lists_every_indicator_with_value_numerator_denominator_and_england():
    f.assessment(f.child(), date(2024, 12, 2), date(2025, 2, 6))
    out = io.StringIO()
    code = kpis_command(
        _args("--from", "2024-04-01", "--to", "2025-03-31", "--format", "json"), out
    )
    data = json.loads(out.getvalue())
    assert code == 0
    by_id = {item["id"]: item for item in data["indicators"]}
    assert len(by_id) == 32
    assessments = by_id["assessments_within_45_wd_pct"]
    assert {k: assessments[k] for k in ("id", "value", "numerator", "denominator", "england")} == {
        "id": "assessments_within_45_wd_pct",
        "value": 100.0,
        "numerator": 1,
        "denominator": 1,
        "england": 85.7,
    }
    # An estimate is never given as England's figure.
    assert by_id["cla_dental_check_12m_pct"]["england"] is None
    assert by_id["cla_dental_check_12m_pct"]["england_estimate"] == 75.0


def test_as_at_moves_the_date_stock_indicators_are_counted_on():
    f.plan(f.child(), date(2024, 5, 1), date(2024, 10, 1))
    out = io.StringIO()
    argv = ("--from", "2024-04-01", "--to", "2025-03-31", "--as-at", "2024-06-30")
    kpis_command(_args(*argv, "--format", "json", "--indicator", "cp_plans_open_18m_plus"), out)
    item = json.loads(out.getvalue())["indicators"][0]
    assert item["numerator"] == 0
    out = io.StringIO()
    kpis_command(_args(*argv, "--format", "json", "--indicator", "cp_plans_per_10k"), out)
    assert json.loads(out.getvalue())["indicators"][0]["numerator"] == 1


def test_table_is_for_people():
    out = io.StringIO()
    kpis_command(_args("--from", "2024-04-01", "--to", "2025-03-31", "--format", "table"), out)
    text = out.getvalue()
    assert "1 April 2024 to 31 March 2025" in text
    assert "assessments_within_45_wd_pct" in text


def test_an_unknown_indicator_or_backwards_dates_are_refused(capsys):
    out = io.StringIO()
    assert kpis_command(_args("--from", "2025-04-01", "--to", "2025-03-31"), out) == 2
    assert (
        kpis_command(_args("--from", "2024-04-01", "--to", "2025-03-31", "--indicator", "x"), out)
        == 2
    )
    assert "no indicator x" in capsys.readouterr().err
