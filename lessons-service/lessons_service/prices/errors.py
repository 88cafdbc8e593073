"""Errors of the price list."""

from studio_kit.errors import BadRequest, Conflict


class DurationNotPriced(Conflict):
    code = "duration_not_priced"
    title = "The price list has no price for a lesson of this kind and length"


class ValidFromInPast(BadRequest):
    code = "valid_from_in_past"
    title = "A price list cannot start before today: lessons already booked keep their price"
