"""Effective preferences: what a person chose, else what events told us, else studio defaults."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from ..recipients import repository as recipient_repository
from ..recipients.models import Recipient
from . import repository as preference_repository
from .models import Preference
from .schemas import PreferencesRead, PreferencesUpdate, QuietHours

CATEGORIES = ("account", "lessons", "reminders", "billing", "news")
# SMS costs money per message, so it is only used where a person asked for it.
DEFAULT_CHANNELS: dict[str, list[str]] = {
    "account": ["email"],
    "lessons": ["email", "telegram", "push"],
    "reminders": ["email", "telegram", "push"],
    "billing": ["email", "telegram", "push"],
    "news": ["email", "telegram", "push"],
}


@dataclass(frozen=True)
class Defaults:
    language: str
    timezone: str


@dataclass(frozen=True)
class Effective:
    language: str
    timezone: str
    quiet_hours: tuple[time, time] | None
    channels: dict[str, list[str]]


def _zone_or(value: str | None, fallback: str) -> str:
    if value:
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return fallback


def effective_preferences(
    preference: Preference | None, recipient: Recipient | None, defaults: Defaults, language_hint: str | None = None
) -> Effective:
    language = (
        (preference.language if preference else None)
        or (recipient.language if recipient else None)
        or (language_hint if language_hint in ("ru", "en") else None)
        or defaults.language
    )
    timezone = _zone_or(
        (preference.timezone if preference else None) or (recipient.timezone if recipient else None),
        defaults.timezone,
    )
    quiet = None
    if preference and preference.quiet_hours_start and preference.quiet_hours_end:
        quiet = (preference.quiet_hours_start, preference.quiet_hours_end)
    chosen = dict(preference.channels) if preference else {}
    channels = {category: list(chosen.get(category, DEFAULT_CHANNELS[category])) for category in CATEGORIES}
    return Effective(language=language, timezone=timezone, quiet_hours=quiet, channels=channels)


def quiet_hours_end(now: datetime, timezone: str, window: tuple[time, time] | None) -> datetime | None:
    """When `now` falls inside the daily quiet window (in the person's timezone), the UTC moment it ends."""
    if window is None:
        return None
    start, end = window
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    current = local.time().replace(tzinfo=None)
    if start < end:
        if not start <= current < end:
            return None
        end_day = local.date()
    else:
        if not (current >= start or current < end):
            return None
        end_day = local.date() + timedelta(days=1) if current >= start else local.date()
    # A wall-clock end that does not exist (a DST gap) resolves forward via the UTC round trip.
    return datetime.combine(end_day, end, tzinfo=zone).astimezone(UTC)


def _as_read(effective: Effective, *, saved: bool) -> PreferencesRead:
    quiet = (
        QuietHours(start=effective.quiet_hours[0].strftime("%H:%M"), end=effective.quiet_hours[1].strftime("%H:%M"))
        if effective.quiet_hours
        else None
    )
    return PreferencesRead.model_validate(
        {
            "language": effective.language,
            "timezone": effective.timezone,
            "quiet_hours": quiet,
            "channels": effective.channels,
            "saved": saved,
        }
    )


async def get_preferences(session: AsyncSession, user_id: uuid.UUID, defaults: Defaults) -> PreferencesRead:
    """The current person's effective preferences."""
    preference = await preference_repository.get_preference(session, user_id)
    recipient = await recipient_repository.get_recipient(session, user_id)
    return _as_read(effective_preferences(preference, recipient, defaults), saved=preference is not None)


async def update_preferences(
    session: AsyncSession, user_id: uuid.UUID, data: PreferencesUpdate, defaults: Defaults
) -> PreferencesRead:
    """Replace the current person's preferences."""
    quiet = data.quiet_hours
    preference = await preference_repository.save_preference(
        session,
        user_id,
        {
            "language": data.language,
            "timezone": data.timezone,
            "quiet_hours_start": time.fromisoformat(quiet.start) if quiet else None,
            "quiet_hours_end": time.fromisoformat(quiet.end) if quiet else None,
            "channels": {category: list(channels) for category, channels in data.channels.items()},
        },
    )
    recipient = await recipient_repository.get_recipient(session, user_id)
    return _as_read(effective_preferences(preference, recipient, defaults), saved=preference is not None)
