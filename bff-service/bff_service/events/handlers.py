"""Drops cached reference data and sessions when the services that own the facts announce a change.

The BFF keeps no database, so it has no inbox: bumping a cache generation or deleting sessions
twice is harmless, which makes a plain acknowledged subscription enough here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aio_pika
import redis.asyncio as aioredis
from fastapi import FastAPI

from studio_kit.messaging import Event

from ..reference import service as reference_service
from ..session.service import delete_user_sessions

logger = logging.getLogger("bff_service.events")


async def handle_teacher_updated(redis: aioredis.Redis, data: dict[str, Any]) -> None:
    await reference_service.invalidate(redis, reference_service.TEACHERS)


async def handle_user_deactivated(redis: aioredis.Redis, data: dict[str, Any]) -> None:
    # auth-service already refuses the refresh token; dropping the sessions ends them here at once.
    if data.get("user_id"):
        await delete_user_sessions(redis, str(data["user_id"]))
    if data.get("role") == "teacher":
        await reference_service.invalidate(redis, reference_service.TEACHERS)


async def handle_sessions_revoked(redis: aioredis.Redis, data: dict[str, Any]) -> None:
    # A password reset or change, a role change or "log out everywhere": the cookie sessions end now,
    # not when their access tokens expire (ADR 0220). The session that changed the password stays.
    if data.get("user_id"):
        kept = data.get("kept_session_id")
        await delete_user_sessions(redis, str(data["user_id"]), keep_auth_session=str(kept) if kept else None)


HANDLERS: dict[str, Callable[[aioredis.Redis, dict[str, Any]], Awaitable[None]]] = {
    "teacher.updated": handle_teacher_updated,
    "user.deactivated": handle_user_deactivated,
    "user.sessions_revoked": handle_sessions_revoked,
}


async def listen_for_changes(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: subscribe to the change events and apply them, resubscribing after outages."""
    settings = app.state.settings
    broker = app.state.broker
    if broker is None:
        return
    while not stop.is_set():
        try:
            channel = await broker.channel(prefetch=50)
            exchange = await channel.declare_exchange(
                settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
            )
            arguments = {"x-expires": settings.events_queue_expires_ms} if settings.events_queue_expires_ms else {}
            queue = await channel.declare_queue(
                f"{settings.events_queue_prefix}bff-service.cache", durable=True, arguments=arguments
            )
            for event_type in HANDLERS:
                await queue.bind(exchange, routing_key=event_type)
            app.state.events_subscribed = True
            async with queue.iterator() as messages:
                async for message in messages:
                    # A Redis failure requeues the message and drops out to the resubscribe pause.
                    async with message.process(requeue=True):
                        try:
                            event = Event.from_bytes(message.body)
                        except ValueError:
                            logger.warning("dropping an unreadable event: %r", message.body[:200])
                            continue
                        handler = HANDLERS.get(event.type)
                        if handler is not None:
                            await handler(app.state.redis, event.data)
                    if stop.is_set():
                        break
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - resubscribe after a broker outage
            app.state.events_subscribed = False
            logger.warning("change-event subscription lost: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=2.0)
