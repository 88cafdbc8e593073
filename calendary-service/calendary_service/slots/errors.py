"""Errors of slot and schedule queries."""

from studio_kit.errors import BadRequest, UnprocessableEntity


class RangeTooLarge(BadRequest):
    code = "range_too_large"
    title = "Range too large"


class InvalidRange(UnprocessableEntity):
    code = "invalid_range"
    title = "Invalid range"


class TooManyTeachers(BadRequest):
    code = "too_many_teachers"
    title = "Too many teachers in one request"
