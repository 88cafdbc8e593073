"""Request and response shapes of availability, exceptions and time off."""

import datetime as dt
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, PlainSerializer, model_validator


def _whole_minutes(value: time) -> time:
    if value.second or value.microsecond or value.tzinfo is not None:
        raise ValueError("use HH:MM local wall-clock time")
    return value


def _iana_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA timezone {value!r}") from exc
    return value


def _as_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


WallTime = Annotated[
    time, AfterValidator(_whole_minutes), PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)
]
Timezone = Annotated[str, Field(min_length=1, max_length=64, examples=["Europe/London"]), AfterValidator(_iana_zone)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_as_utc)]


class RuleWrite(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start_time: WallTime
    end_time: WallTime

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class AvailabilityUpdate(BaseModel):
    timezone: Timezone
    rules: list[RuleWrite] = Field(max_length=200)
    effective_from: date | None = Field(
        default=None, description="First local date the new rules apply; earlier dates keep the old ones."
    )


class RuleRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    weekday: int
    start_time: WallTime
    end_time: WallTime
    effective_from: date | None
    effective_to: date | None


class ExceptionCreate(BaseModel):
    date: dt.date
    kind: Literal["day_off", "extra"]
    start_time: WallTime | None = None
    end_time: WallTime | None = None

    @model_validator(mode="after")
    def _times(self) -> Self:
        if (self.start_time is None) != (self.end_time is None):
            raise ValueError("give both start_time and end_time, or neither")
        if self.kind == "extra" and self.start_time is None:
            raise ValueError("extra hours need start_time and end_time")
        if self.start_time is not None and self.end_time is not None and self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class ExceptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    date: dt.date = Field(validation_alias="exception_date")
    kind: str
    start_time: WallTime | None
    end_time: WallTime | None


class TimeOffCreate(BaseModel):
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.ends_at - self.starts_at > timedelta(days=366):
            raise ValueError("time off may last at most a year")
        return self


class TimeOffRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    reason: str | None


class AvailabilityRead(BaseModel):
    teacher_id: uuid.UUID
    timezone: str
    rules: list[RuleRead]
    exceptions: list[ExceptionRead]
    time_off: list[TimeOffRead]
