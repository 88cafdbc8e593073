"""One way to do each thing (issue #20): checks that keep the codebase from drifting back."""

from __future__ import annotations

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
