"""Fixtures for the run-and-ship tests; the service table comes from scripts/local.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_local_runner() -> ModuleType:
    # scripts/ is not a package: load the runner by path so the tests use its service table.
    spec = importlib.util.spec_from_file_location("studio_local_runner", REPO / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


LOCAL_RUNNER = _load_local_runner()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`service` runs a test once per Python service, `db_service` once per service with a database."""
    services = LOCAL_RUNNER.SERVICES
    if "service" in metafunc.fixturenames:
        metafunc.parametrize("service", services, ids=[s.name for s in services])
    if "db_service" in metafunc.fixturenames:
        with_db = [s for s in services if s.has_db]
        metafunc.parametrize("db_service", with_db, ids=[s.name for s in with_db])


@pytest.fixture(scope="session")
def local_runner() -> ModuleType:
    return LOCAL_RUNNER
