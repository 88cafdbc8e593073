import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from studio_kit.testing import JWTSigner

Seed = Callable[..., Awaitable[str]]


async def finish(app: FastAPI, lesson_id: str, homework: str | None, marks: dict[uuid.UUID, str]) -> None:
    """Mark a seeded lesson completed, with its homework and attendance, as the journal would."""
    async with app.state.database.engine.begin() as connection:
        await connection.execute(
            text("UPDATE lesson SET status = 'completed', homework = :homework WHERE id = :id"),
            {"homework": homework, "id": lesson_id},
        )
        for student, mark in marks.items():
            await connection.execute(
                text("UPDATE lesson_student SET attendance = :mark WHERE lesson_id = :id AND student_id = :student"),
                {"mark": mark, "id": lesson_id, "student": student},
            )


class TestStudentLessonOverview:
    async def test_next_lessons_and_recent_homework_in_one_answer(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        now = datetime.now(UTC)
        soon = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now + timedelta(days=2))
        later = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now + timedelta(days=5))
        await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now + timedelta(days=45))
        await seed_lesson(teacher_id=teacher, student_ids=[other], starts_at=now + timedelta(days=1))
        older = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now - timedelta(days=9))
        newer = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now - timedelta(days=2))
        silent = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=now - timedelta(days=3))
        await finish(app, older, "Read chapter 1", {student: "present"})
        await finish(app, newer, "Scales in C", {student: "late"})
        await finish(app, silent, None, {student: "present"})

        response = await client.get(
            f"/students/{student}/lesson-overview", headers=jwt_signer.headers("student", sub=student)
        )

        assert response.status_code == 200, response.text
        body = response.json()
        assert [lesson["id"] for lesson in body["upcoming"]] == [soon, later]
        assert [(lesson["id"], lesson["homework"]) for lesson in body["homework"]] == [
            (newer, "Scales in C"),
            (older, "Read chapter 1"),
        ]
        assert all(lesson["notes"] is None for lesson in body["upcoming"] + body["homework"])

    async def test_a_student_cannot_read_another_students_overview(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        response = await client.get(
            f"/students/{uuid.uuid4()}/lesson-overview", headers=jwt_signer.headers("student", sub=uuid.uuid4())
        )

        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_a_teacher_is_refused_not_answered_with_an_empty_overview(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        response = await client.get(
            f"/students/{uuid.uuid4()}/lesson-overview", headers=jwt_signer.headers("teacher", sub=uuid.uuid4())
        )

        assert response.status_code == 403


class TestAttendanceSummary:
    async def test_counts_charged_and_attended_seats_of_completed_lessons(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str], seed_lesson: Seed
    ) -> None:
        teacher = uuid.uuid4()
        a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        start = datetime(2017, 3, 1, tzinfo=UTC)
        group = await seed_lesson(teacher_id=teacher, student_ids=[a, b, c], starts_at=start + timedelta(days=1))
        single = await seed_lesson(teacher_id=teacher, student_ids=[a], starts_at=start + timedelta(days=2))
        await seed_lesson(teacher_id=teacher, student_ids=[b], starts_at=start + timedelta(days=3))  # not completed
        outside = await seed_lesson(teacher_id=teacher, student_ids=[c], starts_at=start + timedelta(days=40))
        await finish(app, group, None, {a: "present", b: "absent", c: "excused"})
        await finish(app, single, None, {a: "late"})
        await finish(app, outside, None, {c: "present"})

        response = await client.get(
            "/reports/attendance",
            params={"from": start.isoformat(), "to": (start + timedelta(days=30)).isoformat()},
            headers=admin,
        )

        assert response.status_code == 200, response.text
        assert response.json() == {"lessons": 2, "charged_seats": 3, "attended_seats": 2}

    async def test_only_admins_read_it(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        response = await client.get(
            "/reports/attendance",
            params={"from": "2017-03-01T00:00:00Z", "to": "2017-03-31T00:00:00Z"},
            headers=jwt_signer.headers("teacher", sub=uuid.uuid4()),
        )

        assert response.status_code == 403
