"""Errors of slot and schedule queries."""
# The editable studio-kit install is invisible to mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import BadRequest, UnprocessableEntity


class RangeTooLarge(BadRequest):
    code = "range_too_large"
    title = "Range too large"


class InvalidRange(UnprocessableEntity):
    code = "invalid_range"
    title = "Invalid range"
