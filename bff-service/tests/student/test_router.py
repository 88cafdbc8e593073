"""The student's screens (API.md "Student") against the real services."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from studio_kit.messaging import Event

from ..platform import Browser


def day_after(days: int) -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)


async def free_slots(student: Browser, teacher_id: str, days: int = 3) -> list[dict[str, Any]]:
    start = day_after(days)
    response = await student.get(
        "/api/booking/slots",
        params={
            "teacher_id": teacher_id,
            "from": start.isoformat(),
            "to": (start + timedelta(days=1)).isoformat(),
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 200, response.text
    slots: list[dict[str, Any]] = response.json()
    return slots


async def eventually(probe: Callable[[], Any], timeout: float = 15) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await probe()
        if value or asyncio.get_running_loop().time() > deadline:
            return value
        await asyncio.sleep(0.2)


class TestBooking:
    async def test_book_replay_and_slot_taken(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        slots = await free_slots(student, teacher["id"])
        assert len(slots) >= 20
        assert set(slots[0]) == {"starts_at", "ends_at"}
        body = {"teacher_id": teacher["id"], "starts_at": slots[0]["starts_at"], "duration_minutes": 60}
        key = uuid.uuid4().hex

        booked = await student.post("/api/booking", json=body, headers={"Idempotency-Key": key})
        assert booked.status_code == 201, booked.text
        lesson = booked.json()["lesson"]
        assert lesson["status"] == "scheduled"
        assert lesson["kind"] == "individual"
        assert lesson["teacher"]["id"] == teacher["id"]
        assert lesson["teacher"]["first_name"] == "Tanya"
        assert datetime.fromisoformat(lesson["starts_at"]) == datetime.fromisoformat(slots[0]["starts_at"])

        replay = await student.post("/api/booking", json=body, headers={"Idempotency-Key": key})
        assert replay.status_code == 201
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json()["lesson"]["id"] == lesson["id"]

        other, _ = await register_student()
        taken = await other.post("/api/booking", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert taken.status_code == 409
        assert taken.json()["code"] == "slot_taken"
        assert slots[0] not in await free_slots(student, teacher["id"])

        mine = (await student.get("/api/student/lessons")).json()
        assert [item["id"] for item in mine] == [lesson["id"]]
        assert mine[0]["teacher"]["last_name"] == "Teacher"
        assert set(mine[0]) >= {"id", "kind", "status", "starts_at", "ends_at", "teacher", "topic", "homework"}
        dashboard = (await student.get("/api/student/dashboard")).json()
        assert [item["id"] for item in dashboard["next_lessons"]] == [lesson["id"]]
        assert dashboard["balance"] == {"amount_minor": 0, "currency": "RUB"}
        assert dashboard["packages"] == []
        assert dashboard["groups"] == []
        assert dashboard["homework"] == []
        assert dashboard["degraded"] == []

    async def test_booking_needs_an_idempotency_key(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        slots = await free_slots(student, teacher["id"])
        response = await student.post(
            "/api/booking", json={"teacher_id": teacher["id"], "starts_at": slots[0]["starts_at"]}
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert (await student.get("/api/student/lessons")).json() == []

    async def test_the_key_follows_the_services_rules(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        first, second = (await free_slots(student, teacher["id"]))[:2]
        body = {"teacher_id": teacher["id"], "starts_at": first["starts_at"], "duration_minutes": 60}

        short = await student.post("/api/booking", json=body, headers={"Idempotency-Key": "1234567"})
        assert short.status_code == 422
        assert short.json()["code"] == "validation_error"
        assert (await student.get("/api/student/lessons")).json() == []

        key = uuid.uuid4().hex
        booked = await student.post("/api/booking", json=body, headers={"Idempotency-Key": key})
        assert booked.status_code == 201, booked.text
        reused = await student.post(
            "/api/booking", json={**body, "starts_at": second["starts_at"]}, headers={"Idempotency-Key": key}
        )
        assert reused.status_code == 422
        assert reused.headers["content-type"].startswith("application/problem+json")
        assert reused.json()["code"] == "idempotency_key_reused"
        lessons = (await student.get("/api/student/lessons")).json()
        assert [lesson["id"] for lesson in lessons] == [booked.json()["lesson"]["id"]]

    async def test_slot_range_is_capped(self, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()
        start = day_after(1)
        response = await student.get(
            "/api/booking/slots",
            params={
                "teacher_id": str(uuid.uuid4()),
                "from": start.isoformat(),
                "to": (start + timedelta(days=40)).isoformat(),
            },
        )
        assert response.status_code == 400
        assert response.json()["code"] == "range_too_large"

    async def test_a_teacher_cannot_book_as_a_student(self, create_teacher: Callable[..., Any]) -> None:
        teacher_browser, teacher = await create_teacher()
        response = await teacher_browser.post(
            "/api/booking",
            json={"teacher_id": teacher["id"], "starts_at": day_after(3).isoformat()},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 403


async def book_soon(student: Browser, teacher_id: str) -> dict[str, Any]:
    """A lesson 3 hours ahead: inside the 24 h cancellation notice."""
    soon = datetime.now(UTC) + timedelta(hours=3)
    slots = (
        await student.get(
            "/api/booking/slots",
            params={"teacher_id": teacher_id, "from": soon.isoformat(), "to": (soon + timedelta(hours=6)).isoformat()},
        )
    ).json()
    booked = await student.post(
        "/api/booking",
        json={"teacher_id": teacher_id, "starts_at": slots[0]["starts_at"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.text
    lesson: dict[str, Any] = booked.json()["lesson"]
    return lesson


async def sell_package(admin: Browser, student_id: str, lessons: int = 4) -> dict[str, Any]:
    sold = await admin.post(
        f"/api/admin/students/{student_id}/packages",
        json={"lessons": lessons, "price_minor": 0, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
    )
    assert sold.status_code == 201, sold.text
    package: dict[str, Any] = sold.json()
    return package


class TestBookingQuote:
    async def test_quote_names_the_price_and_the_cancellation_notice(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        slot = (await free_slots(student, teacher["id"]))[0]

        response = await student.get(
            "/api/booking/quote", params={"starts_at": slot["starts_at"], "duration_minutes": 60}
        )

        assert response.status_code == 200, response.text
        quote = response.json()
        assert quote["price"]["amount_minor"] > 0
        assert quote["price"]["currency"] == "RUB"
        assert quote["package"] is None
        assert quote["cancel_notice_hours"] == 24

    async def test_quote_names_the_package_that_would_pay(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        package = await sell_package(admin, user["id"])
        slot = (await free_slots(student, teacher["id"]))[0]

        quote = (
            await student.get("/api/booking/quote", params={"starts_at": slot["starts_at"], "duration_minutes": 60})
        ).json()

        assert quote["package"]["id"] == package["id"]
        assert quote["package"]["lessons_left"] == 4

    async def test_quote_needs_a_time_with_an_offset(self, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()
        response = await student.get("/api/booking/quote", params={"starts_at": "2030-01-01T10:00:00"})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"


class TestCancel:
    async def test_late_cancel_covered_by_a_package_says_a_package_lesson_was_used(
        self, bff: Any, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        package = await sell_package(admin, user["id"])
        lesson = await book_soon(student, teacher["id"])

        cancelled = await student.post(f"/api/lessons/{lesson['id']}/cancel", json={})

        assert cancelled.status_code == 200, cancelled.text
        body = cancelled.json()
        assert body["late_cancel"] is True
        assert body["charge"] is None
        assert body["package"]["id"] == package["id"]
        # What lessons-service publishes for that cancel (its relay has no broker on this platform):
        # students-service pays it from the package the BFF named, and the balance does not move.
        await bff.state.broker.publish(
            Event(
                type="lesson.cancelled",
                source="lessons-service",
                data={
                    "lesson_id": lesson["id"],
                    "kind": "individual",
                    "starts_at": lesson["starts_at"],
                    "late_cancel": True,
                    "charges": [{"student_id": user["id"], "amount_minor": lesson["price_minor"]}],
                },
            )
        )

        async def package_used() -> bool:
            packages = (await student.get("/api/student/dashboard")).json()["packages"]
            return any(item["id"] == package["id"] and item["lessons_left"] == 3 for item in packages)

        assert await eventually(package_used)
        ledger = (await student.get("/api/student/ledger")).json()
        assert ledger["balance"]["amount_minor"] == 0
        assert [entry for entry in ledger["entries"] if entry["kind"] == "late_cancel_charge"] == []

    async def test_late_cancel_is_charged_and_shows_in_the_ledger(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        soon = datetime.now(UTC) + timedelta(hours=3)
        slots = (
            await student.get(
                "/api/booking/slots",
                params={
                    "teacher_id": teacher["id"],
                    "from": soon.isoformat(),
                    "to": (soon + timedelta(hours=6)).isoformat(),
                },
            )
        ).json()
        booked = await student.post(
            "/api/booking",
            json={"teacher_id": teacher["id"], "starts_at": slots[0]["starts_at"]},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        lesson_id = booked.json()["lesson"]["id"]

        cancelled = await student.post(f"/api/lessons/{lesson_id}/cancel", json={"reason": "ill"})
        assert cancelled.status_code == 200, cancelled.text
        body = cancelled.json()
        assert body["lesson"]["status"] == "cancelled"
        assert body["late_cancel"] is True  # inside the 24 h notice
        assert body["charge"]["amount_minor"] > 0
        assert body["package"] is None  # no package: the balance pays
        ledger = (await student.get("/api/student/ledger")).json()
        assert set(ledger) == {"balance", "entries", "makeup_credits"}
        assert ledger["balance"]["currency"] == "RUB"

    async def test_someone_elses_lesson_cannot_be_cancelled(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        owner, _ = await register_student()
        stranger, _ = await register_student()
        slots = await free_slots(owner, teacher["id"], days=4)
        booked = await owner.post(
            "/api/booking",
            json={"teacher_id": teacher["id"], "starts_at": slots[1]["starts_at"]},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        lesson_id = booked.json()["lesson"]["id"]
        response = await stranger.post(f"/api/lessons/{lesson_id}/cancel", json={})
        assert response.status_code in (403, 404)
        assert response.headers["content-type"] == "application/problem+json"
        assert (await owner.get("/api/student/lessons")).json()[0]["status"] == "scheduled"


class TestLedger:
    async def test_ledger_lines_come_as_codes_and_parameters(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        paid = await admin.post(
            f"/api/admin/students/{user['id']}/payments",
            json={"amount_minor": 150_000, "method": "card", "comment": "December"},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert paid.status_code == 201, paid.text

        entries = (await student.get("/api/student/ledger")).json()["entries"]

        assert [(entry["code"], entry["params"]) for entry in entries] == [
            ("payment", {"method": "card", "comment": "December"})
        ]
