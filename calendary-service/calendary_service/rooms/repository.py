"""All SQL of rooms."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Room


async def list_rooms(session: AsyncSession) -> Sequence[Room]:
    return (await session.scalars(select(Room).order_by(func.lower(Room.name)))).all()


async def get_room(session: AsyncSession, room_id: uuid.UUID) -> Room | None:
    return await session.get(Room, room_id)


async def get_room_by_name(session: AsyncSession, name: str) -> Room | None:
    return await session.scalar(select(Room).where(func.lower(Room.name) == name.lower()))


async def add_room(session: AsyncSession, room: Room) -> Room | None:
    """Insert the room; None when the unique name index says a concurrent request took the name."""
    try:
        async with session.begin_nested():
            session.add(room)
    except IntegrityError:
        return None
    return room
