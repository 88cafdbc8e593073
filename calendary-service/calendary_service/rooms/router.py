"""HTTP routes of rooms."""

from collections.abc import Sequence

from fastapi import APIRouter

from studio_kit.auth import AdminUser, CurrentUser

from ..dependencies import SessionDep
from . import service as room_service
from .models import Room
from .schemas import RoomCreate, RoomRead

router = APIRouter(prefix="/rooms", tags=["rooms"])


@router.get("", response_model=list[RoomRead])
async def list_rooms(session: SessionDep, _: CurrentUser) -> Sequence[Room]:
    """Every room of the studio."""
    return await room_service.list_rooms(session)


@router.post("", status_code=201, response_model=RoomRead)
async def create_room(data: RoomCreate, session: SessionDep, _: AdminUser) -> Room:
    """Create a room (admins only)."""
    return await room_service.create_room(session, data)
