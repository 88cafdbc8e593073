"""SQL for leads."""

import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import OPEN_STATUSES, Lead
from .schemas import LeadFilter


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead | None:
    return await session.get(Lead, lead_id)


async def get_lead_by_request(session: AsyncSession, request_id: str) -> Lead | None:
    return await session.scalar(select(Lead).where(Lead.request_id == request_id))


async def get_open_lead_by_phone(session: AsyncSession, phone: str) -> Lead | None:
    return await session.scalar(
        select(Lead).where(Lead.phone == phone, Lead.status.in_(OPEN_STATUSES)).with_for_update()
    )


async def add_lead(session: AsyncSession, lead: Lead) -> Lead:
    session.add(lead)
    await session.flush()
    return lead


async def list_leads(session: AsyncSession, filters: LeadFilter) -> tuple[list[Lead], int]:
    query = select(Lead)
    if filters.status:
        query = query.where(Lead.status == filters.status)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(Lead.created_at.desc(), Lead.id).offset((filters.page - 1) * filters.size).limit(filters.size)
    )
    return list(rows.all()), int(total or 0)


async def get_lead_for_update(session: AsyncSession, lead_id: uuid.UUID) -> Lead | None:
    return await session.scalar(select(Lead).where(Lead.id == lead_id).with_for_update())


async def leads_of_student(session: AsyncSession, student_id: uuid.UUID, statuses: tuple[str, ...]) -> list[Lead]:
    rows = await session.scalars(
        select(Lead).where(Lead.student_id == student_id, Lead.status.in_(statuses)).with_for_update()
    )
    return list(rows.all())


async def mark_paid(session: AsyncSession, student_id: uuid.UUID, at: datetime) -> None:
    await session.execute(
        update(Lead)
        .where(Lead.student_id == student_id, Lead.paid_at.is_(None), Lead.status != "lost")
        .values(paid_at=at, status="won")
    )


async def funnel(session: AsyncSession, unit: str, since: datetime, zone: str) -> list[tuple[datetime, int, int, int]]:
    """Per week or month (local to `zone`) of the request: requests, trials booked, paying students."""
    bucket = func.date_trunc(unit, func.timezone(zone, Lead.created_at)).label("bucket")
    rows = await session.execute(
        select(
            bucket,
            func.count(),
            func.count(Lead.trial_lesson_id),
            func.count(Lead.paid_at),
        )
        .where(Lead.created_at >= since)
        .group_by(bucket)
        .order_by(bucket)
    )
    return [(row[0], int(row[1]), int(row[2]), int(row[3])) for row in rows.all()]
