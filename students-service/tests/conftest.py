import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from students_service.config import Settings
from students_service.main import create_app
from studio_kit.messaging import Event
from studio_kit.testing import JWTSigner

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Small enough that the size-limit test stays fast; the 10 MiB default is checked in test_config.
DOCUMENT_MAX_BYTES = 64 * 1024


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings], tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(
        Settings,
        database="students_test",
        redis_db=7,
        students_documents_dir=tmp_path_factory.mktemp("documents"),
        students_document_max_bytes=DOCUMENT_MAX_BYTES,
    )


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


class Studio:
    """What a test does through the real API and the real consumer, as different people."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient, signer: JWTSigner) -> None:
        self.app = app
        self.client = client
        self.signer = signer
        self.admin = signer.headers("admin", sub=uuid.uuid4())

    def student_headers(self, student_id: uuid.UUID | str) -> dict[str, str]:
        return self.signer.headers("student", sub=student_id)

    def teacher_headers(self, teacher_id: uuid.UUID | str) -> dict[str, str]:
        return self.signer.headers("teacher", sub=teacher_id)

    async def create_student(self, **fields: Any) -> dict[str, Any]:
        body = {"first_name": "Anna", "last_name": "Ivanova", **fields}
        response = await self.client.post("/students", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def deliver(self, event_type: str, data: dict[str, Any], event_id: uuid.UUID | None = None) -> bool:
        """Run an event through the service's real consumer path (inbox + handler, one transaction)."""
        event = Event(id=event_id or uuid.uuid4(), type=event_type, source="test", data=data)
        applied: bool = await self.app.state.consumer.handle(event)
        return applied

    async def complete_lesson(
        self,
        attendance: list[tuple[Any, str, int]],
        *,
        lesson_id: uuid.UUID | None = None,
        kind: str = "individual",
        teacher_id: uuid.UUID | None = None,
        starts_at: datetime | None = None,
    ) -> uuid.UUID:
        lesson_id = lesson_id or uuid.uuid4()
        starts = starts_at or datetime.now(UTC) - timedelta(hours=2)
        await self.deliver(
            "lesson.completed",
            {
                "lesson_id": str(lesson_id),
                "kind": kind,
                "teacher_id": str(teacher_id or uuid.uuid4()),
                "group_id": None,
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=1)).isoformat(),
                "duration_minutes": 60,
                "attendance": [
                    {"student_id": str(sid), "status": status, "price_minor": price}
                    for sid, status, price in attendance
                ],
            },
        )
        return lesson_id

    async def ledger(self, student_id: Any) -> dict[str, Any]:
        response = await self.client.get(f"/students/{student_id}/ledger", headers=self.admin)
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def balance(self, student_id: Any) -> int:
        return int((await self.ledger(student_id))["balance"]["amount_minor"])

    async def packages(self, student_id: Any) -> list[dict[str, Any]]:
        response = await self.client.get(f"/students/{student_id}/packages", headers=self.admin)
        assert response.status_code == 200, response.text
        return list(response.json())

    async def outbox(self, event_type: str) -> list[dict[str, Any]]:
        async with self.app.state.database.engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT payload FROM outbox_message WHERE type = :type ORDER BY created_at"), {"type": event_type}
            )
            return [row[0]["data"] for row in rows]


@pytest.fixture
def studio(app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> Studio:
    return Studio(app, client, jwt_signer)


@pytest.fixture
def make_studio(jwt_signer: JWTSigner) -> Callable[[FastAPI, httpx.AsyncClient], Studio]:
    """A Studio for a second app built with other settings."""
    return lambda app, client: Studio(app, client, jwt_signer)
