"""The fake return files in ../shared/reference/samples (beside the repository), for tests."""

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "samples"


def shared_sample(name: str) -> Path:
    """The sample file `name`, or the test is skipped saying where it was looked for."""
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"the sample {name} is not in {SAMPLES}")
    return path
