"""An idempotent consumer: one durable queue per service, the effect and the inbox row in one
transaction, retries with growing delays through a retry queue, and a dead-letter queue."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from pydantic import ValidationError
from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import Database
from ..observability import Metrics
from .broker import Broker
from .envelope import Event

logger = logging.getLogger("studio_kit.messaging")

EventHandler = Callable[[AsyncSession, Event], Awaitable[None]]
ATTEMPT_HEADER = "x-attempt"
DEFAULT_BACKOFF = (1.0, 5.0, 30.0, 120.0, 600.0)


class Consumer:
    def __init__(
        self,
        name: str,
        database: Database,
        inbox: Table,
        broker: Broker,
        handlers: dict[str, EventHandler],
        *,
        max_attempts: int = 5,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        prefetch: int = 20,
        metrics: Metrics | None = None,
        queue_prefix: str = "",
        queue_expires_ms: int | None = None,
    ) -> None:
        self.name = name
        self.database = database
        self.inbox = inbox
        self.broker = broker
        self.handlers = handlers
        self.max_attempts = max_attempts
        self.backoff = tuple(backoff)
        self.prefetch = prefetch
        self.metrics = metrics
        self.queue_name = f"{queue_prefix}{name}"
        self.retry_queue_name = f"{self.queue_name}.retry"
        self.dead_letter_queue_name = f"{self.queue_name}.dlq"
        self._expiry: dict[str, Any] = {"x-expires": queue_expires_ms} if queue_expires_ms else {}
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._consumer_tag: str | None = None

    async def declare(self, channel: AbstractChannel) -> AbstractQueue:
        exchange = await channel.declare_exchange(self.broker.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True)
        await channel.declare_queue(self.dead_letter_queue_name, durable=True, arguments=self._expiry)
        # Messages wait here for their delay, then expire back into the main queue.
        await channel.declare_queue(
            self.retry_queue_name,
            durable=True,
            arguments={
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": self.queue_name,
                **self._expiry,
            },
        )
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
        return queue

    async def start(self) -> None:
        self._channel = await self.broker.channel(prefetch=self.prefetch)
        self._queue = await self.declare(self._channel)
        self._consumer_tag = await self._queue.consume(self._on_message)

    async def start_with_retry(self, stop: asyncio.Event) -> None:
        delay = 1.0
        while not stop.is_set():
            try:
                await self.start()
                return
            except Exception as exc:  # noqa: BLE001 - broker not there yet
                logger.warning("consumer %s cannot start yet: %s", self.name, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15.0)

    async def stop(self) -> None:
        if self._queue is not None and self._consumer_tag is not None:
            try:
                await self._queue.cancel(self._consumer_tag)
            except Exception:
                logger.debug("consumer cancel failed", exc_info=True)
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()
        self._channel = None
        self._queue = None

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            event = Event.from_bytes(message.body)
        except ValidationError as exc:
            logger.error("poison message on %s: %s", self.name, str(exc)[:300])
            self._count("unknown", "poison")
            await message.reject(requeue=False)  # dead-lettered by the queue's arguments
            return
        handler = self.handlers.get(event.type)
        if handler is None:
            await message.ack()
            return
        try:
            applied = await self.handle(event, handler)
        except Exception as exc:  # noqa: BLE001 - every failure goes to retry or dead letter
            await self._retry_or_dead_letter(message, event, exc)
            return
        self._count(event.type, "applied" if applied else "duplicate")
        await message.ack()

    async def handle(self, event: Event, handler: EventHandler) -> bool:
        """Run the handler once per event id: returns False for a duplicate."""
        async with self.database.sessionmaker() as session, session.begin():
            inserted = await session.scalar(
                pg_insert(self.inbox)
                .values(event_id=event.id, consumer=self.name, type=event.type)
                .on_conflict_do_nothing()
                .returning(self.inbox.c.event_id)
            )
            if inserted is None:
                return False
            await handler(session, event)
        return True

    async def _retry_or_dead_letter(self, message: AbstractIncomingMessage, event: Event, exc: Exception) -> None:
        headers: dict[str, Any] = dict(message.headers or {})
        attempt = int(str(headers.get(ATTEMPT_HEADER, 0))) + 1
        headers[ATTEMPT_HEADER] = attempt
        headers["x-last-error"] = f"{type(exc).__name__}: {exc}"[:500]
        assert self._channel is not None
        if attempt >= self.max_attempts:
            logger.error("event %s %s dead after %d attempts: %s", event.type, event.id, attempt, exc)
            target, expiration = self.dead_letter_queue_name, None
            self._count(event.type, "dead")
        else:
            delay = self.backoff[min(attempt - 1, len(self.backoff) - 1)]
            logger.warning(
                "event %s %s failed (attempt %d), retry in %ss: %s", event.type, event.id, attempt, delay, exc
            )
            target, expiration = self.retry_queue_name, delay
            self._count(event.type, "retry")
        retry_message = aio_pika.Message(
            body=message.body,
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=message.message_id,
            type=event.type,
            headers=headers,
            expiration=expiration,
        )
        try:
            await self._channel.default_exchange.publish(retry_message, routing_key=target, timeout=10)
        except Exception:
            logger.exception("cannot park failed event %s; requeueing", event.id)
            await message.nack(requeue=True)
            return
        await message.ack()

    def _count(self, event_type: str, outcome: str) -> None:
        if self.metrics is not None:
            self.metrics.consumer_processed.labels(self.metrics.service, event_type, outcome).inc()
