"""The front desk (API.md "Front desk") against the real services."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..platform import Browser


def day_after(days: int) -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)


def at(days: int, hour: int) -> str:
    return (day_after(days) + timedelta(hours=hour)).isoformat()


def within_a_day(count: int) -> list[str]:
    """`count` lesson starts on the hour, two hours apart, 3 to 23 hours ahead (inside the 24 h
    notice window) and never at 23:00 UTC: the test teacher's hours end at 23:59, so a lesson from
    23:00 would end outside them (these tests failed every day from 16:00 to 16:59 UTC)."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    starts = [now + timedelta(hours=hours) for hours in range(3, 24)]
    return [start.isoformat() for start in starts if start.hour != 23][::2][:count]


async def book_for(admin: Browser, student_id: str, teacher_id: str, starts_at: str, **extra: Any) -> dict[str, Any]:
    response = await admin.post(
        "/api/admin/lessons",
        json={
            "student_id": student_id,
            "teacher_id": teacher_id,
            "starts_at": starts_at,
            "duration_minutes": 60,
            **extra,
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    lesson: dict[str, Any] = response.json()["lesson"]
    return lesson


class TestFrontDeskBooking:
    async def test_admin_books_a_trial_the_student_sees_and_the_slot_is_gone(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        start = day_after(3)
        window = {"teacher_id": teacher["id"], "from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}
        slots = (await admin.get("/api/admin/slots", params=window)).json()
        assert slots[0]["starts_at"] == start.isoformat().replace("+00:00", "Z")
        body = {
            "student_id": user["id"],
            "teacher_id": teacher["id"],
            "starts_at": slots[0]["starts_at"],
            "duration_minutes": 60,
            "kind": "trial",
        }
        key = uuid.uuid4().hex

        booked = await admin.post("/api/admin/lessons", json=body, headers={"Idempotency-Key": key})
        replay = await admin.post("/api/admin/lessons", json=body, headers={"Idempotency-Key": key})

        assert booked.status_code == 201, booked.text
        lesson = booked.json()["lesson"]
        assert lesson["kind"] == "trial"
        assert lesson["student_ids"] == [user["id"]]
        assert replay.status_code == 201
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json()["lesson"]["id"] == lesson["id"]
        mine = (await student.get("/api/student/lessons")).json()
        assert [(item["id"], item["kind"]) for item in mine] == [(lesson["id"], "trial")]
        assert slots[0] not in (await admin.get("/api/admin/slots", params=window)).json()

    async def test_two_desks_booking_one_slot_concurrently_book_it_once(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        students = [(await register_student())[1] for _ in range(2)]
        starts_at = at(4, 10)

        answers = await asyncio.gather(
            *(
                admin.post(
                    "/api/admin/lessons",
                    json={"student_id": s["id"], "teacher_id": teacher["id"], "starts_at": starts_at},
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                )
                for s in students
            )
        )

        assert sorted(answer.status_code for answer in answers) == [201, 409]
        [taken] = [answer for answer in answers if answer.status_code == 409]
        assert taken.json()["code"] == "slot_taken"

    async def test_only_admins_book_for_others(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        student, user = await register_student()
        body = {"student_id": user["id"], "teacher_id": teacher["id"], "starts_at": at(3, 9)}
        for browser in (student, teacher_browser):
            response = await browser.post(
                "/api/admin/lessons", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
            )
            assert response.status_code == 403
        assert (await student.get("/api/student/lessons")).json() == []


class TestStudioCalendar:
    async def test_every_teachers_lessons_names_hours_and_time_off(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        first_browser, first = await create_teacher(first_name="Anna")
        _, second = await create_teacher(first_name="Boris")
        _, student = await register_student(first_name="Vera", last_name="Calendar")
        one = await book_for(admin, student["id"], first["id"], at(2, 9))
        two = await book_for(admin, student["id"], second["id"], at(2, 11))
        off = await first_browser.post("/api/teacher/time-off", json={"starts_at": at(3, 0), "ends_at": at(4, 0)})
        assert off.status_code == 201, off.text
        window = {"from": day_after(2).isoformat(), "to": day_after(5).isoformat()}

        calendar = (await admin.get("/api/admin/calendar", params=window)).json()

        assert calendar["degraded"] == []
        assert {first["id"], second["id"]} <= {teacher["id"] for teacher in calendar["teachers"]}
        lessons = {lesson["id"]: lesson for lesson in calendar["lessons"]}
        assert {one["id"], two["id"]} <= set(lessons)
        assert lessons[one["id"]]["students"] == [{"id": student["id"], "first_name": "Vera", "last_name": "Calendar"}]
        assert lessons[two["id"]]["teacher_id"] == second["id"]
        [vacation] = [entry for entry in calendar["time_off"] if entry["teacher_id"] == first["id"]]
        assert datetime.fromisoformat(vacation["starts_at"]) == day_after(3)
        hours = [entry for entry in calendar["availability"] if entry["teacher_id"] == second["id"]]
        assert len(hours) == 3

        only_first = (await admin.get("/api/admin/calendar", params={**window, "teacher_id": first["id"]})).json()
        assert [teacher["id"] for teacher in only_first["teachers"]] == [first["id"]]
        assert [lesson["id"] for lesson in only_first["lessons"]] == [one["id"]]

    async def test_closed_days_show_and_a_group_filter_narrows_the_lessons(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        _, student = await register_student()
        individual = await book_for(admin, student["id"], teacher["id"], at(2, 9))
        group = await admin.post(
            "/api/admin/groups",
            json={
                "name": f"Calendar {uuid.uuid4().hex[:6]}",
                "level": "A2",
                "teacher_id": teacher["id"],
                "capacity": 4,
                "schedule": {
                    "timezone": "UTC",
                    "slots": [{"weekday": day, "start_time": "15:00", "duration_minutes": 60} for day in range(7)],
                },
                "starts_on": day_after(0).date().isoformat(),
                "ends_on": day_after(6).date().isoformat(),
                "status": "active",
                "price_per_lesson_minor": 70000,
            },
        )
        assert group.status_code == 201, group.text
        # A Sunday three weeks ahead: no other test's group meets then.
        sunday = (day_after(21) + timedelta(days=(6 - day_after(21).weekday()) % 7)).date()
        closed = await admin.post("/api/admin/closed-days", json={"date": sunday.isoformat(), "reason": "Holiday"})
        assert closed.status_code == 201, closed.text
        try:
            window = {"from": day_after(2).isoformat(), "to": day_after(3).isoformat()}
            holiday = {"from": f"{sunday.isoformat()}T00:00:00+00:00", "to": f"{sunday.isoformat()}T23:59:00+00:00"}

            narrowed = (
                await admin.get("/api/admin/calendar", params={**window, "group_id": group.json()["id"]})
            ).json()
            everything = (await admin.get("/api/admin/calendar", params=window)).json()
            on_holiday = (await admin.get("/api/admin/calendar", params=holiday)).json()

            assert narrowed["lessons"]
            assert {lesson["group_id"] for lesson in narrowed["lessons"]} == {group.json()["id"]}
            assert individual["id"] in {lesson["id"] for lesson in everything["lessons"]}
            assert {"date": sunday.isoformat(), "reason": "Holiday"} in on_holiday["closed_days"]
            assert sunday.isoformat() not in {day["date"] for day in everything["closed_days"]}
        finally:
            assert (await admin.delete(f"/api/admin/closed-days/{sunday.isoformat()}")).status_code == 204

    async def test_range_is_capped_and_admin_only(self, admin: Browser, register_student: Callable[..., Any]) -> None:
        too_long = {"from": day_after(0).isoformat(), "to": day_after(40).isoformat()}
        response = await admin.get("/api/admin/calendar", params=too_long)
        assert response.status_code == 400
        assert response.json()["code"] == "range_too_large"
        student, _ = await register_student()
        window = {"from": day_after(0).isoformat(), "to": day_after(7).isoformat()}
        assert (await student.get("/api/admin/calendar", params=window)).status_code == 403


class TestRescheduleAndCancel:
    async def test_admin_drags_onto_a_taken_time_then_a_free_one(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        _, other = await register_student()
        lesson = await book_for(admin, user["id"], teacher["id"], at(3, 9))
        await book_for(admin, other["id"], teacher["id"], at(3, 12))

        taken = await admin.post(f"/api/lessons/{lesson['id']}/reschedule", json={"starts_at": at(3, 12)})
        moved = await admin.post(f"/api/lessons/{lesson['id']}/reschedule", json={"starts_at": at(3, 15)})

        assert taken.status_code == 409
        assert taken.json()["code"] == "slot_taken"
        assert moved.status_code == 200, moved.text
        assert datetime.fromisoformat(moved.json()["lesson"]["starts_at"]) == datetime.fromisoformat(at(3, 15))
        [seen] = (await student.get("/api/student/lessons")).json()
        assert datetime.fromisoformat(seen["starts_at"]) == datetime.fromisoformat(at(3, 15))

    async def test_a_student_moves_their_own_lesson_only_outside_the_notice(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, user = await register_student()
        stranger, _ = await register_student()
        (soon,) = within_a_day(1)
        far = await book_for(admin, user["id"], teacher["id"], at(5, 9))
        near = await book_for(admin, user["id"], teacher["id"], soon)
        policy = (await student.get("/api/booking/policy")).json()

        moved = await student.post(f"/api/lessons/{far['id']}/reschedule", json={"starts_at": at(5, 10)})
        refused = await student.post(f"/api/lessons/{near['id']}/reschedule", json={"starts_at": at(5, 14)})
        foreign = await stranger.post(f"/api/lessons/{far['id']}/reschedule", json={"starts_at": at(5, 16)})

        assert policy == {"cancel_notice_hours": 24, "min_booking_notice_hours": 0}
        assert moved.status_code == 200, moved.text
        assert refused.status_code == 409
        assert refused.json()["code"] == "too_late_to_reschedule"
        assert foreign.status_code == 403

    async def test_admin_chooses_the_late_cancel_charge_and_a_teacher_never_charges(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        _, user = await register_student()
        kept_at, waived_at, teacher_at = within_a_day(3)
        kept = await book_for(admin, user["id"], teacher["id"], kept_at)
        waived = await book_for(admin, user["id"], teacher["id"], waived_at)
        by_teacher = await book_for(admin, user["id"], teacher["id"], teacher_at)

        charged = await admin.post(f"/api/lessons/{kept['id']}/cancel", json={"charge": True})
        free = await admin.post(f"/api/lessons/{waived['id']}/cancel", json={"charge": False})
        teacher_cancel = await teacher_browser.post(f"/api/lessons/{by_teacher['id']}/cancel", json={"reason": "ill"})
        teacher_charge = await teacher_browser.post(f"/api/lessons/{by_teacher['id']}/cancel", json={"charge": True})

        assert charged.status_code == 200, charged.text
        assert charged.json()["late_cancel"] is True
        assert charged.json()["charge"] == {"amount_minor": 200000, "currency": "RUB"}
        assert free.json()["late_cancel"] is False
        assert free.json()["charge"] is None
        assert teacher_cancel.status_code == 200, teacher_cancel.text
        assert teacher_cancel.json()["charge"] is None
        assert teacher_cancel.json()["lesson"]["status"] == "cancelled"
        assert teacher_charge.status_code == 403
