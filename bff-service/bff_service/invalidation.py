"""Drops cached reference data when the services that own it announce a change.

The BFF keeps no database, so it has no inbox: dropping a cache key twice is harmless, which makes
a plain auto-acknowledged subscription enough here."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aio_pika
from fastapi import FastAPI

from .reference import invalidate_teachers

logger = logging.getLogger("bff_service.invalidation")
EVENTS = ("teacher.updated", "user.deactivated")


async def listen_for_changes(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: subscribe to the change events and drop the matching cache entries."""
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
            for event_type in EVENTS:
                await queue.bind(exchange, routing_key=event_type)
            async with queue.iterator() as messages:
                async for message in messages:
                    async with message.process():
                        await invalidate_teachers(app.state.redis)
                    if stop.is_set():
                        break
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - resubscribe after a broker outage
            logger.warning("cache invalidation subscription lost: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=2.0)
