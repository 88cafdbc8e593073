from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from students_service.config import Settings
from students_service.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(Settings, database="students_test", redis_db=7)


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app
