"""Errors of group lesson series."""
# The editable studio-kit install is invisible to plain mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import AppError, NotFound


class GroupNotFound(NotFound):
    code = "group_not_found"
    title = "Group not found"


class GroupsRejected(AppError):
    status = 502
    code = "groups_rejected"
    title = "groups-service rejected the request"
