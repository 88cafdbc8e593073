"""The one event consumer: one durable queue per service, retries with growing delays through a
retry queue, and a dead-letter queue.

With a database (`database` and `inbox` given) it is idempotent: the handler's effect and the inbox
row commit in one transaction, so a redelivered event id is skipped. Without one (tg-bot, the BFF)
handlers must be idempotent on their own keys (Redis), and get no session.

Handlers are typed (`EventHandlers`, see `events.py`): the message's `data` is parsed into the
handler's consumed model first, and a message that does not fit goes to the dead-letter queue."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from pydantic import BaseModel, ValidationError
from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import Database
from ..loops import run_until_stopped
from ..observability import Metrics
from .broker import Broker
from .envelope import Event
from .events import EventContext, EventHandlers, PermanentFailure, Route

logger = logging.getLogger("studio_kit.messaging")

ATTEMPT_HEADER = "x-attempt"
DEFAULT_BACKOFF = (1.0, 5.0, 30.0, 120.0, 600.0)


class Consumer:
    def __init__(
        self,
        name: str,
        database: Database | None,
        inbox: Table | None,
        broker: Broker,
        handlers: EventHandlers[Any],
        *,
        settings: Any = None,
        state: Any = None,
        max_attempts: int = 5,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        prefetch: int = 20,
        metrics: Metrics | None = None,
        queue_prefix: str = "",
        queue_expires_ms: int | None = None,
        consume: bool = True,
    ) -> None:
        if (database is None) != (inbox is None):
            raise ValueError("give both the database and the inbox table, or neither (a database-less consumer)")
        self.name = name
        self.database = database
        # Built once: constructing the INSERT for every message cost more than running it (issue 19).
        self._claim = (
            pg_insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id) if inbox is not None else None
        )
        self.broker = broker
        self.handlers = handlers
        self.settings = settings
        self.state = state
        self.max_attempts = max_attempts
        self.backoff = tuple(backoff)
        self.prefetch = prefetch
        self.metrics = metrics
        self.consume = consume
        self.queue_name = f"{queue_prefix}{name}"
        self.retry_queue_name = f"{self.queue_name}.retry"
        self.dead_letter_queue_name = f"{self.queue_name}.dlq"
        self._expiry: dict[str, Any] = {"x-expires": queue_expires_ms} if queue_expires_ms else {}
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._consumer_tag: str | None = None
        # Set once the queue is declared and bound (and consumed, when `consume`).
        self.ready = asyncio.Event()

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
        """Declare the queues and bindings, and consume unless `consume` is off (then messages wait
        in the queue until a consuming replica starts)."""
        if self.ready.is_set():
            return
        channel = await self.broker.channel(prefetch=self.prefetch)
        try:
            queue = await self.declare(channel)
            if self.consume:
                self._consumer_tag = await queue.consume(self._on_message)
        except BaseException:
            await channel.close()
            raise
        self._channel, self._queue = channel, queue
        self.ready.set()

    async def run(self, stop: asyncio.Event, *, retry_interval: float = 5.0) -> None:
        """Background task: start once the broker is reachable (retrying with a growing delay), then
        stay until `stop`. The robust connection restores the channel after a broker restart."""
        await run_until_stopped(self.start, stop, interval=retry_interval, name=f"consumer {self.name}", first_run=True)

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
        self._consumer_tag = None
        self.ready.clear()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            event = Event.from_bytes(message.body)
        except ValidationError as exc:
            logger.error("poison message on %s: %s", self.name, str(exc)[:300])
            self._count("unknown", "poison")
            await message.reject(requeue=False)  # dead-lettered by the queue's arguments
            return
        route = self.handlers.get(event.type)
        if route is None:
            await message.ack()
            return
        payload: BaseModel | None = None
        if route.model is not None:
            try:
                payload = route.model.model_validate(event.data)
            except ValidationError as exc:
                # The publisher broke the contract: retrying cannot help, a person must look.
                logger.error("malformed %s %s on %s: %s", event.type, event.id, self.name, str(exc)[:500])
                await self._retry_or_dead_letter(message, event, exc, final=True)
                return
        try:
            applied = await self.handle(event, route, payload)
        except PermanentFailure as exc:
            await self._retry_or_dead_letter(message, event, exc, final=True)
            return
        except Exception as exc:  # noqa: BLE001 - every failure goes to retry or dead letter
            await self._retry_or_dead_letter(message, event, exc)
            return
        self._count(event.type, "applied" if applied else "duplicate")
        await message.ack()

    async def handle(self, event: Event, route: Route | None = None, payload: BaseModel | None = None) -> bool:
        """Run the event's handler; with a database once per event id (returns False for a duplicate).
        Tests call it directly to apply an event without the broker."""
        if route is None:
            route = self.handlers.get(event.type)
            if route is None:
                raise LookupError(f"{self.name} has no handler for {event.type!r}")
        if self.database is None or self._claim is None:
            await self._call(route, event, payload, None)
            return True
        async with self.database.sessionmaker() as session, session.begin():
            inserted = await session.scalar(
                self._claim, {"event_id": event.id, "consumer": self.name, "type": event.type}
            )
            if inserted is None:
                return False
            await self._call(route, event, payload, session)
        return True

    async def _call(self, route: Route, event: Event, payload: BaseModel | None, session: AsyncSession | None) -> None:
        if payload is None:
            payload = route.model.model_validate(event.data)
        context = EventContext(settings=self.settings, envelope=event, state=self.state, db_session=session)
        await route.handler(payload, context)

    async def _retry_or_dead_letter(
        self, message: AbstractIncomingMessage, event: Event, exc: Exception, *, final: bool = False
    ) -> None:
        headers: dict[str, Any] = dict(message.headers or {})
        attempt = int(str(headers.get(ATTEMPT_HEADER, 0))) + 1
        headers[ATTEMPT_HEADER] = attempt
        headers["x-last-error"] = f"{type(exc).__name__}: {exc}"[:500]
        assert self._channel is not None
        if final or attempt >= self.max_attempts:
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
