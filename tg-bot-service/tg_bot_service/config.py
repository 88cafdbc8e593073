"""Settings of tg-bot-service, read from the environment (see .env.example)."""

import uuid
from typing import Annotated, Literal

from fastapi import Depends
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import NoDecode

from studio_kit.config import ServiceSettings, settings_dependency


class Settings(ServiceSettings):
    service_name: str = "tg-bot-service"
    calendary_service_url: str | None = None
    lessons_service_url: str | None = None
    bot_token: SecretStr = SecretStr("")
    bot_mode: Literal["webhook", "polling"] = "webhook"
    telegram_webhook_secret: SecretStr = SecretStr("")
    telegram_api_url: str = "https://api.telegram.org"
    public_url: str | None = None
    webapp_url: str | None = None

    # Teachers whose free slots are offered to prospects; empty means "time of day only".
    trial_teacher_ids: Annotated[list[uuid.UUID], NoDecode] = Field(default_factory=list)
    trial_slot_days: int = Field(default=7, ge=1, le=30)
    trial_slot_options: int = Field(default=6, ge=1, le=12)
    # Trial requests one Telegram user may send per day: each one alerts every admin.
    trial_requests_per_day: int = Field(default=2, ge=1)
    studio_timezone: str = "Europe/Moscow"
    studio_name: str = "English Studio"
    studio_phone: str = ""
    studio_email: str = ""
    studio_telegram: str = ""
    price_individual_minor: int = Field(default=0, ge=0)
    price_group_minor: int = Field(default=0, ge=0)

    # Telegram allows about 30 messages a second overall and one a second per chat.
    telegram_global_rate: float = Field(default=25.0, gt=0)
    telegram_chat_rate: float = Field(default=1.0, gt=0)
    telegram_max_retries: int = Field(default=5, ge=0)
    update_dedupe_ttl_seconds: int = Field(default=86_400, ge=60)
    notification_dedupe_ttl_seconds: int = Field(default=7 * 86_400, ge=60)
    fsm_ttl_seconds: int = Field(default=14 * 86_400, ge=3600)

    @field_validator("trial_teacher_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def bot_enabled(self) -> bool:
        return bool(self.bot_token.get_secret_value())

    def secret_fields(self) -> dict[str, SecretStr]:
        secrets: dict[str, SecretStr] = super().secret_fields()
        if self.bot_token.get_secret_value() and self.bot_mode == "webhook":
            secrets["TELEGRAM_WEBHOOK_SECRET"] = self.telegram_webhook_secret
        return secrets


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
