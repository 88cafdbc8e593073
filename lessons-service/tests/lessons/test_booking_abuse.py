"""Booking abuse (issue 18): a student's future bookings are capped, booking attempts are rate
limited per account, and trials fall under the cap and the cancellation policy too. Real
concurrent requests through uvicorn, the real calendary-service, PostgreSQL and Redis."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from lessons_service.lessons.models import Lesson
from studio_kit.testing import JWTSigner

OpenTeacher = Callable[[str], Awaitable[None]]


def at(days: int, hour: int = 10) -> datetime:
    return datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


def booking(teacher_id: str, starts_at: datetime, **extra: Any) -> dict[str, Any]:
    return {"teacher_id": teacher_id, "starts_at": starts_at.isoformat(), "duration_minutes": 60, **extra}


async def scheduled_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        query = select(func.count()).select_from(Lesson).where(Lesson.status == "scheduled")
        return int(await session.scalar(query) or 0)


@pytest.fixture
async def teacher(open_teacher: OpenTeacher) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


@pytest.fixture
def as_student(jwt_signer: JWTSigner) -> Callable[[uuid.UUID, str], dict[str, str]]:
    def headers(student: uuid.UUID, key: str) -> dict[str, str]:
        return {**jwt_signer.headers("student", sub=student), "Idempotency-Key": key}

    return headers


class TestActiveBookingCap:
    async def test_parallel_bookings_at_the_cap_book_exactly_the_cap(
        self,
        app: FastAPI,
        live_url: str,
        calendary: httpx.AsyncClient,
        admin: dict[str, str],
        teacher: str,
        as_student: Callable[[uuid.UUID, str], dict[str, str]],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(app.state.settings, "lessons_max_active_bookings", 3)
        student = uuid.uuid4()
        starts = [at(days=3, hour=8 + index) for index in range(8)]
        async with httpx.AsyncClient(base_url=live_url, timeout=60) as http:
            responses = await asyncio.gather(
                *(
                    http.post("/lessons", json=booking(teacher, start), headers=as_student(student, f"cap-{i}-key"))
                    for i, start in enumerate(starts)
                )
            )

        statuses = sorted(response.status_code for response in responses)
        assert statuses == [201] * 3 + [409] * 5, [r.text for r in responses]
        refused = [r for r in responses if r.status_code == 409]
        assert {r.json()["code"] for r in refused} == {"booking_limit_reached"}
        assert refused[0].headers["content-type"].startswith("application/problem+json")
        assert await scheduled_count(app) == 3
        # The refused ones never held the calendar: five of the eight hours are still free.
        slots = await calendary.get(
            f"/teachers/{teacher}/slots",
            headers=admin,
            params={"from": starts[0].isoformat(), "to": (starts[-1] + timedelta(hours=1)).isoformat()},
        )
        assert slots.status_code == 200, slots.text
        free = {datetime.fromisoformat(slot["starts_at"]) for slot in slots.json()}
        assert len(free & set(starts)) == 5

    async def test_a_trial_counts_towards_the_cap_and_a_cancel_frees_a_place(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        teacher: str,
        as_student: Callable[[uuid.UUID, str], dict[str, str]],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(app.state.settings, "lessons_max_active_bookings", 2)
        student = uuid.uuid4()
        trial = await client.post(
            "/lessons", json=booking(teacher, at(days=4), kind="trial"), headers=as_student(student, "cap-trial-1")
        )
        first = await client.post(
            "/lessons", json=booking(teacher, at(days=5)), headers=as_student(student, "cap-ind-1")
        )
        third = await client.post(
            "/lessons", json=booking(teacher, at(days=6)), headers=as_student(student, "cap-ind-2")
        )
        assert (trial.status_code, first.status_code, third.status_code) == (201, 201, 409), third.text
        assert third.json()["code"] == "booking_limit_reached"

        cancelled = await client.post(
            f"/lessons/{first.json()['id']}/cancel", json={}, headers=as_student(student, "unused-key")
        )
        assert cancelled.status_code == 200, cancelled.text
        again = await client.post(
            "/lessons", json=booking(teacher, at(days=6)), headers=as_student(student, "cap-ind-3")
        )
        assert again.status_code == 201, again.text

    async def test_the_front_desk_is_not_capped(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        teacher: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(app.state.settings, "lessons_max_active_bookings", 1)
        student = str(uuid.uuid4())
        for day in (3, 4):
            response = await client.post(
                "/lessons",
                json=booking(teacher, at(days=day), student_id=student),
                headers={**admin, "Idempotency-Key": f"desk-{day}-key"},
            )
            assert response.status_code == 201, response.text


class TestTrialCancellationPolicy:
    async def test_a_late_cancelled_trial_is_spent(
        self,
        client: httpx.AsyncClient,
        teacher: str,
        as_student: Callable[[uuid.UUID, str], dict[str, str]],
        seed_lesson: Callable[..., Awaitable[str]],
    ) -> None:
        student = uuid.uuid4()
        soon = (datetime.now(UTC) + timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
        trial = await seed_lesson(
            teacher_id=uuid.UUID(teacher), student_ids=[student], starts_at=soon, kind="trial", price_minor=0
        )
        cancelled = await client.post(f"/lessons/{trial}/cancel", json={}, headers=as_student(student, "unused-key"))
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["late_cancel"] is True

        another = await client.post(
            "/lessons", json=booking(teacher, at(days=5), kind="trial"), headers=as_student(student, "trial-again")
        )
        assert another.status_code == 409, another.text
        assert another.json()["code"] == "trial_already_used"

    async def test_a_trial_cancelled_in_time_can_be_booked_again(
        self,
        client: httpx.AsyncClient,
        teacher: str,
        as_student: Callable[[uuid.UUID, str], dict[str, str]],
    ) -> None:
        student = uuid.uuid4()
        trial = await client.post(
            "/lessons", json=booking(teacher, at(days=4), kind="trial"), headers=as_student(student, "trial-first")
        )
        assert trial.status_code == 201, trial.text
        cancelled = await client.post(
            f"/lessons/{trial.json()['id']}/cancel", json={}, headers=as_student(student, "unused-key")
        )
        assert cancelled.json()["late_cancel"] is False
        again = await client.post(
            "/lessons", json=booking(teacher, at(days=5), kind="trial"), headers=as_student(student, "trial-second")
        )
        assert again.status_code == 201, again.text


class TestBookingRateLimit:
    async def test_attempts_past_the_limit_answer_429_with_retry_after(
        self,
        app: FastAPI,
        live_url: str,
        teacher: str,
        admin: dict[str, str],
        as_student: Callable[[uuid.UUID, str], dict[str, str]],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(app.state.settings, "lessons_booking_attempts", 4)
        monkeypatch.setattr(app.state.settings, "lessons_booking_window_seconds", 120)
        student, other = uuid.uuid4(), uuid.uuid4()
        # Attempts count whatever their outcome: a slot in the past is refused and still counts.
        past = booking(teacher, at(days=-1))
        async with httpx.AsyncClient(base_url=live_url, timeout=60) as http:
            responses = await asyncio.gather(
                *(http.post("/lessons", json=past, headers=as_student(student, f"rate-{i}-key")) for i in range(7))
            )
            limited = [r for r in responses if r.status_code == 429]
            assert len(limited) == 3, [r.status_code for r in responses]
            assert {r.json()["code"] for r in limited} == {"booking_rate_limited"}
            assert all(1 <= int(r.headers["Retry-After"]) <= 120 for r in limited)
            assert limited[0].headers["content-type"].startswith("application/problem+json")
            # Another student and the front desk are not held back by this one's attempts.
            fresh = await http.post(
                "/lessons", json=booking(teacher, at(days=3)), headers=as_student(other, "rate-ok-key")
            )
            assert fresh.status_code == 201, fresh.text
            for i in range(6):
                desk = await http.post(
                    "/lessons",
                    json={**past, "student_id": str(student)},
                    headers={**admin, "Idempotency-Key": f"desk-{i}-key"},
                )
                assert desk.status_code != 429
        assert await scheduled_count(app) == 1
