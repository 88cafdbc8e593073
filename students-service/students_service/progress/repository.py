"""SQL for assessments."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Assessment


async def add_assessment(session: AsyncSession, assessment: Assessment) -> Assessment:
    session.add(assessment)
    await session.flush()
    return assessment


async def list_assessments(session: AsyncSession, student_id: uuid.UUID) -> list[Assessment]:
    query = (
        select(Assessment)
        .where(Assessment.student_id == student_id)
        .order_by(Assessment.assessed_at.desc(), Assessment.created_at.desc())
    )
    return list((await session.scalars(query)).all())
