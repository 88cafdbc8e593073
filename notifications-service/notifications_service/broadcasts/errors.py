"""Broadcast errors."""

from studio_kit.errors import NotFound


class BroadcastNotFound(NotFound):
    code = "broadcast_not_found"
    title = "Broadcast not found"
