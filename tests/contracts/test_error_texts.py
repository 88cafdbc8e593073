"""Every problem `code` the BFF can hand the web app has a Russian and an English text.

The BFF relays the problems of the domain services as they are, so the codes it can return are
the `code` of every AppError subclass in the services behind it, studio-kit's included. They are
read from the source (a class body's `code = "..."`), so a new error class without texts in
frontend-service/src/i18n/locales/{ru,en}.json fails here (issue 21: 22 of 114 had Russian text
and the rest reached people as English server sentences)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "frontend-service" / "src" / "i18n" / "locales"
# The services whose problems reach the browser through the BFF (the bot answers in its own words).
SERVICES = ["auth", "bff", "calendary", "groups", "lessons", "notifications", "students", "teachers"]


def class_codes(path: Path) -> dict[str, str]:
    """`code` → class name for every class in `path` whose body sets a string `code`."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            target = statement.targets[0] if isinstance(statement, ast.Assign) else getattr(statement, "target", None)
            value = getattr(statement, "value", None)
            is_code = isinstance(target, ast.Name) and target.id == "code"
            if is_code and isinstance(value, ast.Constant) and isinstance(value.value, str):
                found[value.value] = f"{path.relative_to(REPO)}::{node.name}"
    return found


def problem_codes() -> dict[str, str]:
    sources = sorted((REPO / "studio-kit" / "studio_kit").rglob("*.py"))
    for service in SERVICES:
        package = REPO / f"{service}-service" / f"{service.replace('-', '_')}_service"
        sources += sorted(package.rglob("*.py"))
    codes: dict[str, str] = {}
    for path in sources:
        codes.update(class_codes(path))
    return codes


def test_the_enumeration_finds_the_error_classes() -> None:
    codes = problem_codes()
    # A parser that finds nothing would pass every check below.
    assert {"not_found", "slot_taken", "lesson_not_started", "invalid_credentials", "group_full"} <= codes.keys()
    assert len(codes) > 100


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_problem_code_has_a_text(language: str) -> None:
    texts = json.loads((LOCALES / f"{language}.json").read_text())["errors"]["codes"]
    missing = {code: where for code, where in problem_codes().items() if not str(texts.get(code, "")).strip()}
    assert not missing, f"errors.codes in {language}.json lacks: " + ", ".join(
        f"{code} ({where})" for code, where in sorted(missing.items())
    )
