import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import event, func, select, text, update

from lessons_service.config import Settings
from lessons_service.database import idempotency_records
from lessons_service.lessons.models import Lesson
from lessons_service.main import create_app, purge_idempotency_keys
from studio_kit.testing import JWTSigner
from studio_kit.testing.helpers import free_port

from ..times import hours_ahead, open_hour_ahead


def at(days: int, hour: int = 10) -> datetime:
    """A whole hour `days` days from today, in UTC."""
    return datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


OpenTeacher = Callable[[str], Awaitable[None]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


async def lesson_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Lesson)) or 0)


def booking(teacher_id: str, starts_at: Any, **extra: Any) -> dict[str, Any]:
    return {"teacher_id": teacher_id, "starts_at": starts_at.isoformat(), "duration_minutes": 60, **extra}


@pytest.fixture
async def teacher(open_teacher: OpenTeacher) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


@pytest.fixture
def student() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def student_headers(jwt_signer: JWTSigner, student: uuid.UUID) -> Callable[[str], dict[str, str]]:
    def headers(key: str) -> dict[str, str]:
        return {**jwt_signer.headers("student", sub=student), "Idempotency-Key": key}

    return headers


class TestBookLesson:
    async def test_booking_confirms_the_hold_and_publishes(
        self,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        teacher: str,
        student: uuid.UUID,
        student_headers: Callable[[str], dict[str, str]],
        published: Published,
    ) -> None:
        starts_at = at(days=3)

        response = await client.post("/lessons", json=booking(teacher, starts_at), headers=student_headers("key-0001"))

        assert response.status_code == 201, response.text
        lesson = response.json()
        assert lesson["status"] == "scheduled"
        assert lesson["kind"] == "individual"
        assert lesson["student_ids"] == [str(student)]
        assert lesson["price_minor"] == 200000
        assert lesson["currency"] == "RUB"
        assert lesson["duration_minutes"] == 60
        event = (
            await calendary.get(f"/internal/events/{lesson['calendar_event_id']}", headers=calendary_service)
        ).json()
        assert event["status"] == "confirmed"
        assert event["lesson_id"] == lesson["id"]
        assert event["student_ids"] == [str(student)]
        assert await published("lesson.scheduled") == [
            {
                "lesson_id": lesson["id"],
                "kind": "individual",
                "teacher_id": teacher,
                "student_ids": [str(student)],
                "group_id": None,
                "starts_at": starts_at.isoformat(),
                "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
            }
        ]

    async def test_same_key_replays_the_same_lesson(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
        published: Published,
    ) -> None:
        body = booking(teacher, at(days=3))
        first = await client.post("/lessons", json=body, headers=student_headers("key-replay"))
        again = await client.post("/lessons", json=body, headers=student_headers("key-replay"))

        assert again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["Idempotent-Replayed"] == "true"
        assert await lesson_count(app) == 1
        assert len(await published("lesson.scheduled")) == 1

    async def test_a_booking_is_four_statements_on_one_connection(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        # Round trips are most of a booking's CPU (issue 19): lock; replay, trial, limit and price
        # in one read; the whole write in one statement; unlock. No BEGIN/COMMIT on that connection.
        statements: list[tuple[int, str]] = []
        engine = app.state.database.engine.sync_engine

        def record(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            statements.append((id(connection.connection.dbapi_connection), statement))

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = await client.post(
                "/lessons", json=booking(teacher, at(days=3)), headers=student_headers("key-four-statements")
            )
        finally:
            event.remove(engine, "before_cursor_execute", record)

        assert response.status_code == 201, response.text
        booking_connection = next(conn for conn, sql in statements if "pg_advisory_lock" in sql)
        on_it = [sql for conn, sql in statements if conn == booking_connection]
        assert len(on_it) == 4, on_it
        assert "pg_advisory_unlock_all" in on_it[-1]
        # The connection went back to the pool transactional again: a rolled-back write leaves nothing.
        async with app.state.database.sessionmaker() as session:
            await session.execute(text("DELETE FROM lesson"))
            await session.rollback()
        assert await lesson_count(app) == 1

    async def test_concurrent_retries_with_one_key_book_once(
        self,
        app: FastAPI,
        live_url: str,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        body = booking(teacher, at(days=4))
        async with httpx.AsyncClient(base_url=live_url, timeout=20) as http:
            responses = await asyncio.gather(
                *(http.post("/lessons", json=body, headers=student_headers("key-race")) for _ in range(4))
            )

        assert [r.status_code for r in responses] == [201] * 4
        assert len({r.json()["id"] for r in responses}) == 1
        assert await lesson_count(app) == 1

    async def test_key_reused_for_another_booking_is_rejected(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        await client.post("/lessons", json=booking(teacher, at(days=3)), headers=student_headers("key-reuse"))
        other = await client.post("/lessons", json=booking(teacher, at(days=5)), headers=student_headers("key-reuse"))

        assert other.status_code == 422
        assert other.json()["code"] == "idempotency_key_reused"
        assert await lesson_count(app) == 1

    async def test_a_purged_key_is_forgotten_so_it_may_book_afresh(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        first = await client.post("/lessons", json=booking(teacher, at(days=3)), headers=student_headers("key-purged"))
        assert first.status_code == 201, first.text
        async with app.state.database.sessionmaker() as session, session.begin():
            await session.execute(
                update(idempotency_records)
                .where(idempotency_records.c.idempotency_key == "key-purged")
                .values(created_at=func.now() - timedelta(hours=49))
            )
        await purge_idempotency_keys(app)

        later = await client.post("/lessons", json=booking(teacher, at(days=5)), headers=student_headers("key-purged"))

        assert later.status_code == 201, later.text
        assert later.json()["id"] != first.json()["id"]
        assert await lesson_count(app) == 2

    async def test_taken_slot_is_409(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        starts_at = at(days=3)
        await client.post("/lessons", json=booking(teacher, starts_at), headers=student_headers("key-first"))
        rival = {**jwt_signer.headers("student"), "Idempotency-Key": "key-rival"}

        overlapping = await client.post(
            "/lessons", json=booking(teacher, starts_at + timedelta(minutes=30)), headers=rival
        )

        assert overlapping.status_code == 409
        assert overlapping.headers["content-type"] == "application/problem+json"
        assert overlapping.json()["code"] == "slot_taken"
        assert await lesson_count(app) == 1

    async def test_calendary_down_is_503_and_leaves_nothing(
        self,
        app: FastAPI,
        make_settings: Callable[..., Settings],
        calendary: httpx.AsyncClient,
        admin: dict[str, str],
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        starts_at = at(days=3)
        settings = make_settings(
            Settings,
            database="lessons_test",
            redis_db=5,
            rabbitmq_url=None,
            calendary_service_url=f"http://127.0.0.1:{free_port()}",
        )
        cut_off = create_app(settings)
        async with (
            LifespanManager(cut_off),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=cut_off), base_url="http://lessons") as http,
        ):
            response = await http.post(
                "/lessons", json=booking(teacher, starts_at), headers=student_headers("key-down")
            )

        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "service_unavailable"
        assert "calendary" in response.json()["detail"]
        assert await lesson_count(app) == 0
        slots = await calendary.get(
            f"/teachers/{teacher}/slots",
            headers=admin,
            params={
                "from": starts_at.isoformat(),
                "to": (starts_at + timedelta(hours=1)).isoformat(),
                "duration_minutes": 60,
            },
        )
        assert starts_at in {datetime.fromisoformat(slot["starts_at"]) for slot in slots.json()}

    async def test_failed_lesson_write_releases_the_hold(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        body = booking(teacher, at(days=3))
        # A real database failure at the lesson insert, after calendary granted the hold.
        async with app.state.database.engine.begin() as connection:
            await connection.execute(text("ALTER TABLE lesson ADD CONSTRAINT test_reject_all CHECK (false) NOT VALID"))
        try:
            failed = await client.post("/lessons", json=body, headers=student_headers("key-broken"))
        finally:
            async with app.state.database.engine.begin() as connection:
                await connection.execute(text("ALTER TABLE lesson DROP CONSTRAINT test_reject_all"))

        assert failed.status_code == 503
        assert failed.json()["code"] == "booking_failed"
        assert await lesson_count(app) == 0
        # The slot is free again at once: a retry books it instead of meeting our own hold.
        retry = await client.post("/lessons", json=body, headers=student_headers("key-broken"))
        assert retry.status_code == 201, retry.text

    async def test_missing_idempotency_key_is_a_validation_error(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        response = await client.post(
            "/lessons", json=booking(teacher, at(days=3)), headers=jwt_signer.headers("student")
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"

    async def test_a_student_books_only_for_themself(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        response = await client.post(
            "/lessons",
            json=booking(teacher, at(days=3), student_id=str(uuid.uuid4())),
            headers=student_headers("key-other"),
        )
        assert response.status_code == 403
        assert await lesson_count(app) == 0

    async def test_admin_books_for_a_named_student(
        self,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        teacher: str,
    ) -> None:
        headers = {**admin, "Idempotency-Key": "key-admin"}
        unnamed = await client.post("/lessons", json=booking(teacher, at(days=3)), headers=headers)
        assert unnamed.status_code == 422
        assert unnamed.json()["code"] == "student_required"
        student_id = str(uuid.uuid4())
        named = await client.post("/lessons", json=booking(teacher, at(days=3), student_id=student_id), headers=headers)
        assert named.status_code == 201
        assert named.json()["student_ids"] == [student_id]

    async def test_teachers_do_not_book(self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str) -> None:
        headers = {**jwt_signer.headers("teacher", sub=teacher), "Idempotency-Key": "key-teacher"}
        response = await client.post(
            "/lessons", json=booking(teacher, at(days=3), student_id=str(uuid.uuid4())), headers=headers
        )
        assert response.status_code == 403

    async def test_past_start_is_rejected(
        self, client: httpx.AsyncClient, teacher: str, student_headers: Callable[[str], dict[str, str]]
    ) -> None:
        response = await client.post(
            "/lessons", json=booking(teacher, at(days=-1)), headers=student_headers("key-past")
        )
        assert response.status_code == 422
        assert response.json()["code"] == "starts_in_past"

    async def test_trial_is_free_and_once_per_student(
        self,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
    ) -> None:
        trial = await client.post(
            "/lessons", json=booking(teacher, at(days=3), kind="trial"), headers=student_headers("key-trial-1")
        )
        assert trial.status_code == 201
        assert trial.json()["kind"] == "trial"
        assert trial.json()["price_minor"] == 0
        second = await client.post(
            "/lessons", json=booking(teacher, at(days=4), kind="trial"), headers=student_headers("key-trial-2")
        )
        assert second.status_code == 409
        assert second.json()["code"] == "trial_already_used"


async def book(
    client: httpx.AsyncClient, teacher: str, headers: dict[str, str], starts_at: Any, duration: int = 60
) -> dict[str, Any]:
    response = await client.post(
        "/lessons",
        json={"teacher_id": teacher, "starts_at": starts_at.isoformat(), "duration_minutes": duration},
        headers={**headers, "Idempotency-Key": f"key-{uuid.uuid4()}"},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestCancelLesson:
    async def test_early_cancel_by_student_is_free(
        self,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, headers, at(days=3))

        response = await client.post(f"/lessons/{lesson['id']}/cancel", json={"reason": "sick"}, headers=headers)

        assert response.status_code == 200
        result = response.json()
        assert result["late_cancel"] is False
        assert result["charge"] is None
        assert result["lesson"]["status"] == "cancelled"
        event = (
            await calendary.get(f"/internal/events/{lesson['calendar_event_id']}", headers=calendary_service)
        ).json()
        assert event["status"] == "cancelled"
        [cancelled] = await published("lesson.cancelled")
        assert cancelled["late_cancel"] is False
        assert cancelled["charges"] == []
        assert cancelled["cancelled_by"] == "student"
        assert cancelled["reason"] == "sick"

    async def test_late_cancel_by_student_is_charged(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, headers, hours_ahead(23), duration=30)

        result = (await client.post(f"/lessons/{lesson['id']}/cancel", headers=headers)).json()

        assert result["late_cancel"] is True
        assert result["charge"] == {"amount_minor": 200000, "currency": "RUB"}
        assert result["lesson"]["late_cancel"] is True
        [cancelled] = await published("lesson.cancelled")
        assert cancelled["late_cancel"] is True
        assert cancelled["charges"] == [{"student_id": str(student), "amount_minor": 200000}]

    async def test_late_cancel_by_teacher_is_never_charged(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        lesson = await book(client, teacher, jwt_signer.headers("student", sub=student), hours_ahead(23), duration=30)

        result = (
            await client.post(f"/lessons/{lesson['id']}/cancel", headers=jwt_signer.headers("teacher", sub=teacher))
        ).json()

        assert result["late_cancel"] is False
        assert result["charge"] is None
        [cancelled] = await published("lesson.cancelled")
        assert cancelled["cancelled_by"] == "teacher"
        assert cancelled["charges"] == []

    async def test_cancelling_twice_repeats_the_outcome(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, headers, hours_ahead(23), duration=30)
        first = (await client.post(f"/lessons/{lesson['id']}/cancel", headers=headers)).json()
        second = (await client.post(f"/lessons/{lesson['id']}/cancel", headers=headers)).json()

        assert second == first
        assert len(await published("lesson.cancelled")) == 1

    async def test_freed_slot_can_be_booked_again(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, headers, at(days=3))
        await client.post(f"/lessons/{lesson['id']}/cancel", headers=headers)
        again = await book(client, teacher, jwt_signer.headers("student"), at(days=3))
        assert again["status"] == "scheduled"

    async def test_strangers_cannot_cancel(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
    ) -> None:
        lesson = await book(client, teacher, jwt_signer.headers("student", sub=student), at(days=3))
        for headers in (jwt_signer.headers("student"), jwt_signer.headers("teacher")):
            response = await client.post(f"/lessons/{lesson['id']}/cancel", headers=headers)
            assert response.status_code == 403
        detail = await client.get(f"/lessons/{lesson['id']}", headers=jwt_signer.headers("admin"))
        assert detail.json()["status"] == "scheduled"


class TestRescheduleLesson:
    async def test_student_moves_a_lesson(
        self,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        old_start, new_start = at(days=3), at(days=3, hour=14)
        lesson = await book(client, teacher, headers, old_start)

        response = await client.post(
            f"/lessons/{lesson['id']}/reschedule", json={"starts_at": new_start.isoformat()}, headers=headers
        )

        assert response.status_code == 200, response.text
        assert datetime.fromisoformat(response.json()["starts_at"]) == new_start
        event = (
            await calendary.get(f"/internal/events/{lesson['calendar_event_id']}", headers=calendary_service)
        ).json()
        assert datetime.fromisoformat(event["starts_at"]) == new_start
        [moved] = await published("lesson.rescheduled")
        assert moved["old_starts_at"] == old_start.isoformat()
        assert moved["starts_at"] == new_start.isoformat()
        assert moved["ends_at"] == (new_start + timedelta(hours=1)).isoformat()

    async def test_moving_onto_a_taken_slot_keeps_the_lesson(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        teacher: str,
        student: uuid.UUID,
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=student)
        lesson = await book(client, teacher, headers, at(days=3))
        await book(client, teacher, jwt_signer.headers("student"), at(days=3, hour=14))

        response = await client.post(
            f"/lessons/{lesson['id']}/reschedule", json={"starts_at": at(days=3, hour=14).isoformat()}, headers=headers
        )

        assert response.status_code == 409
        assert response.json()["code"] == "slot_taken"
        detail = (await client.get(f"/lessons/{lesson['id']}", headers=headers)).json()
        assert detail["starts_at"] == lesson["starts_at"]
        assert await published("lesson.rescheduled") == []


class TestListAndRead:
    async def test_each_role_sees_its_own_lessons(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        open_teacher: OpenTeacher,
    ) -> None:
        teacher_a, teacher_b = str(uuid.uuid4()), str(uuid.uuid4())
        await open_teacher(teacher_a)
        await open_teacher(teacher_b)
        me, other = uuid.uuid4(), uuid.uuid4()
        mine = await book(client, teacher_a, jwt_signer.headers("student", sub=me), at(days=3))
        theirs = await book(client, teacher_b, jwt_signer.headers("student", sub=other), at(days=3))

        own = (await client.get("/lessons", headers=jwt_signer.headers("student", sub=me))).json()
        assert [item["id"] for item in own["items"]] == [mine["id"]]
        taught = (await client.get("/lessons", headers=jwt_signer.headers("teacher", sub=teacher_b))).json()
        assert [item["id"] for item in taught["items"]] == [theirs["id"]]
        everything = (await client.get("/lessons", headers=jwt_signer.headers("admin"))).json()
        assert everything["total"] == 2
        peek = await client.get(f"/lessons?student_id={other}", headers=jwt_signer.headers("student", sub=me))
        assert peek.status_code == 403
        assert (
            await client.get(f"/lessons/{theirs['id']}", headers=jwt_signer.headers("student", sub=me))
        ).status_code == 403

    async def test_range_filter(self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str) -> None:
        headers = jwt_signer.headers("student")
        soon = await book(client, teacher, headers, at(days=2))
        await book(client, teacher, headers, at(days=6))
        window = {"from": at(days=1).isoformat(), "to": at(days=4).isoformat()}
        page = (await client.get("/lessons", params=window, headers=headers)).json()
        assert [item["id"] for item in page["items"]] == [soon["id"]]


class TestListForAService:
    async def test_the_bot_lists_one_linked_persons_lessons_with_its_scope(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str
    ) -> None:
        me, other = uuid.uuid4(), uuid.uuid4()
        mine = await book(client, teacher, jwt_signer.headers("student", sub=me), at(days=3))
        await book(client, teacher, jwt_signer.headers("student", sub=other), at(days=4))
        bot = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["lessons:read"])

        listed = await client.get("/lessons", params={"student_id": str(me)}, headers=bot)
        assert listed.status_code == 200, listed.text
        assert [(item["id"], item["student_ids"]) for item in listed.json()["items"]] == [(mine["id"], [str(me)])]

        everyone = await client.get("/lessons", headers=bot)
        assert everyone.status_code == 403
        no_scope = jwt_signer.headers("service", sub="service:groups-service", scopes=["groups:read"])
        assert (await client.get("/lessons", params={"student_id": str(me)}, headers=no_scope)).status_code == 403


NOTICE_HOURS = 12


@pytest.fixture
async def notice(app: FastAPI) -> AsyncIterator[int]:
    """The studio asks for 12 hours' notice, for this test only."""
    settings = app.state.settings
    before = settings.lessons_min_booking_notice_hours
    settings.lessons_min_booking_notice_hours = NOTICE_HOURS
    try:
        yield NOTICE_HOURS
    finally:
        settings.lessons_min_booking_notice_hours = before


class TestMinimumBookingNotice:
    async def test_a_student_cannot_book_inside_the_notice_and_nothing_is_booked(
        self,
        client: httpx.AsyncClient,
        teacher: str,
        student_headers: Callable[[str], dict[str, str]],
        jwt_signer: JWTSigner,
        notice: int,
    ) -> None:
        soon = hours_ahead(8)  # the case: 8 hours ahead, inside a 12-hour notice
        refused = await client.post("/lessons", json=booking(teacher, soon), headers=student_headers("too-soon"))

        assert refused.status_code == 409, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "booking_notice_too_short"
        listed = await client.get(
            "/lessons",
            params={
                "teacher_id": teacher,
                "from": datetime.now(UTC).isoformat(),
                "to": (soon + timedelta(days=1)).isoformat(),
            },
            headers=jwt_signer.headers("admin"),
        )
        assert listed.json()["items"] == []

        later = open_hour_ahead(notice + 2)
        booked = await client.post("/lessons", json=booking(teacher, later), headers=student_headers("in-time-key"))
        assert booked.status_code == 201, booked.text

    async def test_the_front_desk_may_book_at_short_notice(
        self, client: httpx.AsyncClient, teacher: str, jwt_signer: JWTSigner, notice: int
    ) -> None:
        headers = {**jwt_signer.headers("admin"), "Idempotency-Key": "desk-soon"}
        body = booking(teacher, open_hour_ahead(3), student_id=str(uuid.uuid4()))
        booked = await client.post("/lessons", json=body, headers=headers)
        assert booked.status_code == 201, booked.text

    async def test_the_policy_says_the_notice(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, notice: int
    ) -> None:
        policy = (await client.get("/policy", headers=jwt_signer.headers("student"))).json()
        assert policy["min_booking_notice_hours"] == NOTICE_HOURS
