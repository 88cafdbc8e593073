"""Cancelling at the front desk: the admin decides whether a late cancel is charged."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from studio_kit.testing import JWTSigner

from ..times import hours_ahead

Published = Callable[..., Awaitable[list[dict[str, Any]]]]


@pytest.fixture
async def teacher(open_teacher: Callable[[str], Awaitable[None]]) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


@pytest.fixture
def student() -> uuid.UUID:
    return uuid.uuid4()


async def book(
    client: httpx.AsyncClient, teacher: str, headers: dict[str, str], starts_at: datetime, duration: int = 60
) -> dict[str, Any]:
    response = await client.post(
        "/lessons",
        json={"teacher_id": teacher, "starts_at": starts_at.isoformat(), "duration_minutes": duration},
        headers={**headers, "Idempotency-Key": f"key-{uuid.uuid4()}"},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestAdminChoosesTheCharge:
    async def test_late_cancel_by_admin_is_free_unless_charged(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        own = jwt_signer.headers("student", sub=student)
        waived = await book(client, teacher, own, hours_ahead(20), duration=30)
        kept = await book(client, teacher, own, hours_ahead(22), duration=30)
        admin = jwt_signer.headers("admin")

        free = (await client.post(f"/lessons/{waived['id']}/cancel", json={"reason": "ill"}, headers=admin)).json()
        charged = (await client.post(f"/lessons/{kept['id']}/cancel", json={"charge": True}, headers=admin)).json()

        assert free["late_cancel"] is False
        assert free["charge"] is None
        assert charged["late_cancel"] is True
        assert charged["charge"] == {"amount_minor": 200000, "currency": "RUB"}
        events = {event["lesson_id"]: event for event in await published("lesson.cancelled")}
        assert events[waived["id"]]["charges"] == []
        assert events[kept["id"]]["charges"] == [{"student_id": str(student), "amount_minor": 200000}]
        assert events[kept["id"]]["cancelled_by"] == "admin"

    async def test_charge_outside_the_notice_costs_nothing(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str, student: uuid.UUID
    ) -> None:
        lesson = await book(client, teacher, jwt_signer.headers("student", sub=student), hours_ahead(72), duration=30)

        result = await client.post(
            f"/lessons/{lesson['id']}/cancel", json={"charge": True}, headers=jwt_signer.headers("admin")
        )

        assert result.status_code == 200, result.text
        assert result.json()["late_cancel"] is False
        assert result.json()["charge"] is None

    async def test_only_an_admin_chooses(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str, student: uuid.UUID
    ) -> None:
        own = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, own, hours_ahead(20), duration=30)

        for headers in (own, jwt_signer.headers("teacher", sub=teacher)):
            response = await client.post(f"/lessons/{lesson['id']}/cancel", json={"charge": False}, headers=headers)
            assert response.status_code == 403, response.text

        read = (await client.get(f"/lessons/{lesson['id']}", headers=own)).json()
        assert read["status"] == "scheduled"
