"""Errors of group lesson series."""

from studio_kit.errors import AppError, Conflict, NotFound


class GroupNotFound(NotFound):
    code = "group_not_found"
    title = "Group not found"


class GroupsRejected(AppError):
    status = 502
    code = "groups_rejected"
    title = "groups-service rejected the request"


class GroupNotActive(Conflict):
    code = "group_not_active"
    title = "The group is not active"


class ClosedDayNotFound(NotFound):
    code = "closed_day_not_found"
    title = "No closed day on that date"
