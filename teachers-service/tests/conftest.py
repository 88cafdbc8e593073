import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from studio_kit.messaging import Event
from studio_kit.testing import JWTSigner
from teachers_service.config import Settings
from teachers_service.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(Settings, database="teachers_test", redis_db=8)


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

    def teacher_headers(self, teacher_id: Any) -> dict[str, str]:
        return self.signer.headers("teacher", sub=teacher_id)

    def student_headers(self) -> dict[str, str]:
        return self.signer.headers("student", sub=uuid.uuid4())

    async def create_teacher(self, **fields: Any) -> dict[str, Any]:
        body = {
            "first_name": "Maria",
            "last_name": "Petrova",
            "email": f"{uuid.uuid4().hex[:8]}@studio.example.com",
            "phone": "+79161234567",
            "bio": "CELTA",
            "levels": ["B1", "B2"],
            "specialisations": ["IELTS"],
            "timezone": "Europe/Moscow",
            **fields,
        }
        response = await self.client.post("/teachers", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def add_rate(self, teacher_id: Any, kind: str, amount: int, effective_from: str) -> dict[str, Any]:
        response = await self.client.post(
            f"/teachers/{teacher_id}/rates",
            headers=self.admin,
            json={"kind": kind, "amount_minor": amount, "effective_from": effective_from},
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def deliver(self, event_type: str, data: dict[str, Any], event_id: uuid.UUID | None = None) -> bool:
        """Run an event through the service's real consumer path (inbox + handler, one transaction)."""
        event = Event(id=event_id or uuid.uuid4(), type=event_type, source="test", data=data)
        applied: bool = await self.app.state.consumer.handle(event)
        return applied

    async def complete_lesson(
        self,
        teacher_id: Any,
        starts_at: str,
        *,
        kind: str = "individual",
        lesson_id: uuid.UUID | None = None,
        statuses: tuple[str, ...] = ("present",),
    ) -> uuid.UUID:
        lesson_id = lesson_id or uuid.uuid4()
        await self.deliver(
            "lesson.completed",
            {
                "lesson_id": str(lesson_id),
                "kind": kind,
                "teacher_id": str(teacher_id),
                "group_id": None,
                "starts_at": datetime.fromisoformat(starts_at).isoformat(),
                "ends_at": starts_at,
                "duration_minutes": 60,
                "attendance": [{"student_id": str(uuid.uuid4()), "status": s, "price_minor": 1000} for s in statuses],
            },
        )
        return lesson_id

    async def outbox(self, event_type: str) -> list[dict[str, Any]]:
        async with self.app.state.database.engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT payload FROM outbox_message WHERE type = :type ORDER BY created_at"), {"type": event_type}
            )
            return [row[0]["data"] for row in rows]


@pytest.fixture
def studio(app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> Studio:
    return Studio(app, client, jwt_signer)
