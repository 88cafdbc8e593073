"""One way to declare a service's database and reach its settings (issue #20): checks that keep the
services from growing their own variants again."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Owned by other branches at the time of writing; drop each once it follows the pattern.
DATABASE_PENDING: set[str] = set()
SETTINGS_PENDING: set[str] = set()


def _service(path: Path) -> str:
    return path.relative_to(REPO).parts[0].removesuffix("-service")


def test_every_database_module_declares_its_base_the_same_way() -> None:
    modules = sorted(REPO.glob("*-service/*_service/database.py"))
    assert len(modules) >= 7
    offenders = [
        str(path.relative_to(REPO))
        for path in modules
        if _service(path) not in DATABASE_PENDING
        and not (
            "class Base(DeclarativeBase):" in (text := path.read_text())
            and "metadata = service_metadata()" in text
            and "type_annotation_map = TYPE_ANNOTATION_MAP" in text
        )
    ]
    assert offenders == []


def test_settings_reach_routes_through_the_kit_dependency_and_handlers_through_their_context() -> None:
    hand_written = re.compile(r"^def get_settings\(", re.MULTILINE)
    global_settings = re.compile(r"^\s*global _active\b|^def active_settings\(", re.MULTILINE)
    offenders = []
    for path in sorted(REPO.glob("*-service/*_service/**/*.py")):
        if _service(path) in SETTINGS_PENDING:
            continue
        text = path.read_text()
        if hand_written.search(text) or global_settings.search(text):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
    configs = [p for p in REPO.glob("*-service/*_service/config.py") if _service(p) not in SETTINGS_PENDING]
    assert len(configs) >= 6
    assert [str(p.relative_to(REPO)) for p in configs if "settings_dependency(Settings)" not in p.read_text()] == []
