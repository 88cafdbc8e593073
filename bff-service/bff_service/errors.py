"""Errors the BFF raises itself (the domain services' problems are passed through as they are)."""

from studio_kit.errors import BadRequest, Conflict


class RangeTooLarge(BadRequest):
    code = "range_too_large"
    title = "Date range not allowed"


class InvalidRange(BadRequest):
    code = "invalid_range"
    title = "Date range not allowed"


class LeadAlreadyConverted(Conflict):
    code = "lead_already_converted"
    title = "This lead is already a student"
