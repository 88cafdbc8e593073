"""The .env.example files people copy: each variable set once, so nobody reads one value and runs
with another (dotenv and compose both let the last one win)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(REPO.glob("*/.env.example")) + sorted(REPO.glob(".env.example"))
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=", re.MULTILINE)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_variable_is_set_once(example: Path) -> None:
    counts = Counter(ASSIGNMENT.findall(example.read_text()))
    assert {name: count for name, count in counts.items() if count > 1} == {}


def test_examples_were_found() -> None:
    assert len(EXAMPLES) >= 9
