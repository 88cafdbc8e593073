"""Fan-out against the real services: parallel calls, deadlines, partial answers, 503 not 500."""

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from .platform import Browser, Platform


async def book_a_lesson(
    create_teacher: Callable[..., Any], register_student: Callable[..., Any]
) -> tuple[Browser, dict[str, Any]]:
    _, teacher = await create_teacher()
    student, _ = await register_student()
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    slots = (
        await student.get(
            "/api/booking/slots",
            params={
                "teacher_id": teacher["id"],
                "from": start.isoformat(),
                "to": (start + timedelta(days=1)).isoformat(),
            },
        )
    ).json()
    booked = await student.post(
        "/api/booking",
        json={"teacher_id": teacher["id"], "starts_at": slots[0]["starts_at"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.text
    return student, booked.json()["lesson"]


async def timed_get(browser: Browser, path: str) -> tuple[float, Any]:
    started = time.perf_counter()
    response = await browser.get(path)
    return time.perf_counter() - started, response


class TestParallelFanOut:
    async def test_dashboard_takes_as_long_as_its_slowest_call_not_the_sum(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any], platform: Platform
    ) -> None:
        student, lesson = await book_a_lesson(create_teacher, register_student)
        delays = {"lessons": 0.3, "students": 0.4, "groups": 0.8, "teachers": 0.2}
        for name, seconds in delays.items():
            platform.delay(name, seconds)
        # lessons and students are each called twice, groups and teachers once: 2.4 s in a row.
        elapsed, response = await timed_get(student, "/api/student/dashboard")
        assert response.status_code == 200
        assert [item["id"] for item in response.json()["next_lessons"]] == [lesson["id"]]
        assert response.json()["degraded"] == []
        # In parallel: the slowest call (0.8 s) plus overhead; in a row it could not be under 2.4 s.
        # The margin absorbs a loaded 2-core machine without admitting a sequential fan-out.
        assert 0.8 <= elapsed < 2.0, elapsed


class TestPartialAnswers:
    async def test_a_stopped_non_critical_service_leaves_its_part_empty_and_flagged(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any], platform: Platform
    ) -> None:
        student, lesson = await book_a_lesson(create_teacher, register_student)
        async with platform.stopped("groups"), platform.stopped("students"):
            response = await student.get("/api/student/dashboard")
            assert response.status_code == 200
            body = response.json()
            assert body["degraded"] == ["groups", "students"]
            assert body["groups"] == []
            assert body["balance"] is None
            assert [item["id"] for item in body["next_lessons"]] == [lesson["id"]]
            assert body["next_lessons"][0]["teacher"]["first_name"] == "Tanya"
        assert (await student.get("/api/student/dashboard")).json()["degraded"] == []

    async def test_a_slow_non_critical_service_is_cut_at_the_deadline(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any], platform: Platform
    ) -> None:
        student, lesson = await book_a_lesson(create_teacher, register_student)
        platform.delay("groups", 3.5)
        elapsed, response = await timed_get(student, "/api/student/dashboard")
        assert response.status_code == 200
        assert response.json()["degraded"] == ["groups"]
        assert [item["id"] for item in response.json()["next_lessons"]] == [lesson["id"]]
        assert elapsed < 3.0, elapsed  # the 2 s deadline, not the 3.5 s the service takes

    async def test_a_stopped_critical_service_is_503_problem_never_500(
        self, register_student: Callable[..., Any], platform: Platform
    ) -> None:
        student, _ = await register_student()
        async with platform.stopped("lessons"):
            response = await student.get("/api/student/dashboard")
            assert response.status_code == 503
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "service_unavailable"
            assert response.json()["service"] == "lessons"
        assert (await student.get("/api/student/dashboard")).status_code == 200

    async def test_a_slow_critical_service_is_503_at_the_deadline(
        self, register_student: Callable[..., Any], platform: Platform
    ) -> None:
        student, _ = await register_student()
        platform.delay("lessons", 3.5)
        elapsed, response = await timed_get(student, "/api/student/dashboard")
        assert response.status_code == 503
        assert response.json()["service"] == "lessons"
        assert elapsed < 3.0, elapsed
