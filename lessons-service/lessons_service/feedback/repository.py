"""All SQL of feedback."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Feedback


async def add_feedback_once(session: AsyncSession, feedback: Feedback) -> Feedback | None:
    """Insert unless the student already rated this lesson; None when they had."""
    inserted = await session.scalar(
        pg_insert(Feedback)
        .values(
            id=feedback.id,
            lesson_id=feedback.lesson_id,
            student_id=feedback.student_id,
            rating=feedback.rating,
            comment=feedback.comment,
            created_at=feedback.created_at,
        )
        .on_conflict_do_nothing(index_elements=["lesson_id", "student_id"])
        .returning(Feedback.id)
    )
    if inserted is None:
        return None
    return await session.scalar(select(Feedback).where(Feedback.id == inserted))
