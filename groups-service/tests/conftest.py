import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from groups_service.config import Settings
from groups_service.database import outbox_messages
from groups_service.main import create_app
from studio_kit.testing import JWTSigner

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(Settings, database="groups_test", redis_db=4)


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


@pytest.fixture
def admin(jwt_signer: JWTSigner) -> dict[str, str]:
    return jwt_signer.headers("admin")


@pytest.fixture
def make_group(client: httpx.AsyncClient, admin: dict[str, str]) -> Callable[..., Awaitable[dict[str, Any]]]:
    """Create a group through the API and return its body."""

    async def factory(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": "Evening B1",
            "level": "B1",
            "teacher_id": str(uuid.uuid4()),
            "capacity": 3,
            "schedule": {
                "timezone": "Europe/Moscow",
                "slots": [{"weekday": 0, "start_time": "18:30", "duration_minutes": 90}],
            },
            "starts_on": "2026-12-01",
            "ends_on": "2027-05-31",
            "price_per_lesson_minor": 90000,
            "status": "active",
        }
        body.update(overrides)
        response = await client.post("/groups", json=body, headers=admin)
        assert response.status_code == 201, response.text
        return dict(response.json())

    return factory


@pytest.fixture
def published(app: FastAPI) -> Callable[..., Awaitable[list[dict[str, Any]]]]:
    """The `data` of events written to the outbox, oldest first."""

    async def read(event_type: str | None = None) -> list[dict[str, Any]]:
        statement = select(outbox_messages.c.payload).order_by(outbox_messages.c.created_at)
        if event_type is not None:
            statement = statement.where(outbox_messages.c.type == event_type)
        async with app.state.database.sessionmaker() as session:
            return [row["data"] for row in (await session.execute(statement)).scalars()]

    return read
