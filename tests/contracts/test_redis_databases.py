"""`make test-python` runs two pytest processes side by side on one Redis (scripts/test-python.sh).
A Redis database index named by suites of both would be flushed under one by the other, so the two
sets must stay apart. Every `redis_db=N` a suite names counts, even one whose Redis URL is unset."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "test-python.sh"
INDEX = re.compile(r"""(?:\bredis_db\b\s*=|"redis_db"\s*:|\b\w*REDIS_DB\s*=)\s*(\d+)""")


def suites() -> list[str]:
    return list(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])


def second_process_suites() -> list[str]:
    found = re.search(r"^second=\((.*)\)$", SCRIPT.read_text(), re.MULTILINE)
    assert found, f"no `second=(...)` in {SCRIPT}"
    return found.group(1).split()


def redis_databases(suite: str) -> set[int]:
    return {int(index) for path in (REPO / suite).rglob("*.py") for index in INDEX.findall(path.read_text())}


def test_the_second_process_runs_suites_of_the_testpaths() -> None:
    assert set(second_process_suites()) < set(suites())


def test_the_two_processes_share_no_redis_database() -> None:
    second = second_process_suites()
    used_by_second = {index for suite in second for index in redis_databases(suite)}
    shared = {suite: sorted(redis_databases(suite) & used_by_second) for suite in suites() if suite not in second}
    assert not any(shared.values()), f"Redis databases also used by {second}: {shared}"
