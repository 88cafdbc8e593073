"""Staffing through the BFF against the real services: time off shows its clashes, the admin
substitutes them, date exceptions and weekly hours for the teacher and for the admin."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..platform import Browser


def day_after(days: int) -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)


def at(days: int, hour: int) -> str:
    return (day_after(days) + timedelta(hours=hour)).isoformat()


async def book_for(admin: Browser, student_id: str, teacher_id: str, starts_at: str) -> dict[str, Any]:
    response = await admin.post(
        "/api/admin/lessons",
        json={"student_id": student_id, "teacher_id": teacher_id, "starts_at": starts_at, "duration_minutes": 60},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    lesson: dict[str, Any] = response.json()["lesson"]
    return lesson


class TestTimeOffClashes:
    async def test_teacher_sees_the_clashes_and_the_admin_substitutes_them(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher(first_name="Ivan")
        _, substitute = await create_teacher(first_name="Olga")
        _, busy = await create_teacher(first_name="Petr")
        student_browser, student = await register_student(first_name="Mila", last_name="Clash")
        inside = await book_for(admin, student["id"], teacher["id"], at(4, 10))
        outside = await book_for(admin, student["id"], teacher["id"], at(8, 10))
        await book_for(admin, (await register_student())[1]["id"], busy["id"], at(4, 10))

        off = await teacher_browser.post(
            "/api/teacher/time-off", json={"starts_at": at(3, 0), "ends_at": at(6, 0), "reason": "Flu"}
        )

        assert off.status_code == 201, off.text
        assert off.json()["time_off"]["reason"] == "Flu"
        [clash] = off.json()["clashes"]
        assert clash["id"] == inside["id"]
        assert clash["students"] == [{"id": student["id"], "first_name": "Mila", "last_name": "Clash"}]
        listed = (await admin.get(f"/api/admin/teachers/{teacher['id']}/clashes")).json()["clashes"]
        assert [lesson["id"] for lesson in listed] == [inside["id"]]
        assert [lesson["id"] for lesson in (await teacher_browser.get("/api/teacher/clashes")).json()["clashes"]] == [
            inside["id"]
        ]

        refused = await admin.post(f"/api/admin/lessons/{inside['id']}/substitute", json={"teacher_id": busy["id"]})
        assert refused.status_code == 409
        assert refused.json()["code"] == "slot_taken"
        assert refused.headers["content-type"] == "application/problem+json"

        moved = await admin.post(f"/api/admin/lessons/{inside['id']}/substitute", json={"teacher_id": substitute["id"]})

        assert moved.status_code == 200, moved.text
        assert moved.json()["lesson"]["teacher_id"] == substitute["id"]
        assert (await admin.get(f"/api/admin/teachers/{teacher['id']}/clashes")).json()["clashes"] == []
        mine = (await student_browser.get("/api/student/lessons")).json()
        assert {lesson["id"]: lesson["teacher"]["id"] for lesson in mine} == {
            inside["id"]: substitute["id"],
            outside["id"]: teacher["id"],
        }

    async def test_admin_adds_time_off_for_a_teacher_and_only_admins_substitute(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        _, other = await create_teacher()
        _, student = await register_student()
        lesson = await book_for(admin, student["id"], teacher["id"], at(5, 12))

        off = await admin.post(
            f"/api/admin/teachers/{teacher['id']}/time-off", json={"starts_at": at(5, 0), "ends_at": at(6, 0)}
        )

        assert off.status_code == 201, off.text
        assert [clash["id"] for clash in off.json()["clashes"]] == [lesson["id"]]
        refused = await teacher_browser.post(
            f"/api/admin/lessons/{lesson['id']}/substitute", json={"teacher_id": other["id"]}
        )
        assert refused.status_code == 403
        detail = (await admin.get(f"/api/lessons/{lesson['id']}")).json()
        assert detail["teacher_id"] == teacher["id"]


class TestExceptionsAndHours:
    async def test_closed_day_and_extra_hours_move_the_slots(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        window = {
            "teacher_id": teacher["id"],
            "from": day_after(6).isoformat(),
            "to": day_after(7).isoformat(),
            "duration_minutes": 60,
        }
        assert (await admin.get("/api/admin/slots", params=window)).json()

        closed = await teacher_browser.post(
            "/api/teacher/availability/exceptions", json={"date": day_after(6).date().isoformat(), "available": False}
        )

        assert closed.status_code == 201, closed.text
        assert closed.json()["available"] is False
        assert (await admin.get("/api/admin/slots", params=window)).json() == []
        listed = (await teacher_browser.get("/api/teacher/availability/exceptions")).json()
        assert [entry["id"] for entry in listed] == [closed.json()["id"]]

        deleted = await teacher_browser.send("DELETE", f"/api/teacher/availability/exceptions/{closed.json()['id']}")
        assert deleted.status_code == 204
        assert (await admin.get("/api/admin/slots", params=window)).json()

    async def test_admin_edits_weekly_hours_and_adds_extra_hours(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        path = f"/api/admin/teachers/{teacher['id']}/availability"
        rules = [{"weekday": day, "start_time": "10:00", "end_time": "12:00"} for day in range(7)]

        replaced = await admin.put(path, json={"timezone": "UTC", "rules": rules})

        assert replaced.status_code == 200, replaced.text
        assert (await admin.get(path)).json()["rules"] == replaced.json()["rules"]
        day = day_after(6)
        window = {"teacher_id": teacher["id"], "from": day.isoformat(), "to": (day + timedelta(days=1)).isoformat()}
        assert [slot["starts_at"][11:16] for slot in (await admin.get("/api/admin/slots", params=window)).json()] == [
            "10:00",
            "10:30",
            "11:00",
        ]
        extra = await admin.post(
            f"{path}/exceptions",
            json={"date": day.date().isoformat(), "available": True, "start_time": "18:00", "end_time": "19:00"},
        )
        assert extra.status_code == 201, extra.text
        assert extra.json()["kind"] == "extra"
        starts = [slot["starts_at"][11:16] for slot in (await admin.get("/api/admin/slots", params=window)).json()]
        assert starts == ["10:00", "10:30", "11:00", "18:00"]
        assert [entry["id"] for entry in (await admin.get(f"{path}/exceptions")).json()] == [extra.json()["id"]]

    async def test_bad_input_is_refused_and_changes_nothing(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        path = f"/api/admin/teachers/{teacher['id']}/availability/exceptions"

        missing_times = await admin.post(path, json={"date": day_after(6).date().isoformat(), "available": True})
        backwards = await admin.post(
            path,
            json={
                "date": day_after(6).date().isoformat(),
                "available": False,
                "start_time": "12:00",
                "end_time": "10:00",
            },
        )
        not_admin = await teacher_browser.put(
            f"/api/admin/teachers/{teacher['id']}/availability", json={"timezone": "UTC", "rules": []}
        )

        assert (missing_times.status_code, backwards.status_code, not_admin.status_code) == (422, 422, 403)
        assert missing_times.headers["content-type"] == "application/problem+json"
        assert (await admin.get(path)).json() == []
        assert len((await admin.get(f"/api/admin/teachers/{teacher['id']}/availability")).json()["rules"]) == 7
