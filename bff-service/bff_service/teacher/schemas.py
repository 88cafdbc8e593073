import re

from pydantic import AwareDatetime, BaseModel, Field, field_validator

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class AvailabilityRule(BaseModel):
    weekday: int = Field(ge=0, le=6)
    start_time: str
    end_time: str

    @field_validator("start_time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        if not TIME.match(value):
            raise ValueError("time must be HH:MM")
        return value


class AvailabilityUpdate(BaseModel):
    timezone: str = Field(min_length=1, max_length=64)
    rules: list[AvailabilityRule] = Field(max_length=100)


class TimeOffCreate(BaseModel):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: str | None = Field(default=None, max_length=500)


class AttendanceMark(BaseModel):
    student_id: str
    status: str = Field(pattern="^(present|absent|late|excused)$")


class AttendanceUpdate(BaseModel):
    topic: str | None = Field(default=None, max_length=500)
    homework: str | None = Field(default=None, max_length=4000)
    notes: str | None = Field(default=None, max_length=4000)
    attendance: list[AttendanceMark] = Field(default_factory=list, max_length=100)
