"""Gauges read at scrape time from where the state lives, so the relay and the consumer stay as
they are: the age of the oldest unpublished outbox row and the depth of the dead-letter queue."""

from __future__ import annotations

from datetime import UTC, datetime

from aio_pika.abc import AbstractChannel
from sqlalchemy import Table, func, select

from ..db import Database
from ..observability import Metrics, Sampler
from .broker import Broker


def outbox_age_sampler(database: Database, outbox: Table, metrics: Metrics) -> Sampler:
    async def outbox_oldest_pending_age() -> None:
        # Sampled when /metrics is scraped, not after every relay pass (issue 19: a count per pass
        # cost every published event a transaction of its own).
        query = select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.published_at.is_(None))
        async with database.engine.connect() as connection:
            pending, oldest = (await connection.execute(query)).one()
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest is not None else 0.0
        metrics.outbox_oldest_age.labels(metrics.service).set(max(age, 0.0))
        metrics.outbox_lag.labels(metrics.service).set(int(pending or 0))

    return outbox_oldest_pending_age


def dead_letter_sampler(broker: Broker, queue_name: str, metrics: Metrics) -> Sampler:
    """The message count of the dead-letter queue, by a passive declare on a channel of its own."""
    channels: list[AbstractChannel] = []

    async def dead_letter_depth() -> None:
        if not channels or channels[0].is_closed:
            channels[:] = [await broker.channel(prefetch=1)]
        queue = await channels[0].declare_queue(queue_name, passive=True)
        metrics.dead_letters.labels(metrics.service).set(queue.declaration_result.message_count or 0)

    return dead_letter_depth
