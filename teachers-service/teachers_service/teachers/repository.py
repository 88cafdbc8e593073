"""SQL for teacher profiles and ratings."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Teacher, TeacherFeedback
from .schemas import TeacherFilter


async def get_teacher(session: AsyncSession, teacher_id: uuid.UUID) -> Teacher | None:
    return await session.get(Teacher, teacher_id)


async def get_teacher_by_email(session: AsyncSession, email: str) -> Teacher | None:
    return await session.scalar(select(Teacher).where(func.lower(Teacher.email) == email.lower()))


async def list_active_teachers(session: AsyncSession) -> list[Teacher]:
    query = select(Teacher).where(Teacher.status == "active").order_by(Teacher.last_name, Teacher.first_name)
    return list((await session.scalars(query)).all())


async def list_teachers(session: AsyncSession, filters: TeacherFilter) -> tuple[list[Teacher], int]:
    query = select(Teacher)
    if filters.status:
        query = query.where(Teacher.status == filters.status)
    if filters.search:
        escaped = filters.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(Teacher.first_name.ilike(pattern), Teacher.last_name.ilike(pattern), Teacher.email.ilike(pattern))
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(Teacher.last_name, Teacher.first_name, Teacher.id)
        .offset((filters.page - 1) * filters.size)
        .limit(filters.size)
    )
    return list(rows.all()), int(total or 0)


async def list_teachers_by_ids(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Teacher]:
    return list((await session.scalars(select(Teacher).where(Teacher.id.in_(ids)))).all())


async def add_teacher(session: AsyncSession, teacher: Teacher) -> Teacher:
    session.add(teacher)
    await session.flush()
    return teacher


async def ratings_of(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[float, int]]:
    query = (
        select(TeacherFeedback.teacher_id, func.avg(TeacherFeedback.rating), func.count())
        .where(TeacherFeedback.teacher_id.in_(ids))
        .group_by(TeacherFeedback.teacher_id)
    )
    return {teacher_id: (float(avg), int(count)) for teacher_id, avg, count in (await session.execute(query)).all()}


async def add_feedback(
    session: AsyncSession, *, lesson_id: uuid.UUID, student_id: uuid.UUID, teacher_id: uuid.UUID, rating: int
) -> None:
    await session.execute(
        pg_insert(TeacherFeedback)
        .values(lesson_id=lesson_id, student_id=student_id, teacher_id=teacher_id, rating=rating)
        .on_conflict_do_nothing()
    )
