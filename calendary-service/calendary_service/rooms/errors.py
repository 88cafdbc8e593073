"""Errors of rooms."""

from studio_kit.errors import Conflict


class RoomNameTaken(Conflict):
    code = "room_exists"
    title = "A room with this name exists"
