"""Shapes of the caller's own account."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..login.schemas import UserRead
from ..schemas import StudentProfile, TeacherCard

Channel = Literal["email", "telegram", "sms", "push"]
Category = Literal["account", "lessons", "reminders", "billing", "news"]
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class MeRead(UserRead):
    profile: StudentProfile | TeacherCard | None = Field(
        default=None, description="The student profile or the teacher card; null for admins or when degraded"
    )
    degraded: list[str] = Field(default_factory=list)


class QuietHours(BaseModel):
    start: str = Field(pattern=HHMM, examples=["22:00"])
    end: str = Field(pattern=HHMM, examples=["08:00"])


class PreferencesRead(BaseModel):
    language: Literal["ru", "en"]
    timezone: str
    quiet_hours: QuietHours | None = None
    channels: dict[Category, list[Channel]]
    saved: bool = Field(default=False, description="the person saved these themself: the app follows them")


class PreferencesUpdate(BaseModel):
    language: Literal["ru", "en"]
    timezone: str = Field(max_length=64)
    quiet_hours: QuietHours | None = None
    channels: dict[Category, list[Channel]] = Field(
        default_factory=dict, description="Categories left out keep the defaults; [] turns one off"
    )


class TelegramLinkRead(BaseModel):
    token: str
    deep_link: str | None = Field(description="https://t.me/<bot>?start=<token>, when the bot is configured")
    expires_at: datetime
