"""Settings of calendary-service, read from the environment (see .env.example)."""

from typing import Annotated

from fastapi import Depends
from pydantic import Field, field_validator

from studio_kit.config import ServiceSettings, settings_dependency
from studio_kit.types import check_timezone


class Settings(ServiceSettings):
    service_name: str = "calendary-service"

    calendary_min_notice_minutes: int = Field(default=120, ge=0, le=60 * 24 * 30)
    calendary_booking_horizon_days: int = Field(default=60, ge=1, le=800)
    calendary_slot_step_minutes: int = Field(default=30, ge=5, le=240)
    calendary_max_range_days: int = Field(default=31, ge=1, le=366)
    calendary_default_timezone: str = "UTC"
    calendary_default_hold_seconds: int = Field(default=120, ge=10, le=3600)
    calendary_max_hold_seconds: int = Field(default=86400, ge=10, le=86400)
    calendary_hold_sweep_seconds: float = Field(default=30.0, gt=0)
    calendary_slot_cache_ttl_seconds: int = Field(default=300, ge=1)
    calendary_slots_batch_max_teachers: int = Field(default=100, ge=1, le=1000)
    calendary_idempotency_ttl_hours: int = Field(default=48, ge=1)
    calendary_feed_base_url: str | None = None
    calendary_feed_past_days: int = Field(default=90, ge=0)
    calendary_feed_future_days: int = Field(default=400, ge=1)

    @field_validator("calendary_default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return check_timezone(value)


get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
