"""Half-done sagas (issue 18): faults injected between the lesson's commit and calendary's change,
with the real calendary-service and PostgreSQL; the end state is consistent every time."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import func, select, text

from lessons_service.clients import Calendary
from lessons_service.config import Settings
from lessons_service.lessons.models import Lesson
from lessons_service.lessons.saga import SagaInterrupted, reconcile_calendar
from lessons_service.main import create_app
from studio_kit.testing import JWTSigner

OpenTeacher = Callable[[str], Awaitable[None]]


def at(days: int, hour: int = 10) -> datetime:
    """A whole hour `days` days from today, in UTC."""
    return datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


def booking(teacher_id: str, starts_at: datetime, **extra: Any) -> dict[str, Any]:
    return {"teacher_id": teacher_id, "starts_at": starts_at.isoformat(), "duration_minutes": 60, **extra}


async def lesson_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Lesson)) or 0)


FAIL_AT_COMMIT = [
    "CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$",
    "CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT ON outbox_message "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit()",
]
HEAL = ["DROP TRIGGER test_fail_commit ON outbox_message", "DROP FUNCTION test_fail_commit()"]


async def run_sql(app: FastAPI, statements: list[str]) -> None:
    async with app.state.database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))


@pytest.fixture
async def teacher(open_teacher: OpenTeacher) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


async def event_of(calendary: httpx.AsyncClient, headers: dict[str, str], event_id: str) -> dict[str, Any]:
    response = await calendary.get(f"/internal/events/{event_id}", headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def free_starts(
    calendary: httpx.AsyncClient, admin: dict[str, str], teacher: str, day: datetime
) -> set[datetime]:
    slots = await calendary.get(
        f"/teachers/{teacher}/slots",
        headers=admin,
        params={"from": day.isoformat(), "to": (day + timedelta(hours=6)).isoformat(), "duration_minutes": 60},
    )
    assert slots.status_code == 200, slots.text
    return {datetime.fromisoformat(slot["starts_at"]) for slot in slots.json()}


@pytest.fixture
async def crashing_app(make_settings: Callable[..., Settings], app: FastAPI) -> AsyncIterator[FastAPI]:
    """The same service, its booking stopping dead right after calendary booked the time."""
    base = app.state.settings
    settings = make_settings(
        Settings,
        database="lessons_test",
        redis_db=5,
        rabbitmq_url=None,
        calendary_service_url=base.calendary_service_url,
        lessons_test_crash_after_calendar=True,
    )
    crashing = create_app(settings)
    async with LifespanManager(crashing):
        provider = app.state.clients["calendary"].token_provider  # the test's service token
        for client in crashing.state.clients.values():
            client.token_provider = provider
        yield crashing


class TestBookingCrash:
    async def test_an_event_left_without_a_lesson_is_cancelled_by_the_reconciler(
        self,
        app: FastAPI,
        crashing_app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        starts_at = at(days=4)
        student = uuid.uuid4()
        headers = {**jwt_signer.headers("student", sub=student), "Idempotency-Key": "key-crash"}
        transport = httpx.ASGITransport(app=crashing_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://lessons") as http:
            with pytest.raises(SagaInterrupted):
                await http.post("/lessons", json=booking(teacher, starts_at), headers=headers)
        # The half-done state: calendary booked the time for a lesson that does not exist.
        assert await lesson_count(app) == 0
        assert starts_at not in await free_starts(calendary, admin, teacher, starts_at)

        repaired = await reconcile_calendar(app.state.database, Calendary(app.state.clients["calendary"]), timedelta(0))

        assert repaired >= 1
        assert starts_at in await free_starts(calendary, admin, teacher, starts_at)
        # ... and the student's retry (same key) books it for real.
        retry = await client.post("/lessons", json=booking(teacher, starts_at), headers=headers)
        assert retry.status_code == 201, retry.text
        event = await event_of(calendary, calendary_service, retry.json()["calendar_event_id"])
        assert (event["status"], event["lesson_id"]) == ("confirmed", retry.json()["id"])
        # A second pass finds nothing to repair: the booked lesson's event is left alone.
        await reconcile_calendar(app.state.database, Calendary(app.state.clients["calendary"]), timedelta(0))
        event = await event_of(calendary, calendary_service, retry.json()["calendar_event_id"])
        assert event["status"] == "confirmed"


class TestCommitFailures:
    async def test_a_cancel_that_fails_to_commit_keeps_the_calendar_booked(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        headers = jwt_signer.headers("admin")
        student = uuid.uuid4()
        booked = await client.post(
            "/lessons",
            json=booking(teacher, at(days=5), student_id=str(student)),
            headers={**headers, "Idempotency-Key": "key-cancel"},
        )
        assert booked.status_code == 201, booked.text
        lesson = booked.json()

        await run_sql(app, FAIL_AT_COMMIT)
        try:
            failed = await client.post(f"/lessons/{lesson['id']}/cancel", json={"reason": "x"}, headers=headers)
        finally:
            await run_sql(app, HEAL)

        assert failed.status_code >= 500
        assert (await client.get(f"/lessons/{lesson['id']}", headers=headers)).json()["status"] == "scheduled"
        assert (await event_of(calendary, calendary_service, lesson["calendar_event_id"]))["status"] == "confirmed"
        # Once the database commits again the cancel goes through end to end.
        done = await client.post(f"/lessons/{lesson['id']}/cancel", json={"reason": "x"}, headers=headers)
        assert done.status_code == 200, done.text
        assert (await event_of(calendary, calendary_service, lesson["calendar_event_id"]))["status"] == "cancelled"

    async def test_a_move_that_fails_to_commit_puts_the_event_back(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        headers = jwt_signer.headers("admin")
        old_start, new_start = at(days=6), at(days=6, hour=15)
        booked = await client.post(
            "/lessons",
            json=booking(teacher, old_start, student_id=str(uuid.uuid4())),
            headers={**headers, "Idempotency-Key": "key-move"},
        )
        assert booked.status_code == 201, booked.text
        lesson = booked.json()

        await run_sql(app, FAIL_AT_COMMIT)
        try:
            failed = await client.post(
                f"/lessons/{lesson['id']}/reschedule", json={"starts_at": new_start.isoformat()}, headers=headers
            )
        finally:
            await run_sql(app, HEAL)

        assert failed.status_code >= 500
        detail = (await client.get(f"/lessons/{lesson['id']}", headers=headers)).json()
        assert datetime.fromisoformat(detail["starts_at"]) == old_start
        event = await event_of(calendary, calendary_service, lesson["calendar_event_id"])
        assert (event["status"], datetime.fromisoformat(event["starts_at"]).astimezone(UTC)) == ("confirmed", old_start)

    async def test_the_reconciler_frees_the_time_of_a_lesson_cancelled_while_calendary_was_away(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        headers = jwt_signer.headers("admin")
        starts_at = at(days=7)
        booked = await client.post(
            "/lessons",
            json=booking(teacher, starts_at, student_id=str(uuid.uuid4())),
            headers={**headers, "Idempotency-Key": "key-away"},
        )
        lesson = booked.json()
        # calendary unreachable for this cancel: point the service's client at a closed port.
        calendary_client = app.state.clients["calendary"]
        real_base = calendary_client.client.base_url
        calendary_client.client.base_url = httpx.URL("http://127.0.0.1:9")
        try:
            cancelled = await client.post(f"/lessons/{lesson['id']}/cancel", json={"reason": "x"}, headers=headers)
        finally:
            calendary_client.client.base_url = real_base
        assert cancelled.status_code == 200, cancelled.text
        assert starts_at not in await free_starts(calendary, admin, teacher, starts_at)

        await reconcile_calendar(app.state.database, Calendary(calendary_client), timedelta(0))

        assert (await event_of(calendary, calendary_service, lesson["calendar_event_id"]))["status"] == "cancelled"
        assert starts_at in await free_starts(calendary, admin, teacher, starts_at)
