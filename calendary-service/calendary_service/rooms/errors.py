"""Errors of rooms."""
# The editable studio-kit install is invisible to mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import Conflict


class RoomNameTaken(Conflict):
    code = "room_exists"
    title = "A room with this name exists"
