"""Settings of lessons-service, read from the environment (see .env.example)."""

from typing import Annotated

from fastapi import Depends
from pydantic import Field

from studio_kit.config import ServiceSettings, settings_dependency
from studio_kit.types import TimeZone


class Settings(ServiceSettings):
    service_name: str = "lessons-service"
    calendary_service_url: str | None = None
    groups_service_url: str | None = None

    lessons_cancel_notice_hours: int = Field(default=24, ge=0, le=24 * 14)
    # A student books at least this long before the start (0: up to the last minute); a time inside
    # it is refused with `booking_notice_too_short` instead of landing silently in the late-cancel window.
    lessons_min_booking_notice_hours: int = Field(default=0, ge=0, le=24 * 14)
    lessons_price_individual_minor: int = Field(default=200_000, ge=0)
    lessons_price_trial_minor: int = Field(default=0, ge=0)
    lessons_currency: str = Field(default="RUB", min_length=3, max_length=3)
    # Price list dates are read in the studio's timezone.
    lessons_studio_timezone: TimeZone = "Europe/Moscow"
    # Booking abuse (issue 18): how many future lessons a student may hold at once (individual and
    # trial), and how many booking attempts one account may make per window before a 429.
    lessons_max_active_bookings: int = Field(default=10, ge=1, le=500)
    lessons_booking_attempts: int = Field(default=20, ge=1, le=10_000)
    lessons_booking_window_seconds: int = Field(default=600, ge=1, le=86_400)
    lessons_hold_seconds: int = Field(default=120, ge=10, le=900)
    # How long a slot a prospect picks in the bot stays held for the admin (calendary caps holds
    # at CALENDARY_MAX_HOLD_SECONDS, which must allow it).
    lessons_trial_hold_hours: int = Field(default=24, ge=1, le=24)
    lessons_max_series_days: int = Field(default=186, ge=1, le=400)
    # An open-ended group gets its lessons this far ahead; a periodic job keeps extending it.
    lessons_group_horizon_days: int = Field(default=56, ge=7, le=186)
    lessons_group_extend_interval_seconds: float = Field(default=3600, gt=0)
    lessons_max_range_days: int = Field(default=186, ge=1, le=800)
    # The booking saga's reconciler (lessons/saga.py): how often it compares calendary's lesson events
    # with the lessons, and how old a change must be before it counts as left half-done.
    lessons_reconcile_interval_seconds: float = Field(default=300, gt=0)
    lessons_reconcile_grace_seconds: float = Field(default=300, ge=0)
    # How long a booking's Idempotency-Key replays its first answer.
    lessons_idempotency_ttl_hours: int = Field(default=48, ge=1)
    # Test-only fault injection: the booking stops dead right after calendary booked the time.
    lessons_test_crash_after_calendar: bool = False


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
