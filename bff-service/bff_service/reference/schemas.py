"""Shapes of the reference data."""

from pydantic import BaseModel

from ..schemas import Level, Room


class ReferenceRead(BaseModel):
    levels: list[Level]
    rooms: list[Room]
