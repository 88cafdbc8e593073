from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


class TestAssessments:
    async def test_teacher_records_assessments_and_the_newest_sets_the_level(self, studio: Studio) -> None:
        student = await studio.create_student(level="A2")
        teacher_id = uuid.uuid4()
        await studio.deliver(
            "lesson.scheduled",
            {"lesson_id": str(uuid.uuid4()), "teacher_id": str(teacher_id), "student_ids": [student["id"]]},
        )
        url = f"/students/{student['id']}/assessments"
        teacher = studio.teacher_headers(teacher_id)
        newer = await studio.client.post(
            url,
            json={"level": "B1", "assessed_at": "2026-11-01T10:00:00+03:00", "comment": "Good progress"},
            headers=teacher,
        )
        assert newer.status_code == 201
        older = await studio.client.post(
            url, json={"level": "A2", "assessed_at": "2026-09-01T10:00:00+03:00"}, headers=studio.admin
        )
        assert older.status_code == 201
        history = (await studio.client.get(url, headers=studio.student_headers(student["id"]))).json()
        assert [a["level"] for a in history] == ["B1", "A2"]
        profile = (await studio.client.get(f"/students/{student['id']}", headers=studio.admin)).json()
        assert profile["level"] == "B1", "a back-dated assessment does not overwrite the current level"

    async def test_students_and_strangers_cannot_assess(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/students/{student['id']}/assessments"
        body = {"level": "C2", "assessed_at": "2026-11-01T10:00:00+03:00"}
        as_student = await studio.client.post(url, json=body, headers=studio.student_headers(student["id"]))
        as_stranger = await studio.client.post(url, json=body, headers=studio.teacher_headers(uuid.uuid4()))
        assert (as_student.status_code, as_stranger.status_code) == (403, 404)
        assert (await studio.client.get(url, headers=studio.admin)).json() == []
