"""SQL for leads."""

import uuid

from sqlalchemy import func, select
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
