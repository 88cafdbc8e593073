"""Workers woken by commits (LISTEN/NOTIFY), and events nobody would receive kept in the outbox."""

import asyncio
import time
import uuid
from typing import Any, ClassVar

import aio_pika
from fastapi import FastAPI
from sqlalchemy import delete, select

from studio_kit.messaging import Event, OutboxRelay, PublishedEvent
from studio_kit.testing.plugin import RABBITMQ_URL
from studio_kit.wakeup import Waker, notify


class _Probe(PublishedEvent):
    """An event of a routing key made up per test (nobody, or one test queue, listens to it)."""

    event_type: ClassVar[str] = "probe.sent"

    value: str


def probe(event_type: str, value: str) -> PublishedEvent:
    return type("Probe", (_Probe,), {"event_type": event_type})(value=value)


async def wait_for(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s")


async def bound_queue(app: FastAPI, routing_key: str) -> tuple[aio_pika.abc.AbstractConnection, Any]:
    connection = await aio_pika.connect(RABBITMQ_URL)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(
        app.state.settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
    )
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(exchange, routing_key=routing_key)
    return connection, queue


async def received(queue: Any, timeout: float) -> Event:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = await queue.get(fail=False, no_ack=True)
        if message is not None:
            return Event.from_bytes(message.body)
        await asyncio.sleep(0.05)
    raise AssertionError("no event arrived")


class TestWokenByCommits:
    async def test_a_commit_wakes_the_relay_without_waiting_for_its_poll(self, app: FastAPI, kit: Any) -> None:
        relay: OutboxRelay = app.state.relay
        relay.poll_interval = 3600.0  # the fallback poll would not fire during this test
        await asyncio.wait_for(app.state.waker.connected.wait(), timeout=10)
        connection, queue = await bound_queue(app, "note.created")
        try:
            relay.wake()  # one pass now, after which the relay sleeps with the hour-long timeout
            await asyncio.sleep(0.5)
            async with app.state.database.sessionmaker() as session, session.begin():
                written = await kit.outbox.add(session, kit.NoteCreated(value="woken"))
            event = await received(queue, timeout=10)
        finally:
            await connection.close()
        assert event.id == written.id

    async def test_a_rolled_back_transaction_wakes_nobody(self, app: FastAPI) -> None:
        waker = Waker(app.state.database, ["kit_test_channel"])
        stop = asyncio.Event()
        task = asyncio.create_task(waker.run(stop))
        try:
            await asyncio.wait_for(waker.connected.wait(), timeout=10)
            woken = waker.event("kit_test_channel")
            await asyncio.sleep(0.2)
            woken.clear()  # the catch-up wake after connecting
            async with app.state.database.sessionmaker() as session:
                await notify(session, "kit_test_channel")
                await session.rollback()
            await asyncio.sleep(0.5)
            assert not woken.is_set()
            async with app.state.database.sessionmaker() as session, session.begin():
                await notify(session, "kit_test_channel")
            await asyncio.wait_for(woken.wait(), timeout=10)
        finally:
            stop.set()
            await task


class TestUnroutable:
    async def test_an_event_no_queue_would_receive_stays_pending_until_one_is_bound(
        self, app: FastAPI, kit: Any
    ) -> None:
        table = kit.outbox_table
        kind = "nobody.listens_" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
        async with app.state.database.sessionmaker() as session, session.begin():
            written = await kit.outbox.add(session, probe(kind, "lost?"))

        async def row() -> Any:
            async with app.state.database.sessionmaker() as session:
                return (await session.execute(select(table).where(table.c.id == written.id))).one()

        async def refused() -> bool:
            current = await row()
            return current.attempts >= 1 and current.published_at is None

        try:
            await wait_for(refused, 15, "the broker's return recorded on the row")
            current = await row()
            assert current.published_at is None, "an event nobody receives is not marked sent"
            assert "no queue bound" in (current.last_error or "")

            connection, queue = await bound_queue(app, kind)
            try:
                app.state.relay.wake()
                event = await received(queue, timeout=30)
            finally:
                await connection.close()
            assert event.id == written.id
            assert (await row()).published_at is not None
        finally:
            async with app.state.database.sessionmaker() as session, session.begin():
                await session.execute(delete(table).where(table.c.id == written.id, table.c.published_at.is_(None)))

    async def test_an_event_nobody_receives_does_not_hold_up_the_events_after_it(self, app: FastAPI, kit: Any) -> None:
        table = kit.outbox_table
        suffix = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
        connection, queue = await bound_queue(app, f"somebody.listens_{suffix}")
        try:
            async with app.state.database.sessionmaker() as session, session.begin():
                lonely = await kit.outbox.add(session, probe(f"nobody.listens_{suffix}", "first"))
                heard = await kit.outbox.add(session, probe(f"somebody.listens_{suffix}", "second"))
            app.state.relay.wake()
            event = await received(queue, timeout=30)
            assert event.id == heard.id, "the event with a queue is delivered past the one without"
        finally:
            await connection.close()
            async with app.state.database.sessionmaker() as session, session.begin():
                await session.execute(delete(table).where(table.c.id == lonely.id, table.c.published_at.is_(None)))

    async def test_a_type_nobody_receives_is_offered_once_per_delay_not_at_every_wake(
        self, app: FastAPI, kit: Any
    ) -> None:
        """auth's `user.registered` had no queue: every poll, and every commit that wrote an auth
        event, offered up to 100 registrations to the broker again (issue 19). A returned type is
        parked."""
        table = kit.outbox_table
        suffix = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
        connection, queue = await bound_queue(app, f"somebody.listens_{suffix}")
        lonely: list[Any] = []
        relay = app.state.relay
        poll_interval, relay.poll_interval = relay.poll_interval, 60.0  # the first parking lasts a minute
        try:
            async with app.state.database.sessionmaker() as session, session.begin():
                for index in range(3):
                    lonely.append(await kit.outbox.add(session, probe(f"nobody.listens_{suffix}", str(index))))

            async def attempts() -> list[int]:
                async with app.state.database.sessionmaker() as session:
                    ids = [event.id for event in lonely]
                    rows = (await session.execute(select(table.c.attempts).where(table.c.id.in_(ids)))).all()
                    return sorted(row.attempts for row in rows)

            async def all_refused_once() -> bool:
                return await attempts() == [1, 1, 1]

            await wait_for(all_refused_once, 15, "the three rows recorded as returned")
            # Five commits of an event that has a queue: each wakes the relay and is delivered,
            # and none of them offers the parked type again.
            for index in range(5):
                async with app.state.database.sessionmaker() as session, session.begin():
                    heard = await kit.outbox.add(session, probe(f"somebody.listens_{suffix}", str(index)))
                assert (await received(queue, timeout=15)).id == heard.id
            assert await attempts() == [1, 1, 1], "the parked type was offered to the broker again"
        finally:
            relay.poll_interval = poll_interval
            await connection.close()
            async with app.state.database.sessionmaker() as session, session.begin():
                ids = [event.id for event in lonely]
                await session.execute(delete(table).where(table.c.id.in_(ids), table.c.published_at.is_(None)))
