"""Errors of availability, exceptions and time off."""
# The editable studio-kit install is invisible to mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import NotFound, UnprocessableEntity


class OverlappingRules(UnprocessableEntity):
    code = "overlapping_rules"
    title = "Availability rules overlap"


class ExceptionNotFound(NotFound):
    code = "exception_not_found"
    title = "Exception not found"


class TimeOffNotFound(NotFound):
    code = "time_off_not_found"
    title = "Time off not found"
