"""The student's screens (API.md "Student") against the real services."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

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


class TestCancel:
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
