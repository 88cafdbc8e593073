"""Make-up credits against the real services: an excused absence under the make-up policy grants
one credit, the student books a lesson with it, and the completed make-up costs nothing more."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from studio_kit.messaging import Event

from ..platform import Browser


async def eventually(probe: Callable[[], Any], timeout: float = 15) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await probe()
        if value or asyncio.get_running_loop().time() > deadline:
            return value
        await asyncio.sleep(0.2)


@pytest.fixture
async def makeup_policy(admin: Browser) -> AsyncIterator[None]:
    """The policy is studio-wide: set it for one test, and put the default back for the others."""
    response = await admin.put("/api/admin/makeup-policy", json={"mode": "makeup_credit", "notice_hours": 4})
    assert response.status_code == 200, response.text
    yield
    await admin.put("/api/admin/makeup-policy", json={"mode": "return_to_package", "notice_hours": 0})


async def first_slot(student: Browser, teacher_id: str, days: int) -> str:
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)
    slots = (
        await student.get(
            "/api/booking/slots",
            params={"teacher_id": teacher_id, "from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()},
        )
    ).json()
    return str(slots[0]["starts_at"])


async def publish_completed(bff: Any, lesson_id: str, starts_at: str, teacher_id: str, rows: list[Any]) -> None:
    """What lessons-service publishes when the teacher completes a lesson."""
    await bff.state.broker.publish(
        Event(
            type="lesson.completed",
            source="lessons-service",
            data={
                "lesson_id": lesson_id,
                "kind": "individual",
                "teacher_id": teacher_id,
                "group_id": None,
                "starts_at": starts_at,
                "ends_at": starts_at,
                "duration_minutes": 60,
                "attendance": [
                    {"student_id": sid, "status": status, "price_minor": price} for sid, status, price in rows
                ],
            },
        )
    )


class TestMakeupCredits:
    async def test_an_excused_absence_pays_for_a_booked_makeup_lesson(
        self,
        admin: Browser,
        bff: Any,
        makeup_policy: None,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        sold = await admin.post(
            f"/api/admin/students/{user['id']}/packages",
            json={"lessons": 4, "price_minor": 0, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
        )
        assert sold.status_code == 201, sold.text
        missed = datetime.now(UTC) - timedelta(hours=3)
        await publish_completed(bff, str(uuid.uuid4()), missed.isoformat(), teacher["id"], [(user["id"], "excused", 0)])

        async def credit_left() -> int:
            ledger = (await student.get("/api/student/ledger")).json()
            return int(ledger["makeup_credits"]["available"])

        assert await eventually(credit_left) == 1
        policy = (await student.get("/api/makeup-policy")).json()
        assert (policy["mode"], policy["notice_hours"]) == ("makeup_credit", 4)

        key = {"Idempotency-Key": uuid.uuid4().hex}
        body = {"teacher_id": teacher["id"], "starts_at": await first_slot(student, teacher["id"], 2)}
        booked = await student.post("/api/booking", json={**body, "use_makeup_credit": True}, headers=key)
        replay = await student.post("/api/booking", json={**body, "use_makeup_credit": True}, headers=key)
        assert booked.status_code == 201, booked.text
        assert booked.json()["makeup_credit"]["status"] == "reserved"
        assert replay.status_code == 201, replay.text
        assert replay.json()["makeup_credit"]["id"] == booked.json()["makeup_credit"]["id"]
        lesson = booked.json()["lesson"]
        another = {"teacher_id": teacher["id"], "starts_at": await first_slot(student, teacher["id"], 3)}
        refused = await student.post(
            "/api/booking", json={**another, "use_makeup_credit": True}, headers={"Idempotency-Key": uuid.uuid4().hex}
        )
        assert (refused.status_code, refused.json()["code"]) == (409, "makeup_credit_unavailable")

        await publish_completed(bff, lesson["id"], lesson["starts_at"], teacher["id"], [(user["id"], "present", 2000)])

        async def used() -> list[str]:
            credits = (await student.get("/api/student/makeup-credits")).json()
            return [item["status"] for item in credits["items"] if item["status"] == "used"]

        assert await eventually(used) == ["used"]
        ledger = (await student.get("/api/student/ledger")).json()
        assert ledger["balance"]["amount_minor"] == 0, "the make-up lesson was not charged"
        packages = (await admin.get(f"/api/admin/students/{user['id']}")).json()["packages"]
        assert [p["lessons_used"] for p in packages] == [1], "only the excused lesson was taken"

    async def test_the_desk_pays_only_the_students_own_upcoming_lesson(
        self, admin: Browser, register_student: Callable[..., Any], create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        _, user = await register_student()
        other, _ = await register_student()
        booked = await other.post(
            "/api/booking",
            json={"teacher_id": teacher["id"], "starts_at": await first_slot(other, teacher["id"], 2)},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert booked.status_code == 201, booked.text

        response = await admin.post(
            f"/api/admin/students/{user['id']}/makeup-credits/use", json={"lesson_id": booked.json()["lesson"]["id"]}
        )

        assert (response.status_code, response.json()["code"]) == (409, "lesson_not_for_makeup")
        assert (await admin.get(f"/api/admin/students/{user['id']}/makeup-credits")).json()["available"] == 0

    async def test_only_admins_set_the_policy(self, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()

        response = await student.put("/api/admin/makeup-policy", json={"mode": "makeup_credit", "notice_hours": 1})

        assert response.status_code == 403
        assert (await student.get("/api/makeup-policy")).json()["mode"] == "return_to_package"
