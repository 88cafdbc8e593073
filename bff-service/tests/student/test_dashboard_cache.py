"""The student dashboard's cache (ADR 0240) in front of the real services: kept answers, and every
change a student could see on it dropping them."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import redis.asyncio as aioredis
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from bff_service import dashboard_cache
from bff_service.config import Settings
from bff_service.main import create_app
from bff_service.session.service import load_session
from studio_kit.messaging import Event

from ..platform import PASSWORD, Browser, Platform
from .test_router import eventually, free_slots

QUIET_SECONDS = 1.5


@pytest.fixture(autouse=True)
async def quiet_cache(bff: FastAPI) -> None:
    """Start once the events of earlier tests have landed: the cache's generation is global, and a
    late `lesson.cancelled` or `payment.recorded` from the test before would drop the answers this
    test expects to be kept. Quiet = no settling window, generation unchanged for QUIET_SECONDS."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    last: tuple[Any, Any] | None = None
    since = loop.time()
    while True:
        state = tuple(await bff.state.redis.mget(dashboard_cache.GENERATION_KEY, dashboard_cache.SETTLING_KEY))
        now = loop.time()
        if state != last or state[1] is not None:
            last, since = state, now
        elif now - since >= QUIET_SECONDS:
            return
        assert now < deadline, f"the dashboard cache never settled: {state}"
        await asyncio.sleep(0.1)


async def load(student: Browser, platform: Platform, student_id: str) -> tuple[dict[str, Any], bool]:
    """The dashboard, and whether it was computed (lessons-service asked) rather than kept."""
    path = f"/students/{student_id}/lesson-overview"
    before = platform.calls("lessons", path)
    response = await student.get("/api/student/dashboard")
    assert response.status_code == 200, response.text
    return response.json(), platform.calls("lessons", path) > before


async def load_kept(student: Browser, platform: Platform, student_id: str) -> dict[str, Any]:
    """Load twice: the second answer must come from the cache, equal to the first."""
    first, _ = await load(student, platform, student_id)
    second, computed = await load(student, platform, student_id)
    assert not computed
    assert second == first
    return second


async def kept_student(register_student: Callable[..., Any], platform: Platform) -> tuple[Browser, dict[str, Any]]:
    """A new student whose dashboard is kept."""
    student, user = await register_student()
    await load_kept(student, platform, user["id"])
    return student, user


async def book(student: Browser, teacher_id: str) -> dict[str, Any]:
    slot = (await free_slots(student, teacher_id))[0]
    booked = await student.post(
        "/api/booking",
        json={"teacher_id": teacher_id, "starts_at": slot["starts_at"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.text
    lesson: dict[str, Any] = booked.json()["lesson"]
    return lesson


def lesson_scheduled(student_ids: list[str]) -> Event:
    starts_at = datetime.now(UTC) + timedelta(days=1)
    return Event(
        type="lesson.scheduled",
        source="lessons-service",
        data={
            "lesson_id": str(uuid.uuid4()),
            "kind": "individual",
            "teacher_id": str(uuid.uuid4()),
            "student_ids": student_ids,
            "group_id": None,
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
        },
    )


@contextlib.asynccontextmanager
async def another_bff(settings: Settings, student: Browser) -> AsyncIterator[Browser]:
    """A second BFF replica with other settings (no event consumer), and the student's browser on it."""
    application = create_app(settings.model_copy(update={"rabbitmq_url": None}))
    transport = httpx.ASGITransport(app=application)
    async with (
        LifespanManager(application, startup_timeout=30, shutdown_timeout=30),
        httpx.AsyncClient(transport=transport, base_url="https://testserver", cookies=student.http.cookies) as http,
    ):
        yield Browser(http)


@contextlib.contextmanager
def attached(handler: logging.Handler, logger: logging.Logger) -> Iterator[None]:
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


class TestKept:
    async def test_a_second_load_is_served_from_the_cache(
        self, bff: FastAPI, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()

        first, computed = await load(student, platform, user["id"])
        assert computed
        # The services slower than the BFF's deadline: only a kept answer can still come back whole.
        platform.delay("lessons", 2.5)
        platform.delay("students", 2.5)
        second, computed = await load(student, platform, user["id"])

        assert not computed
        assert second == first
        assert second["degraded"] == []
        assert second["balance"] == {"amount_minor": 0, "currency": "RUB"}

    async def test_a_degraded_answer_is_not_kept(
        self, bff: FastAPI, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        platform.delay("groups", 2.5)
        degraded, _ = await load(student, platform, user["id"])
        assert degraded["degraded"] == ["groups"]
        platform.delay("groups", 0.0)

        whole, computed = await load(student, platform, user["id"])

        assert computed
        assert whole["degraded"] == []
        assert whole["groups"] == []

    async def test_zero_seconds_turns_the_cache_off(
        self, bff_settings: Settings, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        settings = bff_settings.model_copy(update={"student_dashboard_cache_seconds": 0})
        async with another_bff(settings, student) as other:
            _, first_computed = await load(other, platform, user["id"])
            _, second_computed = await load(other, platform, user["id"])
        assert first_computed
        assert second_computed


class TestWritesThroughTheBff:
    async def test_a_booking_shows_on_the_next_load(
        self, platform: Platform, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        bystander, other = await kept_student(register_student, platform)
        assert (await load_kept(student, platform, user["id"]))["next_lessons"] == []

        lesson = await book(student, teacher["id"])

        dashboard, computed = await load(student, platform, user["id"])
        assert computed
        assert [item["id"] for item in dashboard["next_lessons"]] == [lesson["id"]]
        # A student's own write drops their dashboard only.
        _, computed = await load(bystander, platform, other["id"])
        assert not computed

    async def test_a_cancel_shows_on_the_next_load(
        self, platform: Platform, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        lesson = await book(student, teacher["id"])
        assert [item["id"] for item in (await load_kept(student, platform, user["id"]))["next_lessons"]] == [
            lesson["id"]
        ]

        cancelled = await student.post(f"/api/lessons/{lesson['id']}/cancel", json={})
        assert cancelled.status_code == 200, cancelled.text

        dashboard, _ = await load(student, platform, user["id"])
        assert dashboard["next_lessons"] == []

    async def test_an_admins_payment_shows_on_the_next_load(
        self, platform: Platform, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        bystander, other = await kept_student(register_student, platform)
        assert (await load_kept(student, platform, user["id"]))["balance"]["amount_minor"] == 0

        paid = await admin.post(
            f"/api/admin/students/{user['id']}/payments",
            json={"amount_minor": 150_000, "method": "cash"},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert paid.status_code == 201, paid.text

        dashboard, _ = await load(student, platform, user["id"])
        assert dashboard["balance"] == {"amount_minor": 150_000, "currency": "RUB"}
        # The BFF does not read whom a staff write touched: every kept dashboard goes.
        _, computed = await load(bystander, platform, other["id"])
        assert computed

    async def test_logging_in_and_out_keeps_the_cache(
        self, platform: Platform, new_browser: Callable[[], Browser], register_student: Callable[..., Any]
    ) -> None:
        student, user = await kept_student(register_student, platform)

        phone = new_browser()
        logged_in = await phone.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert logged_in.status_code == 200, logged_in.text
        logged_out = await phone.post("/api/auth/logout")
        assert logged_out.status_code == 204, logged_out.text
        await register_student()

        _, computed = await load(student, platform, user["id"])
        assert not computed

    async def test_a_refused_write_keeps_the_cache(
        self, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await kept_student(register_student, platform)

        refused = await student.post("/api/booking", json={})
        assert refused.status_code == 422

        _, computed = await load(student, platform, user["id"])
        assert not computed


class TestChangesElsewhere:
    async def test_a_payment_recorded_elsewhere_reaches_the_dashboard_by_its_event(
        self, bff: FastAPI, platform: Platform, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, user = await kept_student(register_student, platform)
        bystander, other = await kept_student(register_student, platform)
        # Recorded at students-service directly, as the online-payment webhook does: the BFF sees no
        # write, only students-service's `payment.recorded`.
        session = await load_session(bff.state.redis, admin.session_id)
        assert session is not None
        async with httpx.AsyncClient(base_url=platform.url("students")) as http:
            paid = await http.post(
                f"/students/{user['id']}/payments",
                json={"amount_minor": 70_000, "method": "transfer"},
                headers={"Authorization": f"Bearer {session.access_token}", "Idempotency-Key": uuid.uuid4().hex},
            )
        assert paid.status_code == 201, paid.text

        async def balance_shown() -> bool:
            dashboard, _ = await load(student, platform, user["id"])
            return bool(dashboard["balance"]["amount_minor"] == 70_000)

        assert await eventually(balance_shown)
        _, computed = await load(bystander, platform, other["id"])
        assert not computed

    async def test_a_lesson_event_drops_the_dashboards_of_the_students_it_names(
        self, bff: FastAPI, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await kept_student(register_student, platform)
        bystander, other = await kept_student(register_student, platform)

        await bff.state.broker.publish(lesson_scheduled([user["id"]]))

        async def recomputed() -> bool:
            return (await load(student, platform, user["id"]))[1]

        assert await eventually(recomputed)
        _, computed = await load(bystander, platform, other["id"])
        assert not computed

    async def test_a_group_membership_drops_every_kept_dashboard(
        self, bff: FastAPI, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        """Every member's card shows the group's members count."""
        _, user = await kept_student(register_student, platform)
        bystander, other = await kept_student(register_student, platform)

        await bff.state.broker.publish(
            Event(
                type="group.member_added",
                source="groups-service",
                data={
                    "group_id": str(uuid.uuid4()),
                    "group_name": "B1 evenings",
                    "student_id": user["id"],
                    "teacher_id": str(uuid.uuid4()),
                },
            )
        )

        async def recomputed() -> bool:
            return (await load(bystander, platform, other["id"]))[1]

        assert await eventually(recomputed)

    async def test_a_completed_or_cancelled_lesson_keeps_no_answer_while_students_settles_it(
        self, bff: FastAPI, platform: Platform, register_student: Callable[..., Any]
    ) -> None:
        student, user = await kept_student(register_student, platform)
        starts_at = datetime.now(UTC) - timedelta(hours=1)
        await bff.state.broker.publish(
            Event(
                type="lesson.cancelled",
                source="lessons-service",
                data={
                    "lesson_id": str(uuid.uuid4()),
                    "kind": "individual",
                    "teacher_id": str(uuid.uuid4()),
                    "student_ids": [],
                    "starts_at": starts_at.isoformat(),
                    "late_cancel": False,
                    "cancelled_by": "admin",
                    "reason": None,
                    "charges": [],
                },
            )
        )

        async def settling() -> bool:
            return bool(await bff.state.redis.exists(dashboard_cache.SETTLING_KEY))

        assert await eventually(settling)
        computed = [(await load(student, platform, user["id"]))[1] for _ in range(2)]
        assert computed == [True, True]


class TestRedisRefusingTheCache:
    async def test_the_dashboard_and_writes_still_answer(
        self,
        bff_settings: Settings,
        platform: Platform,
        admin: Browser,
        register_student: Callable[..., Any],
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """A Redis account that may touch the sessions and the reference cache but not the student
        dashboards' keys: every cache command fails as it would with that part of Redis down."""
        student, user = await register_student()
        name = f"bff-no-dashboards-{uuid.uuid4().hex[:8]}"
        url = urlsplit(str(bff_settings.redis_url))
        root = aioredis.from_url(urlunsplit(url))
        await root.execute_command(
            "ACL", "SETUSER", name, "on", "nopass", "+@all", "~bff:session:*", "~bff:user-sessions:*",
            "~bff:refresh-lock:*", "~bff:cache:*",
        )  # fmt: skip
        refused = urlunsplit(url._replace(netloc=f"{name}:any@{url.netloc}"))
        try:
            async with another_bff(bff_settings.model_copy(update={"redis_url": refused}), student) as other:
                # The app's start-up replaced the root logger's handlers (JSON to stdout).
                with attached(caplog.handler, logging.getLogger("bff_service.dashboard_cache")):
                    dashboard, computed = await load(other, platform, user["id"])
                    assert computed
                    assert dashboard["degraded"] == []
                    assert dashboard["balance"] == {"amount_minor": 0, "currency": "RUB"}
                    _, computed = await load(other, platform, user["id"])
                    assert computed
                    # A write still answers when the dashboards cannot be dropped.
                    saved = await other.put("/api/me/preferences", json={"language": "en", "timezone": "Europe/Moscow"})
                    assert saved.status_code == 200, saved.text
        finally:
            await root.execute_command("ACL", "DELUSER", name)
            await root.aclose()
        messages = [record.getMessage() for record in caplog.records if record.name == "bff_service.dashboard_cache"]
        assert any("cache unavailable" in message for message in messages)
        assert any("not invalidated after a write" in message for message in messages)
