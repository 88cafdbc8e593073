"""Rooms of the studio that a lesson can take place in."""

from sqlalchemy import CheckConstraint, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base


class Room(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "room"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)

    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int]


Index("uq_room_name_lower", func.lower(Room.name), unique=True)
