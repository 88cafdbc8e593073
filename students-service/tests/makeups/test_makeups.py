"""Make-up credits through the real API and the real event consumer."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from conftest import Studio

MOSCOW = ZoneInfo("Europe/Moscow")


def today() -> date:
    return datetime.now(MOSCOW).date()


async def sell(studio: Studio, student_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "lessons": 4,
        "price_minor": 0,
        "valid_from": (today() - timedelta(days=1)).isoformat(),
        "valid_until": (today() + timedelta(days=30)).isoformat(),
        **fields,
    }
    response = await studio.client.post(f"/students/{student_id}/packages", json=body, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def set_policy(studio: Studio, mode: str, notice_hours: int = 0) -> dict[str, Any]:
    response = await studio.client.put(
        "/makeup-policy", json={"mode": mode, "notice_hours": notice_hours}, headers=studio.admin
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def credits(studio: Studio, student_id: str) -> dict[str, Any]:
    response = await studio.client.get(f"/students/{student_id}/makeup-credits", headers=studio.admin)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def cancel(
    studio: Studio, student_id: str, lesson_id: uuid.UUID, *, hours_ahead: float, late: bool, by: str = "student"
) -> None:
    starts = datetime.now(UTC) + timedelta(hours=hours_ahead)
    await studio.deliver(
        "lesson.cancelled",
        {
            "lesson_id": str(lesson_id),
            "kind": "individual",
            "teacher_id": str(uuid.uuid4()),
            "student_ids": [student_id],
            "starts_at": starts.isoformat(),
            "late_cancel": late,
            "cancelled_by": by,
            "reason": None,
            "charges": [{"student_id": student_id, "amount_minor": 2500}] if late else [],
        },
    )


class TestPolicy:
    async def test_default_returns_the_lesson_and_only_admins_change_it(self, studio: Studio) -> None:
        student = await studio.create_student()
        seen = await studio.client.get("/makeup-policy", headers=studio.student_headers(student["id"]))
        assert (seen.status_code, seen.json()["mode"], seen.json()["notice_hours"]) == (200, "return_to_package", 0)
        refused = await studio.client.put(
            "/makeup-policy",
            json={"mode": "makeup_credit", "notice_hours": 4},
            headers=studio.student_headers(student["id"]),
        )
        assert refused.status_code == 403
        bad = await studio.client.put("/makeup-policy", json={"mode": "free", "notice_hours": 4}, headers=studio.admin)
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert (await set_policy(studio, "makeup_credit", 4))["mode"] == "makeup_credit"
        again = await studio.client.get("/makeup-policy", headers=studio.admin)
        assert again.json()["notice_hours"] == 4


class TestExcusedAbsence:
    async def test_return_to_package_keeps_the_lesson_and_explains_it(self, studio: Studio) -> None:
        student = await studio.create_student()
        package = await sell(studio, student["id"])
        await studio.complete_lesson([(student["id"], "excused", 0)], kind="group")
        assert (await studio.packages(student["id"]))[0]["lessons_used"] == 0
        ledger = await studio.ledger(student["id"])
        assert ledger["balance"]["amount_minor"] == 0
        [line] = ledger["makeup_credits"]["items"]
        assert (line["status"], line["package_id"], ledger["makeup_credits"]["available"]) == (
            "returned",
            package["id"],
            0,
        )
        assert "stays in the package" in line["description"]

    async def test_makeup_credit_takes_the_lesson_once_and_grants_one_credit(self, studio: Studio) -> None:
        await set_policy(studio, "makeup_credit")
        student = await studio.create_student()
        await sell(studio, student["id"])
        lesson_id = uuid.uuid4()
        for _ in range(3):  # replays with fresh event ids: only the (student, lesson) key can help
            await studio.complete_lesson([(student["id"], "excused", 0)], lesson_id=lesson_id, kind="group")
        assert (await studio.packages(student["id"]))[0]["lessons_used"] == 1
        listed = await credits(studio, student["id"])
        assert listed["available"] == 1
        [credit] = listed["items"]
        assert (credit["status"], credit["reason"], credit["source_lesson_id"]) == (
            "available",
            "excused",
            str(lesson_id),
        )
        assert "make-up lesson granted" in credit["description"]
        assert await studio.balance(student["id"]) == 0

    async def test_without_a_package_nothing_is_taken_or_granted(self, studio: Studio) -> None:
        await set_policy(studio, "makeup_credit")
        student = await studio.create_student()
        await studio.complete_lesson([(student["id"], "excused", 0)])
        listed = await credits(studio, student["id"])
        assert (listed["available"], [c["status"] for c in listed["items"]]) == (0, ["returned"])
        assert await studio.balance(student["id"]) == 0


class TestUsingACredit:
    async def test_a_booked_makeup_lesson_is_paid_by_the_credit(self, studio: Studio) -> None:
        await set_policy(studio, "makeup_credit")
        student = await studio.create_student()
        sid = student["id"]
        await sell(studio, sid)
        await studio.complete_lesson([(sid, "excused", 0)], kind="group")
        makeup_lesson = uuid.uuid4()
        url = f"/students/{sid}/makeup-credits/use"
        own = studio.student_headers(sid)
        first = await studio.client.post(url, json={"lesson_id": str(makeup_lesson)}, headers=own)
        again = await studio.client.post(url, json={"lesson_id": str(makeup_lesson)}, headers=own)
        assert (first.status_code, again.status_code) == (200, 200)
        assert first.json()["id"] == again.json()["id"]
        assert first.json()["status"] == "reserved"
        none_left = await studio.client.post(url, json={"lesson_id": str(uuid.uuid4())}, headers=own)
        assert (none_left.status_code, none_left.json()["code"]) == (409, "makeup_credit_unavailable")
        other = await studio.create_student(first_name="Other")
        foreign = await studio.client.post(
            url, json={"lesson_id": str(uuid.uuid4())}, headers=studio.student_headers(other["id"])
        )
        assert foreign.status_code in (403, 404)

        await studio.complete_lesson([(sid, "present", 2500)], lesson_id=makeup_lesson)
        assert (await studio.packages(sid))[0]["lessons_used"] == 1, "the make-up took no package lesson"
        assert await studio.balance(sid) == 0, "and was not charged"
        assert [c["status"] for c in (await credits(studio, sid))["items"]] == ["used"]

    async def test_a_makeup_lesson_cancelled_in_time_gives_the_credit_back(self, studio: Studio) -> None:
        await set_policy(studio, "makeup_credit")
        student = await studio.create_student()
        sid = student["id"]
        await sell(studio, sid)
        await studio.complete_lesson([(sid, "excused", 0)], kind="group")
        makeup_lesson = uuid.uuid4()
        used = await studio.client.post(
            f"/students/{sid}/makeup-credits/use", json={"lesson_id": str(makeup_lesson)}, headers=studio.admin
        )
        assert used.status_code == 200
        await cancel(studio, sid, makeup_lesson, hours_ahead=48, late=False)
        listed = await credits(studio, sid)
        assert (listed["available"], listed["items"][0]["used_lesson_id"]) == (1, None)


class TestLateCancelWithNotice:
    async def test_a_late_cancel_inside_the_makeup_notice_is_excused(self, studio: Studio) -> None:
        await set_policy(studio, "return_to_package", notice_hours=4)
        student = await studio.create_student()
        sid = student["id"]
        await cancel(studio, sid, uuid.uuid4(), hours_ahead=6, late=True)
        assert await studio.balance(sid) == 0
        assert [c["reason"] for c in (await credits(studio, sid))["items"]] == ["late_cancel"]
        # Two hours before the start is too late even for the make-up notice: charged as before.
        await cancel(studio, sid, uuid.uuid4(), hours_ahead=2, late=True)
        assert await studio.balance(sid) == -2500
        # An admin's charged cancel is the admin's decision, not the student's excuse.
        await cancel(studio, sid, uuid.uuid4(), hours_ahead=6, late=True, by="admin")
        assert await studio.balance(sid) == -5000
