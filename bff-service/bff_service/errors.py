"""Errors the BFF raises itself (the domain services' problems are passed through as they are)."""

from studio_kit.errors import BadRequest


class RangeTooLarge(BadRequest):
    code = "range_too_large"
    title = "Date range not allowed"


class InvalidRange(BadRequest):
    code = "invalid_range"
    title = "Date range not allowed"
