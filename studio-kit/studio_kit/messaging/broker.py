"""The RabbitMQ connection: a robust connection, the topic exchange, publishing with confirms."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection
from aiormq.exceptions import PublishError

from ..loops import run_until_stopped
from .envelope import Event

logger = logging.getLogger("studio_kit.messaging")


class Unroutable(Exception):
    """The broker returned the event: no queue is bound for its type (yet), so nobody would get it."""

    def __init__(self, event_type: str, exchange: str) -> None:
        super().__init__(f"no queue bound to {exchange!r} for {event_type!r}; the event stays in the outbox")
        self.event_type = event_type


class Broker:
    def __init__(self, url: str, exchange_name: str = "studio.events") -> None:
        self.url = url
        self.exchange_name = exchange_name
        self.connection: AbstractRobustConnection | None = None
        self._publish_channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        async with self._lock:
            if self.connection is None or self.connection.is_closed:
                self.connection = await aio_pika.connect_robust(self.url, timeout=5)
            if self._publish_channel is None or self._publish_channel.is_closed:
                # mandatory publishes come back (basic.return) instead of vanishing when no queue is
                # bound; on_return_raises turns that into an error of the publish call.
                self._publish_channel = await self.connection.channel(publisher_confirms=True, on_return_raises=True)
                self._exchange = await self._publish_channel.declare_exchange(
                    self.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
                )

    async def connect_with_retry(self, stop: asyncio.Event, delay: float = 1.0) -> None:
        """Keep trying until the broker answers, so a service starts even while RabbitMQ is down
        (the robust connection then reconnects by itself after later outages)."""

        async def connect_once() -> None:
            if self.connection is None or self.connection.is_closed:
                await self.connect()

        backoff = tuple(min(delay * 2**attempt, 15.0) for attempt in range(5))
        await run_until_stopped(
            connect_once, stop, interval=15.0, name="broker connection", first_run=True, backoff=backoff
        )

    async def channel(self, prefetch: int = 20) -> AbstractChannel:
        if self.connection is None:
            await self.connect()
        assert self.connection is not None
        channel = await self.connection.channel(publisher_confirms=True)
        await channel.set_qos(prefetch_count=prefetch)
        return channel

    async def exchange(self) -> AbstractExchange:
        if self._exchange is None or self._publish_channel is None or self._publish_channel.is_closed:
            await self.connect()
        assert self._exchange is not None
        return self._exchange

    async def publish(self, event: Event, *, headers: dict[str, Any] | None = None) -> None:
        """Publish and wait for the broker's confirm; raises when the broker did not take it, and
        `Unroutable` when no queue would receive it (the caller keeps it and tries again later)."""
        exchange = await self.exchange()
        message = aio_pika.Message(
            body=event.to_bytes(),
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=str(event.id),
            type=event.type,
            timestamp=event.time,
            headers=headers or {},
        )
        try:
            await exchange.publish(message, routing_key=event.type, mandatory=True, timeout=10)
        except PublishError as exc:
            raise Unroutable(event.type, self.exchange_name) from exc

    async def check(self) -> None:
        """Health check: the connection is open."""
        if self.connection is None or self.connection.is_closed:
            raise ConnectionError("not connected to RabbitMQ")
        if self._publish_channel is None or self._publish_channel.is_closed:
            raise ConnectionError("RabbitMQ channel closed")

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        self.connection = None
        self._publish_channel = None
        self._exchange = None
