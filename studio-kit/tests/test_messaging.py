"""The event guarantees, proved on the real PostgreSQL and RabbitMQ."""

import asyncio
import subprocess
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import aio_pika
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from studio_kit.messaging import (
    ConsumedEvent,
    Consumer,
    Event,
    EventContext,
    EventHandlers,
    OutboxRelay,
    PermanentFailure,
)
from studio_kit.testing.plugin import RABBITMQ_URL


class Tap:
    """A private queue bound to the test exchange that counts every published copy."""

    def __init__(self, connection: aio_pika.abc.AbstractConnection, queue: aio_pika.abc.AbstractQueue) -> None:
        self.connection = connection
        self.queue = queue

    async def drain(self, settle: float = 0.3) -> list[Event]:
        events: list[Event] = []
        await asyncio.sleep(settle)
        while True:
            message = await self.queue.get(fail=False, no_ack=True)
            if message is None:
                return events
            events.append(Event.from_bytes(message.body))


@pytest.fixture
async def tap(app: FastAPI) -> AsyncIterator[Tap]:
    connection = await aio_pika.connect(RABBITMQ_URL)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(
        app.state.settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
    )
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(exchange, routing_key="#")
    yield Tap(connection, queue)
    await connection.close()


async def wait_for(predicate: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")


async def effect_rows(app: FastAPI, kit: Any) -> list[tuple[Any, str]]:
    async with app.state.database.sessionmaker() as session:
        return [tuple(row) for row in (await session.execute(select(kit.effect.c.event_id, kit.effect.c.value))).all()]


async def write_events(app: FastAPI, kit: Any, count: int) -> list[Event]:
    events = []
    async with app.state.database.sessionmaker() as session, session.begin():
        for index in range(count):
            events.append(await kit.outbox.add(session, kit.NoteCreated(value=f"n{index}")))
    return events


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


class TestOutbox:
    async def test_two_relays_publish_each_event_once_and_effect_happens_once(
        self, app: FastAPI, kit: Any, tap: Tap
    ) -> None:
        # The app's own relay runs too: three relays compete for the same rows.
        events = await write_events(app, kit, 60)
        relays = [OutboxRelay(app.state.database, kit.outbox_table, app.state.broker, batch_size=7) for _ in range(2)]

        async def drain(relay: OutboxRelay) -> int:
            published = 0
            while (count := await relay.run_once()) > 0:
                published += count
            return published

        await asyncio.gather(*(drain(relay) for relay in relays))
        await wait_for(lambda: _count_effects(app, kit, 60))
        published = await tap.drain()
        assert sorted(str(e.id) for e in published) == sorted(str(e.id) for e in events)
        rows = await effect_rows(app, kit)
        assert len(rows) == 60
        assert {row[0] for row in rows} == {e.id for e in events}

    async def test_rolled_back_transaction_publishes_nothing(self, app: FastAPI, kit: Any, tap: Tap) -> None:
        async with app.state.database.sessionmaker() as session, session.begin():
            await kit.outbox.add(session, kit.NoteCreated(value="ghost"))
            await session.rollback()
        committed = (await write_events(app, kit, 1))[0]
        await wait_for(lambda: _count_effects(app, kit, 1))
        published = await tap.drain(settle=1.0)
        assert [e.id for e in published] == [committed.id]
        assert [row[1] for row in await effect_rows(app, kit)] == ["n0"]

    async def test_request_that_fails_leaves_no_event(self, client: Any, app: FastAPI, kit: Any, tap: Tap) -> None:
        assert (await client.post("/notes", json={"text": "lost", "fail": True})).status_code == 409
        assert (await client.post("/notes", json={"text": "kept"})).status_code == 201
        await wait_for(lambda: _count_effects(app, kit, 1))
        assert [e.data["value"] for e in await tap.drain(settle=1.0)] == ["kept"]

    @pytest.mark.slow
    @pytest.mark.alone
    async def test_broker_restart_between_write_and_relay_loses_nothing(self, app: FastAPI, kit: Any) -> None:
        relay: OutboxRelay = app.state.relay
        rabbitmqctl("stop_app")
        try:
            events = await write_events(app, kit, 5)
            relay.wake()
            await asyncio.sleep(1.5)
            async with app.state.database.sessionmaker() as session:
                pending = await session.scalar(
                    select(func.count()).select_from(kit.outbox_table).where(kit.outbox_table.c.published_at.is_(None))
                )
            assert pending == 5, "nothing can be published while the broker is down"
        finally:
            rabbitmqctl("start_app")
            rabbitmqctl("await_startup")
        await wait_for(lambda: _count_effects(app, kit, 5), timeout=60)
        await asyncio.sleep(1.0)
        rows = await effect_rows(app, kit)
        assert sorted(str(row[0]) for row in rows) == sorted(str(e.id) for e in events)


class TestConsumer:
    async def test_handler_failing_twice_then_succeeding_applies_once(self, app: FastAPI, kit: Any) -> None:
        kit.failures.reset(fail_times=2)
        event = (await write_events(app, kit, 1))[0]
        await wait_for(lambda: _count_effects(app, kit, 1))
        await asyncio.sleep(0.5)
        assert kit.failures.calls[event.id] == 3
        assert len(await effect_rows(app, kit)) == 1

    async def test_redelivered_event_has_one_effect(self, app: FastAPI, kit: Any) -> None:
        event = Event(type="note.created", source="kit-test", data={"value": "twice"})
        for _ in range(3):
            await app.state.broker.publish(event)
        await wait_for(lambda: _count_effects(app, kit, 1))
        await asyncio.sleep(0.5)
        assert await effect_rows(app, kit) == [(event.id, "twice")]

    async def test_poison_message_goes_to_dead_letter_queue(self, app: FastAPI, kit: Any) -> None:
        exchange = await app.state.broker.exchange()
        await exchange.publish(aio_pika.Message(body=b"\x00not an event"), routing_key="note.created")
        consumer = app.state.consumer
        dead = await _dead_letters(consumer.dead_letter_queue_name)
        assert [m.body for m in dead] == [b"\x00not an event"]
        assert await effect_rows(app, kit) == []

    async def test_event_failing_every_time_ends_dead_after_max_attempts(self, app: FastAPI, kit: Any) -> None:
        kit.failures.reset(fail_times=100)
        event = Event(type="note.poisoned", source="kit-test", data={"value": "never"})
        await app.state.broker.publish(event)
        dead = await _dead_letters(app.state.consumer.dead_letter_queue_name, timeout=15)
        assert len(dead) == 1
        assert Event.from_bytes(dead[0].body).id == event.id
        assert dead[0].headers["x-attempt"] == 4
        assert "scripted failure" in str(dead[0].headers["x-last-error"])
        assert kit.failures.calls[event.id] == 4
        assert await effect_rows(app, kit) == []


async def _count_effects(app: FastAPI, kit: Any, expected: int) -> bool:
    return len(await effect_rows(app, kit)) >= expected


async def _dead_letters(queue_name: str, timeout: float = 10.0) -> list[aio_pika.abc.AbstractIncomingMessage]:
    connection = await aio_pika.connect(RABBITMQ_URL)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, passive=True)
        deadline = time.monotonic() + timeout
        messages: list[aio_pika.abc.AbstractIncomingMessage] = []
        while time.monotonic() < deadline:
            message = await queue.get(fail=False, no_ack=True)
            if message is not None:
                messages.append(message)
                await asyncio.sleep(0.3)
                continue
            if messages:
                return messages
            await asyncio.sleep(0.1)
        return messages
    finally:
        await connection.close()


class TestOrdering:
    async def test_events_of_one_transaction_are_published_in_write_order(
        self, app: FastAPI, kit: Any, tap: Tap
    ) -> None:
        events = await write_events(app, kit, 20)
        await wait_for(lambda: _count_effects(app, kit, 20))
        published = await tap.drain(settle=0.5)
        assert [e.id for e in published] == [e.id for e in events]


class TestTypedEvents:
    async def test_outbox_writes_the_model_with_its_type_and_subject(self, app: FastAPI, kit: Any, tap: Tap) -> None:
        written = (await write_events(app, kit, 1))[0]
        assert (written.type, written.subject, written.data) == ("note.created", "n0", {"value": "n0"})
        await wait_for(lambda: _count_effects(app, kit, 1))
        assert [(e.type, e.data) for e in await tap.drain()] == [("note.created", {"value": "n0"})]

    async def test_outbox_refuses_anything_but_a_model(self, app: FastAPI, kit: Any) -> None:
        async with app.state.database.sessionmaker() as session, session.begin():
            with pytest.raises(TypeError):
                await kit.outbox.add(session, {"value": "a dict"})  # type: ignore[call-overload]
            with pytest.raises(TypeError):
                await kit.outbox.add(session, kit.NoteCreated(value="x"), {"value": "x"})  # type: ignore[call-overload]
            pending = await session.scalar(select(func.count()).select_from(kit.outbox_table))
        assert pending == 0

    async def test_a_model_refuses_fields_the_catalogue_lacks(self, kit: Any) -> None:
        with pytest.raises(ValueError):
            kit.NoteCreated(value="x", extra="not in the contract")

    async def test_handler_gets_the_parsed_event_and_the_services_settings(self, app: FastAPI, kit: Any) -> None:
        event = Event(type="note.created", source="kit-test", data={"value": "whoami", "added_later": 1})
        await app.state.broker.publish(event)
        await wait_for(lambda: _count_effects(app, kit, 1))
        assert await effect_rows(app, kit) == [(event.id, "kit-test")]

    async def test_malformed_event_is_dead_lettered_at_once_and_the_consumer_goes_on(
        self, app: FastAPI, kit: Any
    ) -> None:
        malformed = Event(type="note.created", source="kit-test", data={"text": "value is missing"})
        await app.state.broker.publish(malformed)
        dead = await _dead_letters(app.state.consumer.dead_letter_queue_name)
        assert [Event.from_bytes(m.body).id for m in dead] == [malformed.id]
        assert dead[0].headers["x-attempt"] == 1, "a message that does not fit is not retried"
        assert "ValidationError" in str(dead[0].headers["x-last-error"])
        good = (await write_events(app, kit, 1))[0]
        await wait_for(lambda: _count_effects(app, kit, 1))
        assert await effect_rows(app, kit) == [(good.id, "n0")]
        assert malformed.id not in kit.failures.calls


class SeenNote(ConsumedEvent):
    event_type: ClassVar[str] = "note.created"

    value: str


class TestDatabaseLessConsumer:
    async def test_typed_handlers_run_without_a_database_and_permanent_failures_dead_letter(self, app: FastAPI) -> None:
        seen: list[tuple[str, str, Any]] = []
        handlers: EventHandlers[Any] = EventHandlers()

        @handlers.on(SeenNote)
        async def remember(event: SeenNote, context: EventContext[Any]) -> None:
            if event.value == "refuse":
                raise PermanentFailure("the recipient is gone")
            with pytest.raises(RuntimeError):
                _ = context.session
            seen.append((event.value, context.settings, context.state))

        settings = app.state.settings
        consumer = Consumer(
            f"kit-test-nodb-{uuid.uuid4().hex[:8]}",
            None,
            None,
            app.state.broker,
            handlers,
            settings="the settings",
            state="the state",
            queue_prefix=settings.events_queue_prefix,
            queue_expires_ms=60_000,
        )
        stop = asyncio.Event()
        runner = asyncio.create_task(consumer.run(stop))
        try:
            await asyncio.wait_for(consumer.ready.wait(), timeout=10)
            refused = Event(type="note.created", source="kit-test", data={"value": "refuse"})
            await app.state.broker.publish(refused)
            await app.state.broker.publish(Event(type="note.created", source="kit-test", data={"value": "hello"}))
            dead = await _dead_letters(consumer.dead_letter_queue_name)
            assert [Event.from_bytes(m.body).id for m in dead] == [refused.id]
            assert dead[0].headers["x-attempt"] == 1
            assert seen == [("hello", "the settings", "the state")]
        finally:
            stop.set()
            await runner
            await consumer.stop()
