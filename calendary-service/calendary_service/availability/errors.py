"""Errors of availability, exceptions and time off."""

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
