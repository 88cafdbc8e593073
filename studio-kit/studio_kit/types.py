"""Field types several services validate the same way."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from fastapi import Query
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

T = TypeVar("T")

# The largest page number and page size any list accepts. A page number is an OFFSET once
# multiplied by the size: unbounded, it overflows PostgreSQL's bigint (a 500, not an answer).
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
# The only control characters text may carry, and only where it is multi-line.
MULTILINE_CONTROLS = frozenset("\n\t")


def forbidden_character(value: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The first character no text field may hold, or None: control characters (C0, DEL, C1;
    NUL is what PostgreSQL refuses outright), lone surrogates (not encodable as UTF-8) and
    noncharacters. `allowed` lists the controls a multi-line field keeps."""
    for char in value:
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or (category == "Cn" and _is_noncharacter(char)):
            return char
    return None


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def check_single_line(value: str) -> str:
    char = forbidden_character(value)
    if char is not None:
        raise ValueError(f"must not contain control characters (found U+{ord(char):04X})")
    return value


def check_multi_line(value: str) -> str:
    value = value.replace("\r\n", "\n")
    char = forbidden_character(value, MULTILINE_CONTROLS)
    if char is not None:
        raise ValueError(
            f"must not contain control characters other than line breaks and tabs (found U+{ord(char):04X})"
        )
    return value


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
# Text a person types: a name, a title, a subject (no line breaks) or a message, a comment
# (line breaks and tabs). The kit's request guard refuses NUL and the like in every JSON body
# already; these also keep line breaks out of one-line fields.
SingleLineText = Annotated[str, AfterValidator(check_single_line)]
MultiLineText = Annotated[str, AfterValidator(check_multi_line)]
# Query parameters of every paged list.
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="items per page")]


class Page(BaseModel, Generic[T]):
    """One page of a list: the items and how many there are in all."""

    items: list[T]
    total: int
    page: int
    size: int


class PageFilter(BaseModel):
    """The paging half of a list's query model (`filters: Annotated[XFilter, Query()]`)."""

    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    size: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)
