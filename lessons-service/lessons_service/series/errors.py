"""Errors of group lesson series."""

from studio_kit.errors import AppError, NotFound


class GroupNotFound(NotFound):
    code = "group_not_found"
    title = "Group not found"


class GroupsRejected(AppError):
    status = 502
    code = "groups_rejected"
    title = "groups-service rejected the request"
