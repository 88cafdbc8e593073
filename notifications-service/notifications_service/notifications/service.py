"""Turning a fact into messages (who, which channels, which language, when) and delivering them."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..channels.base import DeliveryError, OutgoingMessage
from ..channels.email import EmailChannel
from ..channels.push import PushChannel, PushTarget
from ..channels.sms import SmsChannel
from ..channels.telegram import request_telegram_message
from ..config import Settings
from ..preferences.service import Defaults, effective_preferences, quiet_hours_end
from ..push import repository as push_repository
from ..recipients import repository as recipient_repository
from ..recipients.models import Recipient
from ..rendering import Rendered, renderer
from . import repository as notification_repository
from .errors import NotificationNotDead, NotificationNotFound
from .models import Notification
from .repository import NotificationFilter

logger = logging.getLogger("notifications_service.delivery")

# Context builder: (language, timezone) -> template variables, so dates and money read naturally
# for each recipient.
ContextBuilder = Callable[[str, str], dict[str, Any]]


@dataclass(frozen=True)
class NotifyConfig:
    defaults: Defaults
    app_url: str
    enabled_channels: frozenset[str]
    # Fallback addresses for messages to admins (NOTIFICATIONS_ADMIN_EMAILS).
    admin_emails: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> NotifyConfig:
        enabled = {"telegram", "sms"}
        if settings.email_file_dir or settings.smtp_host:
            enabled.add("email")
        if settings.push_enabled:
            enabled.add("push")
        return cls(
            defaults=Defaults(
                language=settings.notifications_default_language, timezone=settings.notifications_default_timezone
            ),
            app_url=settings.notifications_app_url.rstrip("/"),
            enabled_channels=frozenset(enabled),
            admin_emails=tuple(settings.admin_emails),
        )


@dataclass(frozen=True)
class Target:
    """One person (or a bare e-mail address) to tell."""

    user_id: uuid.UUID | None = None
    email: str | None = None
    language_hint: str | None = None
    first_name: str | None = None
    context: ContextBuilder | None = None


@dataclass(frozen=True)
class MessageSpec:
    event_id: uuid.UUID
    event_type: str
    dedup_key: str
    category: str
    template: str
    context: ContextBuilder
    payload: dict[str, Any] = field(default_factory=dict)
    # Account messages carry credentials and go to the e-mail address the event names, never elsewhere.
    forced_channels: tuple[str, ...] | None = None


def _address(channel: str, target: Target, recipient: Recipient | None, has_push: bool) -> str | None:
    if channel == "email":
        return target.email or (recipient.email if recipient else None)
    if recipient is None:
        return None
    if channel == "sms":
        return recipient.phone
    if channel == "telegram":
        return str(recipient.telegram_chat_id) if recipient.telegram_chat_id else None
    if channel == "push":
        return str(recipient.user_id) if has_push else None
    return None


async def create_notifications(
    session: AsyncSession,
    spec: MessageSpec,
    targets: Sequence[Target],
    config: NotifyConfig,
    *,
    now: datetime | None = None,
) -> int:
    """Write one delivery-log row per target and chosen channel; returns how many are new."""
    now = now or utcnow()
    user_ids = [target.user_id for target in targets if target.user_id is not None]
    recipients, preferences = await recipient_repository.list_people(session, user_ids)
    subscriptions = (
        await push_repository.list_subscriptions_for_users(session, user_ids)
        if "push" in config.enabled_channels
        else {}
    )
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for target in targets:
        recipient = recipients.get(target.user_id) if target.user_id else None
        if recipient is not None and not recipient.active:
            continue
        preference = preferences.get(target.user_id) if target.user_id else None
        effective = effective_preferences(preference, recipient, config.defaults, target.language_hint)
        channels = spec.forced_channels or tuple(effective.channels[spec.category])
        key = str(target.user_id) if target.user_id else f"email:{(target.email or '').lower()}"
        rendered: Rendered | None = None
        deferred_until = None
        if spec.category != "account":
            deferred_until = quiet_hours_end(now, effective.timezone, effective.quiet_hours)
        for channel in channels:
            if channel not in config.enabled_channels or (key, channel) in seen:
                continue
            has_push = bool(target.user_id and subscriptions.get(target.user_id))
            address = _address(channel, target, recipient, has_push)
            if not address:
                continue
            seen.add((key, channel))
            if rendered is None:
                rendered = _render(spec, target, recipient, effective.language, effective.timezone, config)
            rows.append(
                {
                    "event_id": spec.event_id,
                    "event_type": spec.event_type,
                    "dedup_key": spec.dedup_key,
                    "category": spec.category,
                    "channel": channel,
                    "recipient": key,
                    "user_id": target.user_id,
                    "address": address,
                    "language": effective.language,
                    "subject": rendered.subject,
                    "body_text": rendered.text,
                    "body_html": rendered.html if channel == "email" else None,
                    "short_text": rendered.short,
                    "payload": spec.payload,
                    "status": "deferred" if deferred_until else "pending",
                    "next_attempt_at": deferred_until or now,
                }
            )
    return await notification_repository.insert_notifications(session, rows)


def _render(
    spec: MessageSpec, target: Target, recipient: Recipient | None, language: str, timezone: str, config: NotifyConfig
) -> Rendered:
    context: dict[str, Any] = {
        "app_url": config.app_url,
        "first_name": (recipient.first_name if recipient else None) or target.first_name or "",
    }
    context.update(spec.context(language, timezone))
    if target.context is not None:
        context.update(target.context(language, timezone))
    return renderer.render(spec.template, language, context)


# --- delivery -----------------------------------------------------------------------------------


@dataclass
class Channels:
    email: EmailChannel
    sms: SmsChannel
    push: PushChannel


def retry_delay(attempt: int, base: float, cap: float) -> timedelta:
    """Exponential backoff: base, 4 x base, 16 x base ... capped."""
    return timedelta(seconds=min(base * 4 ** (attempt - 1), cap))


def _message(row: Row[Any]) -> OutgoingMessage:
    return OutgoingMessage(
        notification_id=row.id,
        address=row.address,
        subject=row.subject,
        text=row.body_text,
        short=row.short_text,
        html=row.body_html,
        payload=dict(row.payload or {}),
    )


async def deliver_due_notifications(session: AsyncSession, channels: Channels, settings: Settings) -> int:
    """Claim due rows (FOR UPDATE SKIP LOCKED), send them, and record each outcome: the sent
    ones in one statement, each failure on its own."""
    now = utcnow()
    rows = await notification_repository.claim_due_notifications(session, now, settings.notifications_batch_size)
    if not rows:
        return 0
    push_user_ids = [row.user_id for row in rows if row.channel == "push" and row.user_id]
    subscriptions = await push_repository.list_subscriptions_for_users(session, push_user_ids)
    gone: list[str] = []
    delivered_push: list[str] = []

    async def send_external(row: Row[Any]) -> DeliveryError | None:
        try:
            if row.channel == "email":
                await channels.email.send(_message(row))
            elif row.channel == "sms":
                await channels.sms.send(_message(row))
            elif row.channel == "push":
                targets = (
                    [PushTarget(s.endpoint, s.p256dh, s.auth) for s in subscriptions.get(row.user_id, [])]
                    if row.user_id
                    else []
                )
                result = await channels.push.send(_message(row), targets)
                gone.extend(result.gone)
                delivered_push.extend(result.delivered)
                if result.error is not None:
                    raise result.error
        except DeliveryError as exc:
            return exc
        except Exception as exc:
            logger.exception("unexpected error sending notification %s", row.id)
            return DeliveryError(f"{type(exc).__name__}: {exc}")
        return None

    outcomes: dict[uuid.UUID, DeliveryError | None] = {}
    external = [row for row in rows if row.channel != "telegram"]
    if len(external) == 1:
        # The common case (one message came due): no gather, no semaphore.
        outcomes[external[0].id] = await send_external(external[0])
    elif external:
        limit = asyncio.Semaphore(10)

        async def limited(row: Row[Any]) -> DeliveryError | None:
            async with limit:
                return await send_external(row)

        results = await asyncio.gather(*(limited(row) for row in external))
        outcomes.update(zip([row.id for row in external], results, strict=True))
    for row in rows:
        if row.channel == "telegram":
            await request_telegram_message(session, _message(row))
            outcomes[row.id] = None
    await push_repository.delete_subscriptions_by_endpoint(session, gone)
    await push_repository.mark_delivered(session, delivered_push)
    finished = utcnow()
    await notification_repository.mark_sent(session, [row.id for row in rows if outcomes[row.id] is None], finished)
    for row in rows:
        error = outcomes[row.id]
        if error is not None:
            await _record_failure(session, row, error, finished, settings)
    return len(rows)


async def _record_failure(
    session: AsyncSession, row: Row[Any], error: DeliveryError, now: datetime, settings: Settings
) -> None:
    attempts = row.attempts + 1
    next_attempt_at: datetime | None
    if error.permanent or attempts >= settings.notifications_max_attempts:
        status, next_attempt_at = "dead", None
        logger.error("notification %s (%s) is dead after %d attempts: %s", row.id, row.channel, attempts, error)
    else:
        status = "failed"
        next_attempt_at = now + retry_delay(
            attempts, settings.notifications_retry_base_seconds, settings.notifications_retry_max_seconds
        )
        logger.warning("notification %s (%s) failed, attempt %d: %s", row.id, row.channel, attempts, error)
    await notification_repository.record_failure(
        session,
        row.id,
        attempts=attempts,
        status=status,
        last_error=str(error)[:1000],
        next_attempt_at=next_attempt_at,
        at=now,
    )


# --- the admin's view -----------------------------------------------------------------------------


async def list_notifications(
    session: AsyncSession, filters: NotificationFilter, page: int, size: int
) -> tuple[list[Notification], int]:
    """One page of the delivery log, newest first."""
    return await notification_repository.list_notifications(session, filters, (page - 1) * size, size)


async def get_notification(session: AsyncSession, notification_id: uuid.UUID) -> Notification:
    """One delivery-log entry."""
    row = await notification_repository.get_notification(session, notification_id)
    if row is None:
        raise NotificationNotFound()
    return row


async def retry_notification(session: AsyncSession, notification_id: uuid.UUID) -> Notification:
    """Give a dead message a fresh set of attempts (after the admin fixed the cause)."""
    row = await get_notification(session, notification_id)
    if row.status != "dead":
        raise NotificationNotDead()
    row.status = "pending"
    row.attempts = 0
    row.next_attempt_at = utcnow()
    await session.flush()
    return row
