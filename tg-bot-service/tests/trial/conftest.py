"""The trial dialogue offers slots from the real calendary-service app, on its own test database,
and holds the pick through the real lessons-service (bot_with_holds)."""

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from calendary_service.config import Settings as CalendarySettings
from calendary_service.main import create_app as create_calendary_app
from lessons_service.config import Settings as LessonsSettings
from lessons_service.main import create_app as create_lessons_app
from studio_kit.testing import JWTSigner, prepare_database, run_server
from tg_bot_service.config import Settings

CALENDARY_DIR = Path(__file__).resolve().parents[3] / "calendary-service"
LESSONS_DIR = Path(__file__).resolve().parents[3] / "lessons-service"
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


class StaticTokenProvider:
    """lessons-service's token for calendary, minted by the test signer calendary trusts."""

    def __init__(self, token: str) -> None:
        self._token = token

    async def token(self) -> str:
        return self._token

    async def aclose(self) -> None:
        return None


@pytest.fixture(scope="session")
async def trial_lessons_settings(
    make_settings: Callable[..., LessonsSettings], test_run_id: str, calendary_url: str
) -> LessonsSettings:
    settings = make_settings(
        LessonsSettings,
        database="lessons_test_for_bot_trials",
        redis_db=9,
        events_queue_prefix=f"test.{test_run_id}.bot-trials.",
        calendary_service_url=calendary_url,
    )
    await prepare_database(settings.database_url, LESSONS_DIR)
    return settings


@pytest.fixture
async def bot_with_holds(
    service_settings: Settings,
    service_app_factory: Callable[[Any], Any],
    trial_lessons_settings: LessonsSettings,
    jwt_signer: JWTSigner,
) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """The bot talking to a real lessons-service that holds trial slots in the real calendary-service
    (the bot's token comes from the test signer both trust); yields the bot's client and lessons' URL."""
    lessons_app = create_lessons_app(trial_lessons_settings)
    async with run_server(lessons_app) as lessons_url:
        token = jwt_signer.token(
            "service", sub="service:lessons", scopes=["calendary:book", "calendary:read"], expires_in=timedelta(hours=1)
        )
        for client in lessons_app.state.clients.values():
            client.token_provider = StaticTokenProvider(token)
        settings = service_settings.model_copy(update={"lessons_service_url": lessons_url})
        app = service_app_factory(settings)
        async with LifespanManager(app):
            await app.state.redis.flushdb()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                yield client, lessons_url
