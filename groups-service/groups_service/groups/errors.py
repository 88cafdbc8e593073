"""Errors of the groups domain."""

from studio_kit.errors import Conflict, NotFound, UnprocessableEntity


class GroupNotFound(NotFound):
    code = "group_not_found"
    title = "Group not found"


class CapacityBelowMembers(Conflict):
    code = "capacity_below_members"
    title = "Capacity is below the current number of members"


class InvalidDates(UnprocessableEntity):
    code = "invalid_dates"
    title = "The group ends before it starts"


class InvalidStatusChange(Conflict):
    code = "invalid_status_change"
    title = "This status change is not allowed"
