"""Rules for rooms."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as room_repository
from .errors import RoomNameTaken
from .models import Room
from .schemas import RoomCreate


async def list_rooms(session: AsyncSession) -> Sequence[Room]:
    """Every room, by name."""
    return await room_repository.list_rooms(session)


async def create_room(session: AsyncSession, data: RoomCreate) -> Room:
    """Create a room with a unique (case-insensitive) name."""
    name = data.name.strip()
    if await room_repository.get_room_by_name(session, name) is not None:
        raise RoomNameTaken(f"A room named {name!r} exists.")
    room = await room_repository.add_room(session, Room(name=name, capacity=data.capacity))
    if room is None:
        raise RoomNameTaken(f"A room named {name!r} exists.")
    return room
