"""Preference shapes: language, timezone, quiet hours and channels per category."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..recipients.schemas import check_timezone

Channel = Literal["email", "telegram", "sms", "push"]
Category = Literal["account", "lessons", "reminders", "billing", "news"]
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class QuietHours(BaseModel):
    """A daily window in the person's timezone; it may cross midnight (22:00 to 08:00)."""

    start: str = Field(pattern=HHMM, examples=["22:00"])
    end: str = Field(pattern=HHMM, examples=["08:00"])

    @model_validator(mode="after")
    def _not_empty(self) -> "QuietHours":
        if self.start == self.end:
            raise ValueError("quiet hours must not start and end at the same time")
        return self


class PreferencesRead(BaseModel):
    language: Literal["ru", "en"]
    timezone: str
    quiet_hours: QuietHours | None
    channels: dict[Category, list[Channel]]
    # Whether the person saved these themself (the web app then follows their language and zone).
    saved: bool = False


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Literal["ru", "en"]
    timezone: str = Field(max_length=64)
    quiet_hours: QuietHours | None = None
    # A category left out keeps the default channels; an empty list turns the category off.
    channels: dict[Category, list[Channel]] = Field(default_factory=dict)

    _timezone = field_validator("timezone")(check_timezone)

    @field_validator("channels")
    @classmethod
    def _account_mail_stays(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        # Invitations and password resets carry credentials: they always go to the verified e-mail.
        if "account" in value and "email" not in value["account"]:
            raise ValueError("the account category always includes email")
        return {category: list(dict.fromkeys(channels)) for category, channels in value.items()}
