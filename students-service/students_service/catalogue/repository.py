"""SQL for package templates."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PackageTemplate


async def list_templates(session: AsyncSession, *, include_archived: bool) -> list[PackageTemplate]:
    query = select(PackageTemplate).order_by(PackageTemplate.price_minor, PackageTemplate.name, PackageTemplate.id)
    if not include_archived:
        query = query.where(PackageTemplate.archived_at.is_(None))
    return list((await session.scalars(query)).all())


async def get_template(session: AsyncSession, template_id: uuid.UUID) -> PackageTemplate | None:
    return await session.get(PackageTemplate, template_id)


async def add_template(session: AsyncSession, template: PackageTemplate) -> PackageTemplate:
    session.add(template)
    await session.flush()
    return template
