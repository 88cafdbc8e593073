"""A plain aio-pika consumer on the kit's broker: the bot has no database, so no inbox table —
duplicates are caught by the handlers' business keys in Redis instead."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from fastapi import FastAPI
from pydantic import ValidationError

from studio_kit.messaging import Broker, Event

from ..config import Settings
from ..notifications.errors import Undeliverable
from .handlers import HANDLERS, BotEventHandler

logger = logging.getLogger("tg_bot_service.events")


class BotConsumer:
    def __init__(
        self,
        app: FastAPI,
        broker: Broker,
        handlers: dict[str, BotEventHandler],
        *,
        queue_name: str,
        queue_expires_ms: int | None,
        consume: bool,
        prefetch: int = 10,
        retry_delay: float = 5.0,
    ) -> None:
        self.app = app
        self.broker = broker
        self.handlers = handlers
        self.queue_name = queue_name
        self.dead_letter_queue_name = f"{queue_name}.dlq"
        self.consume = consume
        self.prefetch = prefetch
        self.retry_delay = retry_delay
        self._expiry: dict[str, Any] = {"x-expires": queue_expires_ms} if queue_expires_ms else {}
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._tag: str | None = None
        self.ready = asyncio.Event()

    async def start(self) -> None:
        """Declare the queue and its bindings; consume only when the bot can send."""
        channel = await self.broker.channel(prefetch=self.prefetch)
        exchange = await channel.declare_exchange(self.broker.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True)
        await channel.declare_queue(self.dead_letter_queue_name, durable=True, arguments=self._expiry)
        queue = await channel.declare_queue(
            self.queue_name,
            durable=True,
            arguments={
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": self.dead_letter_queue_name,
                **self._expiry,
            },
        )
        for event_type in self.handlers:
            await queue.bind(exchange, routing_key=event_type)
        self._channel, self._queue = channel, queue
        if self.consume:
            self._tag = await queue.consume(self._on_message)
        self.ready.set()

    async def stop(self) -> None:
        if self._queue is not None and self._tag is not None:
            with contextlib.suppress(Exception):
                await self._queue.cancel(self._tag)
        if self._channel is not None and not self._channel.is_closed:
            with contextlib.suppress(Exception):
                await self._channel.close()
        self._channel = self._queue = None
        self._tag = None

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            event = Event.from_bytes(message.body)
        except ValidationError as exc:
            logger.error("poison message on %s: %s", self.queue_name, str(exc)[:300])
            await message.reject(requeue=False)
            return
        handler = self.handlers.get(event.type)
        if handler is None:
            await message.ack()
            return
        try:
            await handler(self.app, event)
        except (ValidationError, Undeliverable) as exc:
            # Retrying cannot help: park it in the dead-letter queue for a person to look at.
            logger.error("event %s %s dead-lettered: %s", event.type, event.id, str(exc)[:300])
            await message.reject(requeue=False)
            return
        except Exception as exc:  # noqa: BLE001 - transient: try again after a pause
            logger.warning("event %s %s failed, requeueing: %s", event.type, event.id, exc)
            await asyncio.sleep(self.retry_delay)
            await message.nack(requeue=True)
            return
        await message.ack()


async def run_consumer(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: keep the consumer running while the app is up, starting it once the
    broker is reachable."""
    settings: Settings = app.state.settings
    broker: Broker | None = app.state.broker
    if broker is None:
        return
    consumer = BotConsumer(
        app,
        broker,
        HANDLERS,
        queue_name=f"{settings.events_queue_prefix}{settings.service_name}",
        queue_expires_ms=settings.events_queue_expires_ms,
        consume=app.state.bot_runtime is not None,
    )
    app.state.bot_consumer = consumer
    delay = 1.0
    while not stop.is_set():
        try:
            await consumer.start()
            break
        except Exception as exc:  # noqa: BLE001 - the broker is not there yet
            logger.warning("consumer cannot start yet: %s", exc)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)
        delay = min(delay * 2, 15.0)
    try:
        await stop.wait()
    finally:
        await consumer.stop()
