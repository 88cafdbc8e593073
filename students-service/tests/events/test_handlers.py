from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from students_service.students.errors import StudentNotFound
from studio_kit.messaging import Event

if TYPE_CHECKING:
    from conftest import Studio


class TestThroughTheBroker:
    async def test_published_completion_reaches_the_ledger_once(self, studio: Studio) -> None:
        student = await studio.create_student()
        event = Event(
            type="lesson.completed",
            source="lessons-service",
            data={
                "lesson_id": str(uuid.uuid4()),
                "kind": "individual",
                "teacher_id": str(uuid.uuid4()),
                "starts_at": datetime.now(UTC).isoformat(),
                "attendance": [{"student_id": student["id"], "status": "present", "price_minor": 1200}],
            },
        )
        for _ in range(2):
            await studio.app.state.broker.publish(event)
        deadline = time.monotonic() + 15
        while await studio.balance(student["id"]) == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        assert [e["amount_minor"] for e in (await studio.ledger(student["id"]))["entries"]] == [-1200]

    async def test_unknown_student_fails_the_event_so_no_charge_is_lost_silently(self, studio: Studio) -> None:
        known = await studio.create_student()
        data = {
            "lesson_id": str(uuid.uuid4()),
            "kind": "group",
            "teacher_id": str(uuid.uuid4()),
            "starts_at": datetime.now(UTC).isoformat(),
            "attendance": [
                {"student_id": known["id"], "status": "present", "price_minor": 900},
                {"student_id": str(uuid.uuid4()), "status": "present", "price_minor": 900},
            ],
        }
        with pytest.raises(StudentNotFound):
            await studio.deliver("lesson.completed", data)
        assert await studio.balance(known["id"]) == 0, "the whole event retries later, nothing half-applied"


class TestLessonScheduled:
    async def test_every_student_of_a_group_lesson_becomes_visible_to_its_teacher_once(self, studio: Studio) -> None:
        first, second = await studio.create_student(), await studio.create_student(first_name="Second")
        teacher_id, lesson_id = uuid.uuid4(), uuid.uuid4()
        data = {
            "lesson_id": str(lesson_id),
            "kind": "group",
            "teacher_id": str(teacher_id),
            "student_ids": [first["id"], second["id"]],
            "group_id": str(uuid.uuid4()),
        }

        assert await studio.deliver("lesson.scheduled", data)
        # The same fact under another event id (a republished outbox row) links nobody twice.
        assert await studio.deliver("lesson.scheduled", data)

        for student in (first, second):
            url = f"/students/{student['id']}"
            assert (await studio.client.get(url, headers=studio.teacher_headers(teacher_id))).status_code == 200
        other = await studio.client.get(f"/students/{first['id']}", headers=studio.teacher_headers(uuid.uuid4()))
        assert other.status_code == 404
