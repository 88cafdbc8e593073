"""The platform of tests/chaos/harness.py, shared with tests/chaos in one session."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest


def load_harness() -> ModuleType:
    # tests/ is not a package: load the harness by path, once, under one name, so tests/chaos and
    # tests/security share the same module (and so the same running platform).
    name = "studio_chaos_harness"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "chaos" / "harness.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


harness = load_harness()


@pytest.fixture(scope="session")
def chaos_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with harness.shared_platform(tmp_path_factory.mktemp("chaos-platform")) as platform:
        yield platform
