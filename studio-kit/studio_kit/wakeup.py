"""Wake background workers when a transaction commits work for them: PostgreSQL LISTEN/NOTIFY.

A writer adds `notify_expression(channel)` to a statement of its transaction (or calls
`notify(session, channel)`); PostgreSQL delivers the notification only when that transaction
commits, to every listening process of the same database, so a worker never wakes for rows it
cannot see yet and every replica hears it. `Waker` keeps one dedicated connection listening and
sets an `asyncio.Event` per channel; workers still poll slowly as a fallback, for work that comes
due by time alone and for the moments the listening connection is down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from .db import Database

logger = logging.getLogger("studio_kit.wakeup")


def notify_expression(channel: str) -> ColumnElement[Any]:
    """`pg_notify(channel, '')`, to put in a RETURNING clause or a SELECT of the writing transaction."""
    return func.pg_notify(channel, "")


async def notify(session: AsyncSession, channel: str) -> None:
    """Wake the listeners of `channel` when the session's transaction commits (one round trip)."""
    await session.execute(select(notify_expression(channel)))


class Waker:
    """One LISTEN connection per process for any number of channels; reconnects with back-off."""

    def __init__(self, database: Database, channels: list[str]) -> None:
        self.dsn = database.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.events = {channel: asyncio.Event() for channel in channels}
        self.connected = asyncio.Event()

    def event(self, channel: str) -> asyncio.Event:
        return self.events[channel]

    def _on_notify(self, _connection: Any, _pid: int, channel: str, _payload: str) -> None:
        event = self.events.get(channel)
        if event is not None:
            event.set()

    async def run(self, stop: asyncio.Event) -> None:
        delay = 0.5
        while not stop.is_set():
            lost = asyncio.Event()
            connection: asyncpg.Connection | None = None
            try:
                connection = await asyncpg.connect(self.dsn, timeout=5)
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                for channel in self.events:
                    await connection.add_listener(channel, self._on_notify)
                self.connected.set()
                delay = 0.5
                # Whatever was committed while nobody listened is picked up now.
                for event in self.events.values():
                    event.set()
                stopping = asyncio.ensure_future(stop.wait())
                dropped = asyncio.ensure_future(lost.wait())
                try:
                    await asyncio.wait({stopping, dropped}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    stopping.cancel()
                    dropped.cancel()
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                logger.warning("LISTEN connection unavailable, workers fall back to polling: %s", exc)
            finally:
                self.connected.clear()
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await connection.close(timeout=2)
            if not stop.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
                delay = min(delay * 2, 15.0)


async def wait_for_work(event: asyncio.Event, timeout: float) -> None:
    """Sleep until `event` is set or `timeout` passes (the fallback poll), then clear it."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout=timeout)
    event.clear()
