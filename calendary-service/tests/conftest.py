import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from calendary_service.config import Settings
from calendary_service.main import create_app
from studio_kit.testing.helpers import JWTSigner

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(Settings, database="calendary_test", redis_db=3)


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


@pytest.fixture
def teacher_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def admin(jwt_signer: JWTSigner) -> dict[str, str]:
    return jwt_signer.headers("admin")


@pytest.fixture
def booker(jwt_signer: JWTSigner) -> dict[str, str]:
    """The lessons-service principal that runs the booking saga."""
    return jwt_signer.headers("service", sub="service:lessons", scopes=["calendary:book"])


class Calendar:
    """Helpers for calendar tests (test modules cannot import each other under importlib mode)."""

    def __init__(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        self.client = client
        self.admin = admin

    @staticmethod
    def future_day(days: int = 3) -> date:
        return (datetime.now(UTC) + timedelta(days=days)).date()

    @staticmethod
    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=UTC)

    async def open_every_day(
        self, teacher_id: uuid.UUID, start: str = "08:00", end: str = "20:00", timezone: str = "UTC"
    ) -> None:
        response = await self.client.put(
            f"/teachers/{teacher_id}/availability",
            json={
                "timezone": timezone,
                "rules": [{"weekday": day, "start_time": start, "end_time": end} for day in range(7)],
            },
            headers=self.admin,
        )
        assert response.status_code == 200, response.text

    @staticmethod
    def hold_body(teacher_id: uuid.UUID, starts_at: datetime, minutes: int = 60, **extra: Any) -> dict[str, Any]:
        return {
            "teacher_id": str(teacher_id),
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(minutes=minutes)).isoformat(),
            "kind": "individual",
            **extra,
        }

    async def slots(
        self, teacher_id: uuid.UUID, starts_at: datetime, ends_at: datetime, headers: dict[str, str], duration: int = 60
    ) -> list[tuple[datetime, datetime]]:
        response = await self.client.get(
            f"/teachers/{teacher_id}/slots",
            params={"from": starts_at.isoformat(), "to": ends_at.isoformat(), "duration_minutes": duration},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        return [(parse(slot["starts_at"]), parse(slot["ends_at"])) for slot in response.json()]


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


@pytest.fixture
def cal(client: httpx.AsyncClient, admin: dict[str, str]) -> Calendar:
    return Calendar(client, admin)
