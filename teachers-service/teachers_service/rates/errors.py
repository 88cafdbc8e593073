"""Errors of rates."""

from studio_kit.errors import BadRequest, Conflict


class RateExists(Conflict):
    code = "rate_exists"
    title = "A rate for this kind already starts on that date; add one with another date"


class CurrencyNotSupported(BadRequest):
    code = "currency_not_supported"
    title = "Rates must be in the studio's currency"
