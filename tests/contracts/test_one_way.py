"""One way to do each thing (issue #20): checks that keep the codebase from drifting back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVICE_CODE = sorted(
    path for pattern in ("*-service/*_service/**/*.py", "studio-kit/studio_kit/**/*.py") for path in REPO.glob(pattern)
)


def test_the_scan_sees_every_service() -> None:
    packages = {path.relative_to(REPO).parts[0] for path in SERVICE_CODE}
    assert len(packages) == 10, packages  # the kit and nine Python services


def test_no_file_overrides_the_type_checker_inline() -> None:
    """mypy's settings live in pyproject.toml only; per-file `# mypy:` headers drift and hide."""
    inline = re.compile(r"^#\s*mypy:", re.MULTILINE)
    offenders = [str(path.relative_to(REPO)) for path in SERVICE_CODE if inline.search(path.read_text())]
    assert offenders == []


BFF = REPO / "bff-service" / "bff_service"
# The string caller's methods: `caller.get("students", "/path")` and its siblings.
STRING_CALLS = frozenset({"get", "post", "put", "patch", "delete", "send", "call", "send_once", "client"})


def _string_calls(source: str) -> list[int]:
    """Lines calling a string-caller method on something named `caller` (`caller.get(...)`,
    `self.caller.send(...)`); `caller.redis.get(...)` and the like are not the caller's own."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        if name == "caller" and node.func.attr in STRING_CALLS:
            lines.append(node.lineno)
    return lines


def test_the_string_call_detector_sees_direct_and_attribute_callers() -> None:
    source = (
        "async def f(caller, self):\n"
        "    await caller.get('students', '/students/me')\n"
        "    await self.caller.send('lessons', 'POST', '/lessons')\n"
        "    await caller.redis.get('key')\n"
        "    await StudentsClient(caller).balance('id')\n"
    )
    assert _string_calls(source) == [2, 3]


def test_bff_features_call_downstream_services_only_through_the_typed_clients() -> None:
    """Outside `clients/` (and `downstream.py`, which defines the caller) the BFF calls a domain
    service through its typed client: one method per route, the answer validated into a model."""
    modules = [path for path in sorted(BFF.rglob("*.py")) if "clients" not in path.relative_to(BFF).parts]
    assert len(modules) > 50
    offenders = [
        f"{path.relative_to(REPO)}:{line}"
        for path in modules
        if path.name != "downstream.py" or path.parent != BFF
        for line in _string_calls(path.read_text())
    ]
    assert offenders == []


REPLAY_TABLE = re.compile(r"""(__tablename__\s*=\s*|Table\(\s*)["'][a-z_]*idempotency[a-z_]*["']""")


def test_no_service_declares_an_idempotency_table_of_its_own() -> None:
    """Answers replay from the kit's `idempotency_table` (ADR 0232); a money row may carry its key
    as a column, but no service grows a replay table of its own again."""
    offenders = [
        str(path.relative_to(REPO))
        for path in SERVICE_CODE
        if not path.is_relative_to(REPO / "studio-kit") and REPLAY_TABLE.search(path.read_text())
    ]
    assert offenders == []
    assert REPLAY_TABLE.search('__tablename__ = "booking_idempotency"'), "the pattern sees a declared table"
