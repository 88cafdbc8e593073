"""The group timetable and waitlist offers through the BFF, against the real services."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..platform import Browser

TUESDAY_AND_FRIDAY = {
    "timezone": "UTC",
    "slots": [
        {"weekday": 1, "start_time": "10:00", "duration_minutes": 60},
        {"weekday": 4, "start_time": "10:00", "duration_minutes": 60},
    ],
}


async def make_group(admin: Browser, teacher_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "name": f"Group {uuid.uuid4().hex[:6]}",
        "level": "B1",
        "teacher_id": teacher_id,
        "capacity": 2,
        "schedule": TUESDAY_AND_FRIDAY,
        "starts_on": date.today().isoformat(),
        "ends_on": (date.today() + timedelta(days=27)).isoformat(),
        "price_per_lesson_minor": 70000,
        **fields,
    }
    response = await admin.post("/api/admin/groups", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def sessions_until(last: date, weekdays: set[int]) -> int:
    now = datetime.now(UTC)
    count, day = 0, date.today()
    while day <= last:
        if day.weekday() in weekdays and datetime(day.year, day.month, day.day, 10, tzinfo=UTC) > now:
            count += 1
        day += timedelta(days=1)
    return count


async def group_lessons(admin: Browser, group_id: str) -> list[dict[str, Any]]:
    start = datetime.now(UTC)
    params = {"from": start.isoformat(), "to": (start + timedelta(days=60)).isoformat()}
    response = await admin.get(f"/api/admin/groups/{group_id}/lessons", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["lessons"])


class TestGroupTimetable:
    async def test_activating_books_the_term_with_the_members_on_the_rosters(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        group = await make_group(admin, teacher["id"])
        students = [(await register_student(first_name=f"Member{index}"))[1] for index in range(2)]
        for student in students:
            added = await admin.post(f"/api/admin/groups/{group['id']}/members", json={"student_id": student["id"]})
            assert added.status_code == 201, added.text
        expected = sessions_until(date.fromisoformat(group["ends_on"]), {1, 4})

        first = await admin.post(f"/api/admin/groups/{group['id']}/activate")
        again = await admin.post(f"/api/admin/groups/{group['id']}/activate")

        assert first.status_code == 200, first.text
        assert first.json()["lessons_created"] == expected
        assert again.json()["lessons_created"] == 0
        listed = (await admin.get("/api/admin/groups", params={"status": "active", "size": 100})).json()
        assert group["id"] in {item["id"] for item in listed["items"]}
        lessons = await group_lessons(admin, group["id"])
        assert len(lessons) == expected
        assert all(lesson["kind"] == "group" and lesson["group_id"] == group["id"] for lesson in lessons)
        assert {student["first_name"] for student in lessons[0]["students"]} == {"Member0", "Member1"}
        window = {"from": lessons[0]["starts_at"], "to": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
        calendar = (await admin.get("/api/admin/calendar", params=window)).json()
        assert lessons[0]["id"] in {lesson["id"] for lesson in calendar["lessons"]}

    async def test_a_group_created_active_gets_its_lessons_at_once(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()

        group = await make_group(admin, teacher["id"], status="active")

        assert len(await group_lessons(admin, group["id"])) == sessions_until(
            date.fromisoformat(group["ends_on"]), {1, 4}
        )

    async def test_a_new_weekly_schedule_moves_the_future_lessons(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        group = await make_group(admin, teacher["id"], status="active")
        wednesday = {"timezone": "UTC", "slots": [{"weekday": 2, "start_time": "12:00", "duration_minutes": 60}]}

        changed = await admin.patch(f"/api/admin/groups/{group['id']}", json={"schedule": wednesday})

        assert changed.status_code == 200, changed.text
        live = [lesson for lesson in await group_lessons(admin, group["id"]) if lesson["status"] == "scheduled"]
        assert len(live) == sessions_until(date.fromisoformat(group["ends_on"]), {2})
        assert all(datetime.fromisoformat(lesson["starts_at"]).weekday() == 2 for lesson in live)

    async def test_a_closed_day_is_skipped(self, admin: Browser, create_teacher: Callable[..., Any]) -> None:
        _, teacher = await create_teacher()
        tuesday = date.today() + timedelta(days=(1 - date.today().weekday()) % 7 or 7)
        closed = await admin.post("/api/admin/closed-days", json={"date": tuesday.isoformat(), "reason": "Holiday"})
        assert closed.status_code == 201, closed.text
        try:
            group = await make_group(admin, teacher["id"])

            result = (await admin.post(f"/api/admin/groups/{group['id']}/activate")).json()

            assert "closed_day" in {item["code"] for item in result["skipped"]}
            lessons = await group_lessons(admin, group["id"])
            starts = {datetime.fromisoformat(lesson["starts_at"]).date() for lesson in lessons}
            assert tuesday not in starts
        finally:
            assert (await admin.delete(f"/api/admin/closed-days/{tuesday.isoformat()}")).status_code == 204

    async def test_bad_input_answers_a_problem_and_changes_nothing(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        group = await make_group(admin, teacher["id"])

        finished = await admin.patch(f"/api/admin/groups/{group['id']}", json={"status": "finished"})
        activated = await admin.post(f"/api/admin/groups/{group['id']}/activate")

        assert finished.status_code == 200
        assert activated.status_code == 409
        assert activated.headers["content-type"].startswith("application/problem+json")
        assert await group_lessons(admin, group["id"]) == []


class TestWaitlistOffer:
    async def test_a_waitlisted_student_receives_and_accepts_a_freed_seat(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        group = await make_group(admin, teacher["id"], capacity=1, status="active")
        _, member = await register_student()
        waiting_browser, waiting = await register_student()
        joined = await admin.post(f"/api/admin/groups/{group['id']}/members", json={"student_id": member["id"]})
        assert joined.status_code == 201
        full = await admin.post(f"/api/admin/groups/{group['id']}/members", json={"student_id": waiting["id"]})
        assert full.status_code == 409
        queued = await admin.post(f"/api/admin/groups/{group['id']}/waitlist", json={"student_id": waiting["id"]})
        assert queued.status_code == 201, queued.text
        assert (await waiting_browser.get("/api/student/waitlist-offers")).json() == []

        left = await admin.delete(f"/api/admin/groups/{group['id']}/members/{member['id']}")

        assert left.status_code == 204
        [offer] = (await waiting_browser.get("/api/student/waitlist-offers")).json()
        assert offer["group_id"] == group["id"]
        assert offer["group_name"] == group["name"]
        answers = await asyncio.gather(
            *(waiting_browser.post(f"/api/student/waitlist-offers/{group['id']}/accept") for _ in range(3))
        )
        assert sorted(answer.status_code for answer in answers) == [200, 404, 404]
        members = (await admin.get(f"/api/admin/groups/{group['id']}/members")).json()
        assert [m["student_id"] for m in members["members"]] == [waiting["id"]]
        assert (await waiting_browser.get("/api/student/waitlist-offers")).json() == []

    async def test_declining_passes_the_seat_on(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        group = await make_group(admin, teacher["id"], capacity=1, status="active")
        _, member = await register_student()
        first_browser, first = await register_student()
        second_browser, second = await register_student()
        await admin.post(f"/api/admin/groups/{group['id']}/members", json={"student_id": member["id"]})
        for student in (first, second):
            await admin.post(f"/api/admin/groups/{group['id']}/waitlist", json={"student_id": student["id"]})
        await admin.delete(f"/api/admin/groups/{group['id']}/members/{member['id']}")

        declined = await first_browser.post(f"/api/student/waitlist-offers/{group['id']}/decline")

        assert declined.status_code == 204
        assert (await first_browser.get("/api/student/waitlist-offers")).json() == []
        offers = (await second_browser.get("/api/student/waitlist-offers")).json()
        assert [offer["group_id"] for offer in offers] == [group["id"]]
        gone = await first_browser.post(f"/api/student/waitlist-offers/{group['id']}/accept")
        assert gone.status_code == 404
        assert gone.json()["code"] == "no_waitlist_offer"
