"""SQL for user accounts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import User


async def get_user(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
    statement = select(User).where(User.id == user_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def get_users(session: AsyncSession, user_ids: list[uuid.UUID]) -> list[User]:
    return list((await session.execute(select(User).where(User.id.in_(user_ids)))).scalars())


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.execute(select(User).where(func.lower(User.email) == email.lower()))).scalar_one_or_none()


async def get_user_by_telegram_id(session: AsyncSession, telegram_id: int) -> User | None:
    return (await session.execute(select(User).where(User.telegram_id == telegram_id))).scalar_one_or_none()


class DuplicateUser(Exception):
    """A unique constraint refused the row (a concurrent writer got there first)."""

    def __init__(self, constraint: str | None) -> None:
        super().__init__(constraint)
        self.constraint = constraint


def _constraint(exc: IntegrityError) -> str | None:
    cause = getattr(exc.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None)


async def add_user(session: AsyncSession, user: User) -> User:
    try:
        # A savepoint keeps the request's transaction usable when the insert loses a race.
        async with session.begin_nested():
            session.add(user)
            await session.flush()
    except IntegrityError as exc:
        raise DuplicateUser(_constraint(exc)) from exc
    await session.refresh(user)
    return user


async def save_telegram_link(session: AsyncSession, user: User, *, telegram_id: int, chat_id: int) -> None:
    try:
        async with session.begin_nested():
            user.telegram_id = telegram_id
            user.telegram_chat_id = chat_id
            await session.flush()
    except IntegrityError as exc:
        raise DuplicateUser(_constraint(exc)) from exc


async def count_users(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def list_users(
    session: AsyncSession, *, search: str | None, role: str | None, offset: int, limit: int
) -> tuple[Sequence[User], int]:
    conditions = []
    if role:
        conditions.append(User.role == role)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                User.email.ilike(pattern, escape="\\"),
                User.first_name.ilike(pattern, escape="\\"),
                User.last_name.ilike(pattern, escape="\\"),
                User.phone.ilike(pattern, escape="\\"),
            )
        )
    total = int(await session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0)
    rows = (
        (
            await session.execute(
                select(User).where(*conditions).order_by(User.created_at.desc(), User.id).offset(offset).limit(limit)
            )
        )
        .scalars()
        .all()
    )
    return rows, total


async def lock_bootstrap(session: AsyncSession) -> None:
    """Serialise the first-admin check across replicas starting at the same moment."""
    await session.execute(select(func.pg_advisory_xact_lock(0x5A17_AD41)))
