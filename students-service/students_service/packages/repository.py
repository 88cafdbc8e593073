"""SQL for packages and the lessons taken from them."""

import uuid
from datetime import date

from sqlalchemy import and_, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Package, PackageUsage


async def get_package(session: AsyncSession, package_id: uuid.UUID) -> Package | None:
    return await session.get(Package, package_id)


async def get_package_by_key(session: AsyncSession, key: str) -> Package | None:
    return await session.scalar(select(Package).where(Package.idempotency_key == key))


async def list_packages(session: AsyncSession, student_id: uuid.UUID) -> list[Package]:
    query = select(Package).where(Package.student_id == student_id).order_by(Package.created_at, Package.id)
    return list((await session.scalars(query)).all())


async def find_usable_package(
    session: AsyncSession, student_id: uuid.UUID, lesson_kind: str, on_date: date
) -> Package | None:
    """The oldest package valid on the lesson's date with a lesson left, not frozen then."""
    kinds = ["any", lesson_kind] if lesson_kind in ("individual", "group") else []
    if not kinds:
        return None
    frozen_then = and_(Package.frozen_from.is_not(None), Package.frozen_from <= on_date, Package.frozen_until > on_date)
    query = (
        select(Package)
        .where(
            Package.student_id == student_id,
            Package.kind.in_(kinds),
            Package.valid_from <= on_date,
            Package.valid_until >= on_date,
            Package.lessons_used < Package.lessons_total,
            or_(Package.frozen_from.is_(None), not_(frozen_then)),
        )
        .order_by(Package.created_at, Package.id)
        .limit(1)
    )
    return await session.scalar(query)


async def get_usage(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> PackageUsage | None:
    return await session.scalar(
        select(PackageUsage).where(PackageUsage.student_id == student_id, PackageUsage.lesson_id == lesson_id)
    )


async def add_usage(session: AsyncSession, usage: PackageUsage) -> None:
    session.add(usage)
    await session.flush()


async def add_package(session: AsyncSession, package: Package) -> Package:
    session.add(package)
    await session.flush()
    return package
