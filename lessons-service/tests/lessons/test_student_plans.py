"""A student's lessons cost their own seats, not the whole lesson table (issue 19, ADR 0276).

Written as a join of seats to lessons, the booking's trial and active-lesson checks and the
student's lesson list made the planner read every lesson (a hash join over a scan of `lesson`, or,
with statistics behind the table's growth, a probe of the student's seats once per lesson). They
now read the student's seats by `ix_lesson_student_student_id` and their lessons by key."""

import uuid
from datetime import UTC, date, datetime

from fastapi import FastAPI
from sqlalchemy import select, text

from lessons_service.lessons.models import Lesson
from lessons_service.lessons.repository import _BOOKING_FACTS, of_student

STUDENT = uuid.UUID(int=5)


async def explain(app: FastAPI, statement: str, parameters: dict[str, object]) -> str:
    async with app.state.database.engine.connect() as connection:
        # 4 000 lessons, a seat each, spread over 64 students (about 60 each), statistics fresh.
        await connection.execute(
            text(
                "INSERT INTO lesson (id, kind, status, teacher_id, starts_at, ends_at, price_minor, currency,"
                " booked_by) SELECT gen_random_uuid(), 'individual', 'scheduled', gen_random_uuid(),"
                " now() + make_interval(hours => g), now() + make_interval(hours => g + 1), 100, 'RUB', 'test'"
                " FROM generate_series(1, 4000) AS g"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO lesson_student (lesson_id, student_id, price_minor)"
                " SELECT id, ('00000000-0000-0000-0000-0000000000'"
                " || lpad((row_number() OVER () % 64)::text, 2, '0'))::uuid, 100 FROM lesson"
            )
        )
        await connection.commit()
        await connection.execute(text("ANALYZE lesson"))
        await connection.execute(text("ANALYZE lesson_student"))
        rows = await connection.execute(text(f"EXPLAIN {statement}"), parameters)
        return "\n".join(row[0] for row in rows)


async def test_the_booking_checks_read_the_students_own_lessons(app: FastAPI) -> None:
    parameters = {
        "principal": "student",
        "key": "key",
        "student_id": STUDENT,
        "now": datetime.now(UTC),
        "kind": "individual",
        "duration": 60,
        "price_date": date.today(),
    }
    plan = await explain(app, _BOOKING_FACTS.text, parameters)
    assert "ix_lesson_student_student_id" in plan, plan
    assert "Seq Scan on lesson " not in plan, plan


async def test_a_students_lesson_list_reads_their_own_lessons(app: FastAPI) -> None:
    statement = select(Lesson.id).where(of_student(STUDENT))
    async with app.state.database.engine.connect() as connection:
        compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    plan = await explain(app, str(compiled), {})
    assert "ix_lesson_student_student_id" in plan, plan
    assert "Seq Scan on lesson " not in plan, plan
