"""All SQL of lessons and their rosters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Lesson, LessonStudent


async def lock_key(session: AsyncSession, key: str) -> None:
    """A transaction-scoped advisory lock: the second of two identical requests waits for the first."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


async def add_lesson(session: AsyncSession, lesson: Lesson, seats: Sequence[LessonStudent]) -> Lesson:
    # One flush: the unit of work inserts the lesson before its seats (foreign key order).
    session.add(lesson)
    session.add_all(seats)
    await session.flush()
    return lesson


async def get_lesson(session: AsyncSession, lesson_id: uuid.UUID, *, for_update: bool = False) -> Lesson | None:
    statement = select(Lesson).where(Lesson.id == lesson_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def list_seats(session: AsyncSession, lesson_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[LessonStudent]]:
    rows = await session.scalars(
        select(LessonStudent).where(LessonStudent.lesson_id.in_(lesson_ids)).order_by(LessonStudent.student_id)
    )
    seats: dict[uuid.UUID, list[LessonStudent]] = {lesson_id: [] for lesson_id in lesson_ids}
    for seat in rows:
        seats[seat.lesson_id].append(seat)
    return seats


async def list_lessons(
    session: AsyncSession,
    *,
    starts_from: datetime | None,
    starts_to: datetime | None,
    teacher_id: uuid.UUID | None,
    student_id: uuid.UUID | None,
    group_id: uuid.UUID | None,
    status: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Lesson], int]:
    statement = select(Lesson)
    if starts_from is not None:
        statement = statement.where(Lesson.starts_at >= starts_from)
    if starts_to is not None:
        statement = statement.where(Lesson.starts_at < starts_to)
    if teacher_id is not None:
        statement = statement.where(Lesson.teacher_id == teacher_id)
    if group_id is not None:
        statement = statement.where(Lesson.group_id == group_id)
    if status is not None:
        statement = statement.where(Lesson.status == status)
    if student_id is not None:
        statement = statement.where(
            Lesson.id.in_(select(LessonStudent.lesson_id).where(LessonStudent.student_id == student_id))
        )
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = await session.scalars(statement.order_by(Lesson.starts_at, Lesson.id).offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def count_student_lessons(session: AsyncSession, student_id: uuid.UUID, *, kind: str, exclude_status: str) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Lesson)
        .join(LessonStudent, LessonStudent.lesson_id == Lesson.id)
        .where(LessonStudent.student_id == student_id, Lesson.kind == kind, Lesson.status != exclude_status)
    )
    return int(count or 0)


async def count_active_bookings(session: AsyncSession, student_id: uuid.UUID, now: datetime) -> int:
    """The student's scheduled individual and trial lessons that have not started yet."""
    count = await session.scalar(
        select(func.count())
        .select_from(Lesson)
        .join(LessonStudent, LessonStudent.lesson_id == Lesson.id)
        .where(
            LessonStudent.student_id == student_id,
            Lesson.kind.in_(("individual", "trial")),
            Lesson.status == "scheduled",
            Lesson.starts_at > now,
        )
    )
    return int(count or 0)


async def trial_used(session: AsyncSession, student_id: uuid.UUID) -> bool:
    """A trial counts as used unless it was cancelled in time: a late cancel spends it, as the
    cancellation policy does for any lesson."""
    count = await session.scalar(
        select(func.count())
        .select_from(Lesson)
        .join(LessonStudent, LessonStudent.lesson_id == Lesson.id)
        .where(
            LessonStudent.student_id == student_id,
            Lesson.kind == "trial",
            (Lesson.status != "cancelled") | Lesson.late_cancel.is_(True),
        )
    )
    return bool(count)


async def future_group_lessons(session: AsyncSession, group_id: uuid.UUID, now: datetime) -> list[Lesson]:
    rows = await session.scalars(
        select(Lesson).where(Lesson.group_id == group_id, Lesson.status == "scheduled", Lesson.starts_at > now)
    )
    return list(rows)


async def add_seats_if_missing(
    session: AsyncSession, lessons: Sequence[Lesson], student_id: uuid.UUID
) -> list[uuid.UUID]:
    """Seat the student in each lesson that lacks them; returns the lessons they were added to."""
    if not lessons:
        return []
    result = await session.execute(
        pg_insert(LessonStudent)
        .values(
            [
                {"lesson_id": lesson.id, "student_id": student_id, "price_minor": lesson.price_minor}
                for lesson in lessons
            ]
        )
        .on_conflict_do_nothing()
        .returning(LessonStudent.lesson_id)
    )
    return list(result.scalars().all())


async def remove_unmarked_seats(
    session: AsyncSession, lesson_ids: Sequence[uuid.UUID], student_id: uuid.UUID
) -> list[uuid.UUID]:
    """Take the student's unmarked seats out of the lessons; returns the lessons they left."""
    if not lesson_ids:
        return []
    result = await session.execute(
        delete(LessonStudent)
        .where(
            LessonStudent.lesson_id.in_(lesson_ids),
            LessonStudent.student_id == student_id,
            LessonStudent.attendance.is_(None),
        )
        .returning(LessonStudent.lesson_id)
    )
    return list(result.scalars().all())


async def group_lesson_starts(session: AsyncSession, group_id: uuid.UUID, starts: Sequence[datetime]) -> set[datetime]:
    if not starts:
        return set()
    rows = await session.scalars(
        select(Lesson.starts_at).where(Lesson.group_id == group_id, Lesson.starts_at.in_(starts))
    )
    return set(rows)
