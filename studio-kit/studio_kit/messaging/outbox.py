"""Transactional outbox: events are rows written with the data they describe, and a relay
publishes them afterwards with publisher confirms. A rolled-back transaction leaves no event."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    case,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import Database
from ..observability import Metrics
from ..wakeup import notify_expression, wait_for_work
from .broker import Broker, Unroutable
from .envelope import Event
from .events import PublishedEvent

logger = logging.getLogger("studio_kit.messaging")
UNROUTABLE = "Unroutable"
# How long an event type no queue receives waits before the relay offers it to the broker again:
# from the poll interval, doubling at each refusal, up to this.
PARKED_MAX_SECONDS = 300.0


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox_message",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("type", String(100), nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text),
        Index(
            "ix_outbox_message_pending",
            "created_at",
            postgresql_where="published_at IS NULL",
        ),
    )


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox_message",
        metadata,
        Column("event_id", Uuid, primary_key=True),
        Column("consumer", String(100), primary_key=True),
        Column("type", String(100), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def outbox_channel(table: Table) -> str:
    """The LISTEN/NOTIFY channel that wakes this outbox's relays when a transaction commits events."""
    return f"{table.name}_pending"


class Outbox:
    """Writes events into the caller's transaction; the same statement wakes the relays on commit."""

    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source
        self.channel = outbox_channel(table)

    async def add(self, session: AsyncSession, event: PublishedEvent, *, subject: str | None = None) -> Event:
        """Write `event` (a `PublishedEvent` model) into the caller's transaction. Its `subject` is
        the model's `subject()` unless given."""
        if not isinstance(event, PublishedEvent):
            raise TypeError("outbox.add takes a PublishedEvent model, not a dict")
        envelope = event.envelope(self.source, subject=subject)
        return await self._write(session, envelope)

    def row(self, event: PublishedEvent, *, subject: str | None = None) -> tuple[Event, dict[str, Any]]:
        """The envelope of `event` and its outbox row, for a writer that inserts the row in a larger
        statement of its own; that statement must also select `notify_expression(self.channel)`."""
        envelope = event.envelope(self.source, subject=subject)
        return envelope, self._values(envelope)

    @staticmethod
    def _values(event: Event) -> dict[str, Any]:
        return {
            "id": event.id,
            "type": event.type,
            "payload": event.model_dump(mode="json"),
            # now() is the transaction's start: clock_timestamp() keeps the order of several
            # events written in one transaction, which the relay publishes in created_at order.
            "created_at": func.clock_timestamp(),
        }

    async def _write(self, session: AsyncSession, event: Event) -> Event:
        await session.execute(
            insert(self.table)
            .values(**self._values(event))
            # NOTIFY is transactional: the relays hear it when (and only if) this transaction commits.
            .returning(notify_expression(self.channel))
        )
        return event


class OutboxRelay:
    """Publishes pending outbox rows. Several relays may run at once (other replicas):
    `FOR UPDATE SKIP LOCKED` gives each row to one of them. A relay sleeps until a commit notifies
    its channel (`wake_event`, set by a `studio_kit.wakeup.Waker`) or `poll_interval` passes (the
    fallback, for rows left by a failed publish and while the LISTEN connection is down)."""

    def __init__(
        self,
        database: Database,
        table: Table,
        broker: Broker,
        *,
        metrics: Metrics | None = None,
        batch_size: int = 100,
        poll_interval: float = 5.0,
        wake_event: asyncio.Event | None = None,
    ) -> None:
        self.database = database
        self.table = table
        self.broker = broker
        self.metrics = metrics
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self._wake = wake_event or asyncio.Event()
        self.last_error: str | None = None
        # Event types the broker returned (no queue bound): type -> (monotonic time to try again,
        # delay). Until then the relay leaves their rows alone, so a type nobody consumes costs
        # one attempt per delay, not one per row at every commit that wakes the relay.
        self._parked: dict[str, tuple[float, float]] = {}

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> int:
        """Publish one batch; returns how many rows were published."""
        t = self.table
        moment = time.monotonic()
        parked = sorted(kind for kind, (retry_at, _) in self._parked.items() if retry_at > moment)
        query = (
            select(t.c.id, t.c.type, t.c.payload)
            .where(t.c.published_at.is_(None))
            # Events nobody could receive yet go after the rest: they must never hold up
            # the events that do have a queue (head-of-line blocking).
            .order_by(case((t.c.last_error.startswith(UNROUTABLE), 1), else_=0), t.c.created_at)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        if parked:
            query = query.where(t.c.type.not_in(parked))
        async with self.database.sessionmaker() as session, session.begin():
            rows = (await session.execute(query)).all()
            if not rows:
                return 0
            published: list[Any] = []
            unroutable: list[Any] = []
            refused: set[str] = set()
            error: str | None = None
            for row in rows:
                if row.type in refused:
                    unroutable.append(row.id)  # returned once in this batch: not offered again
                    continue
                try:
                    await self.broker.publish(Event.model_validate(row.payload))
                except Unroutable as exc:
                    # Only this event type lacks a queue (a consumer not deployed yet): keep the
                    # row pending, park the type and go on with the others.
                    unroutable.append(row.id)
                    refused.add(row.type)
                    self._park(row.type)
                    logger.warning("outbox event kept, nobody receives it yet: %s", exc)
                    continue
                except Exception as exc:  # noqa: BLE001 - the row stays pending and is retried
                    error = f"{type(exc).__name__}: {exc}"[:500]
                    break
                published.append(row.id)
                self._parked.pop(row.type, None)
            if unroutable:
                await session.execute(
                    update(t)
                    .where(t.c.id.in_(unroutable))
                    .values(attempts=t.c.attempts + 1, last_error=f"{UNROUTABLE}: no queue bound for its type")
                )
            if published:
                await session.execute(update(t).where(t.c.id.in_(published)).values(published_at=datetime.now(UTC)))
            self.last_error = error
            if error is not None:
                failed_id = rows[len(published) + len(unroutable)].id
                await session.execute(
                    update(t).where(t.c.id == failed_id).values(attempts=t.c.attempts + 1, last_error=error)
                )
                logger.warning("outbox publish failed, will retry: %s", error)
        if self.metrics is not None and published:
            self.metrics.outbox_published.labels(self.metrics.service).inc(len(published))
        return len(published)

    def _park(self, event_type: str) -> None:
        _, delay = self._parked.get(event_type, (0.0, 0.0))
        delay = min(max(delay * 2, self.poll_interval), PARKED_MAX_SECONDS)
        self._parked[event_type] = (time.monotonic() + delay, delay)

    async def run_forever(self, stop: asyncio.Event) -> None:
        delay = self.poll_interval
        while not stop.is_set():
            try:
                published = await self.run_once()
                # While the broker refuses events, back off instead of writing an attempt each poll.
                delay = min(max(delay * 2, 0.5), 10.0) if self.last_error else self.poll_interval
            except Exception as exc:  # noqa: BLE001 - keep relaying after a DB or broker outage
                logger.warning("outbox relay error: %s", exc)
                published = 0
                delay = min(max(delay * 2, 0.5), 10.0)
            if published >= self.batch_size:
                continue
            if self.last_error:
                # the broker refused: wait out the back-off even if more commits notify meanwhile
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
                self._wake.clear()
                continue
            await wait_for_work(self._wake, delay)
