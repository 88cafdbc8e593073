"""Rules of the trial request: what a valid answer is, which times are offered, and how the
finished request leaves the bot."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import phonenumbers
from redis.asyncio import Redis

from studio_kit.errors import ServiceUnavailable
from studio_kit.messaging import Broker

from ..clients import Clients, DownstreamError
from ..config import Settings
from ..events.published import PreferredSlot, TrialRequested
from ..texts import weekday_name
from .errors import InvalidName, InvalidPhone, RequestNotSent

logger = logging.getLogger("tg_bot_service.trial")

_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ .'\u2019-]+[^\W\d_]+)*\.?$")


def validate_name(text: str) -> str:
    """A person's name: letters with spaces, hyphens or apostrophes between them."""
    name = " ".join(text.split())
    if not 2 <= len(name) <= 60 or not _NAME_CHARS.fullmatch(name):
        raise InvalidName()
    return name


def normalize_phone(text: str, *, from_contact: bool = False, region: str = "RU") -> str:
    """The number in E.164; Russian numbers may be typed without the country code."""
    raw = text.strip()
    # Telegram sends a shared contact's number without the plus sign.
    if from_contact and not raw.startswith("+"):
        raw = "+" + raw
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone() from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def time_of_day(starts_at: datetime, zone: ZoneInfo) -> str:
    hour = starts_at.astimezone(zone).hour
    if hour < 12:
        return "morning"
    return "afternoon" if hour < 17 else "evening"


def format_slot(starts_at: datetime, zone: ZoneInfo, lang: str) -> str:
    local = starts_at.astimezone(zone)
    weekday = weekday_name(lang, local.weekday())
    return f"{weekday} {local:%d.%m %H:%M}"


async def offer_slots(clients: Clients, settings: Settings, *, now: datetime | None = None) -> list[dict[str, str]]:
    """The earliest free hour-long slots of the trial teachers; empty when none can be had, so the
    dialogue falls back to a time-of-day preference instead of failing."""
    if clients.calendary is None or not settings.trial_teacher_ids:
        return []
    start = now or datetime.now(UTC)
    end = start + timedelta(days=settings.trial_slot_days)
    found: dict[datetime, uuid.UUID] = {}
    for teacher_id in settings.trial_teacher_ids:
        try:
            slots = await clients.calendary.free_slots(teacher_id, start, end, duration_minutes=60)
        except (ServiceUnavailable, DownstreamError) as exc:
            logger.warning("no trial slots from calendary for %s: %s", teacher_id, exc)
            continue
        for slot in slots:
            found.setdefault(slot.starts_at, teacher_id)
    earliest = sorted(found.items())[: settings.trial_slot_options]
    return [{"teacher_id": str(teacher), "starts_at": starts.isoformat()} for starts, teacher in earliest]


async def hold_slot(clients: Clients, slot: dict[str, Any], request_id: str) -> dict[str, Any] | None:
    """Hold the picked slot in lessons-service so nobody else books it while the admin calls back:
    the slot with `hold_id` and `held_until`; None when it was just taken. When holds cannot be had
    (lessons-service down or not configured) the request still goes, as a preference."""
    if clients.lessons is None:
        return slot
    try:
        hold = await clients.lessons.hold_trial(
            uuid.UUID(slot["teacher_id"]), datetime.fromisoformat(slot["starts_at"]), uuid.UUID(request_id)
        )
    except DownstreamError as exc:
        if exc.code == "slot_taken":
            return None
        logger.warning("trial slot %s not held: %s", slot, exc)
        return slot
    except ServiceUnavailable as exc:
        logger.warning("trial slot %s not held: %s", slot, exc)
        return slot
    held_until = hold.expires_at.isoformat() if hold.expires_at else None
    return {**slot, "hold_id": str(hold.hold_id), "held_until": held_until}


def build_request(
    data: dict[str, Any], *, language: str, telegram_user_id: int, telegram_chat_id: int
) -> TrialRequested:
    """The `trial.requested` payload from the answers kept in the dialogue."""
    slot = data.get("slot")
    return TrialRequested(
        request_id=data["request_id"],
        name=data["name"],
        phone=data["phone"],
        is_child=data["is_child"],
        level=data["level"],
        goal=data["goal"],
        preferred_slot=PreferredSlot.model_validate(slot) if slot else None,
        time_of_day=data["time_of_day"],
        language="en" if language == "en" else "ru",
        telegram_user_id=telegram_user_id,
        telegram_chat_id=telegram_chat_id,
    )


TRIAL_COUNTER = "tg-bot:trial-sent:"
TRIAL_CLAIM = "tg-bot:trial-claim:"
DAY_SECONDS = 86400
CLAIM_SECONDS = 3600

Claim = Literal["granted", "duplicate", "too_many"]


async def claim_request(redis: Redis, telegram_user_id: int, request_id: str, per_day: int) -> Claim:
    """Reserve one of this Telegram user's trial requests for today before sending it.

    Atomic, so it holds under concurrent updates (a double tap, Telegram redelivering a webhook,
    several taps in flight): the same request is claimed once (`duplicate` for the others), and
    the daily counter is incremented before the check, so N concurrent sends never get more than
    `per_day` through. `release_request` gives the reservation back when the send failed."""
    if not await redis.set(f"{TRIAL_CLAIM}{request_id}", "1", nx=True, ex=CLAIM_SECONDS):
        return "duplicate"
    key = f"{TRIAL_COUNTER}{telegram_user_id}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, DAY_SECONDS, nx=True)
        sent, _ = await pipe.execute()
    if int(sent) > per_day:
        await release_request(redis, telegram_user_id, request_id)
        return "too_many"
    return "granted"


async def release_request(redis: Redis, telegram_user_id: int, request_id: str) -> None:
    """Undo `claim_request` (the request was not sent), so the user may try again."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.decr(f"{TRIAL_COUNTER}{telegram_user_id}")
        pipe.delete(f"{TRIAL_CLAIM}{request_id}")
        await pipe.execute()


async def submit_request(broker: Broker | None, request: TrialRequested) -> None:
    """Publish the request and wait for the broker's confirm. The event id is the request id, so
    a retry after an unclear failure is a duplicate consumers already recognise."""
    if broker is None:
        raise RequestNotSent("no broker is configured")
    event = request.envelope("tg-bot-service", id=request.request_id)
    try:
        await broker.publish(event)
    except Exception as exc:  # any broker failure means "not sent, try again"
        logger.warning("trial request %s not published: %s", request.request_id, exc)
        raise RequestNotSent() from exc
