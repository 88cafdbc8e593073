"""The trial dialogue offers slots from the real calendary-service app, on its own test database."""

import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from calendary_service.config import Settings as CalendarySettings
from calendary_service.main import create_app as create_calendary_app
from studio_kit.testing import JWTSigner, prepare_database, run_server
from tg_bot_service.config import Settings

CALENDARY_DIR = Path(__file__).resolve().parents[3] / "calendary-service"
TRIAL_HOURS = {"start_time": "18:00", "end_time": "19:00"}


@pytest.fixture(scope="session")
async def calendary_url(
    make_settings: Callable[..., CalendarySettings],
    test_run_id: str,
    jwt_signer: JWTSigner,
    trial_teacher_id: uuid.UUID,
) -> AsyncIterator[str]:
    """calendary-service where the trial teacher works 18:00 to 19:00 Moscow time every day."""
    settings = make_settings(
        CalendarySettings,
        database="calendary_test_for_bot",
        redis_db=9,
        events_queue_prefix=f"test.{test_run_id}.bot.",
        calendary_min_notice_minutes=0,
    )
    await prepare_database(settings.database_url, CALENDARY_DIR)
    async with run_server(create_calendary_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            response = await http.put(
                f"/teachers/{trial_teacher_id}/availability",
                json={"timezone": "Europe/Moscow", "rules": [{"weekday": day, **TRIAL_HOURS} for day in range(7)]},
                headers=jwt_signer.headers("teacher", sub=trial_teacher_id),
            )
            assert response.status_code == 200, response.text
        yield url


@pytest.fixture(scope="session")
def service_settings(service_settings: Settings, calendary_url: str) -> Settings:
    return service_settings.model_copy(update={"calendary_service_url": calendary_url})


@pytest.fixture
def settings_with(service_settings: Settings) -> Callable[..., Any]:
    def build(**changes: Any) -> Settings:
        return service_settings.model_copy(update=changes)

    return build
