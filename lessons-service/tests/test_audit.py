"""Staff writes on lessons leave one audit entry each (studio_kit.audit): a booking, a move, a
cancellation, attendance, completion and a price change by an admin or the lesson's teacher; a
student's own booking and a replayed booking leave none."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from lessons_service.database import audit_entries
from studio_kit.testing import JWTSigner

from .times import hours_ahead, open_hour_ahead

Seed = Callable[..., Awaitable[str]]


async def entries(app: FastAPI, action: str | None = None) -> list[dict[str, Any]]:
    statement = select(audit_entries).order_by(audit_entries.c.at)
    if action is not None:
        statement = statement.where(audit_entries.c.action == action)
    async with app.state.database.engine.connect() as connection:
        return [dict(row._mapping) for row in await connection.execute(statement)]


@pytest.fixture
async def teacher(open_teacher: Callable[[str], Awaitable[None]]) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


class TestAuditedLessonWrites:
    async def test_an_admin_booking_moving_and_cancelling_is_recorded_once_each(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str
    ) -> None:
        admin_id, student = uuid.uuid4(), uuid.uuid4()
        admin = jwt_signer.headers("admin", sub=admin_id)
        body = {
            "teacher_id": teacher,
            "student_id": str(student),
            "starts_at": open_hour_ahead(48).isoformat(),
            "duration_minutes": 60,
        }
        headers = {**admin, "Idempotency-Key": f"audit-{uuid.uuid4()}"}
        booked = await client.post("/lessons", json=body, headers=headers)
        replayed = await client.post("/lessons", json=body, headers=headers)
        assert (booked.status_code, replayed.status_code) == (201, 201), booked.text
        lesson_id = booked.json()["id"]
        moved = await client.post(
            f"/lessons/{lesson_id}/reschedule", json={"starts_at": open_hour_ahead(50).isoformat()}, headers=admin
        )
        assert moved.status_code == 200, moved.text
        cancelled = await client.post(f"/lessons/{lesson_id}/cancel", json={"reason": "ill"}, headers=admin)
        again = await client.post(f"/lessons/{lesson_id}/cancel", json={"reason": "ill"}, headers=admin)
        assert (cancelled.status_code, again.status_code) == (200, 200), cancelled.text

        trail = await entries(app)
        assert [entry["action"] for entry in trail] == ["lesson.booked", "lesson.moved", "lesson.cancelled"]
        for entry in trail:
            assert (entry["actor_id"], entry["actor_role"]) == (str(admin_id), "admin")
            assert (entry["target_type"], entry["target_id"]) == ("lesson", lesson_id)
        assert trail[0]["summary"]["student_id"] == str(student)
        assert trail[1]["summary"]["to_starts_at"] == open_hour_ahead(50).isoformat()
        assert trail[2]["summary"]["reason"] == "ill"

    async def test_a_students_own_booking_is_not_a_staff_write(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str
    ) -> None:
        own = {**jwt_signer.headers("student"), "Idempotency-Key": f"audit-{uuid.uuid4()}"}
        body = {"teacher_id": teacher, "starts_at": open_hour_ahead(30).isoformat(), "duration_minutes": 60}
        assert (await client.post("/lessons", json=body, headers=own)).status_code == 201
        assert await entries(app) == []

    async def test_the_teachers_attendance_and_completion_are_recorded(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ahead(-2))
        headers = jwt_signer.headers("teacher", sub=teacher)
        marks = {"topic": "Modals", "attendance": [{"student_id": str(student), "status": "present"}]}
        assert (await client.put(f"/lessons/{lesson_id}/attendance", json=marks, headers=headers)).status_code == 200
        assert (await client.post(f"/lessons/{lesson_id}/complete", headers=headers)).status_code == 200
        assert (await client.post(f"/lessons/{lesson_id}/complete", headers=headers)).status_code == 200

        marked, completed = await entries(app)
        assert marked["action"] == "attendance.marked"
        assert marked["summary"] == {"attendance": {str(student): "present"}, "fields": ["topic"]}
        assert completed["action"] == "lesson.completed"
        assert (completed["actor_id"], completed["actor_role"]) == (str(teacher), "teacher")

    async def test_a_price_change_is_recorded_and_a_refused_one_is_not(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        items = [{"kind": "individual", "duration_minutes": 60, "amount_minor": 250000}]
        refused = await client.put("/prices", json={"items": items}, headers=jwt_signer.headers("teacher"))
        assert refused.status_code == 403
        changed = await client.put("/prices", json={"items": items}, headers=jwt_signer.headers("admin"))
        assert changed.status_code == 200, changed.text

        [entry] = await entries(app, "prices.changed")
        assert entry["summary"]["items"] == items
        assert entry["target_type"] == "price_list"
