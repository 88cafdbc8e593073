"""Fixtures for the run-and-ship tests; the service table comes from scripts/local.py."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.support.platform import LOCAL_RUNNER


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
