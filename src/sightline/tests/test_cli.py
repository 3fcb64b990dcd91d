"""The command line reads --database-url wherever it is given."""

import pytest

from sightline.cli import parse_args

URL = "postgresql://sightline@127.0.0.1:5432/sightline"


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
