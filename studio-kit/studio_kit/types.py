"""Field types several services validate the same way."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import AfterValidator, BaseModel, StringConstraints

T = TypeVar("T")


# The studio's country: a number typed the national way ("8 916 123-45-67") is read as one of its.
STUDIO_PHONE_REGION = "RU"


def to_e164(value: str, region: str | None = STUDIO_PHONE_REGION) -> str:
    """A phone number in E.164 (`+79161234567`). A number with its country code (`+44 …`) is read
    as written; a national one (`8 916 …`, `916 …`) as a number of `region` (the studio's country).
    With `region` None the country code is required."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number; use the international format, e.g. +79161234567") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{value!r} is not an IANA time zone, e.g. Europe/Moscow") from exc
    return value


# A phone as people type it (+7 916 …, 8 (916) …), stored as E.164 (issue 21: "8 916 …" was refused).
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32), AfterValidator(to_e164)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64), AfterValidator(check_timezone)]


class Page(BaseModel, Generic[T]):
    """One page of a list: the items and how many there are in all."""

    items: list[T]
    total: int
    page: int
    size: int
