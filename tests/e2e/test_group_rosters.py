"""Issue 15: a group's calendar attendee lists follow its membership, end to end through nginx and the
real groups, lessons and calendary services. Joining seats the student in the group's future lessons
(the roster in lessons-service, the attendee list in calendary, so their time is guarded like any
booked lesson); moving them to another group frees that time and takes the new group's."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.support.demo import ADMIN_EMAIL
from tests.support.platform import Platform

from .conftest import Browser, Services, eventually


def daily_group(name: str, teacher_id: str, hour: int) -> dict[str, Any]:
    first = date.today() + timedelta(days=2)
    return {
        "name": name,
        "level": "B1",
        "teacher_id": teacher_id,
        "capacity": 4,
        "schedule": {
            "timezone": "UTC",
            "slots": [{"weekday": day, "start_time": f"{hour:02d}:00", "duration_minutes": 60} for day in range(7)],
        },
        "starts_on": first.isoformat(),
        "ends_on": (first + timedelta(days=1)).isoformat(),
        "price_per_lesson_minor": 70000,
        "status": "active",
    }


class TestGroupRostersFollowMembership:
    def test_joining_and_moving_update_rosters_and_calendar_attendees(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        browser.login(ADMIN_EMAIL)
        tag = uuid.uuid4().hex[:8]

        def person(path: str, **extra: Any) -> str:
            response = browser.post(path, json={"first_name": "Rosa", "last_name": f"Roster{tag}", **extra})
            assert response.status_code == 201, response.text
            return str(response.json()["id"])

        group_teacher = person("/api/admin/teachers", email=f"group-{tag}@e2e.demo.studio", timezone="UTC")
        desk_teacher = person("/api/admin/teachers", email=f"desk-{tag}@e2e.demo.studio", timezone="UTC")
        all_day = {
            "timezone": "UTC",
            "rules": [{"weekday": d, "start_time": "06:00", "end_time": "22:00"} for d in range(7)],
        }
        assert browser.put(f"/api/admin/teachers/{desk_teacher}/availability", json=all_day).status_code == 200
        student = person("/api/admin/students")
        first = browser.post("/api/admin/groups", json=daily_group(f"Roster A {tag}", group_teacher, 10))
        second = browser.post("/api/admin/groups", json=daily_group(f"Roster B {tag}", group_teacher, 14))
        assert first.status_code == 201, first.text
        assert second.status_code == 201, second.text
        first_id, second_id = first.json()["id"], second.json()["id"]
        window = {
            "from": datetime.now(UTC).isoformat(),
            "to": (datetime.now(UTC) + timedelta(days=5)).isoformat(),
        }

        def lessons_of(group_id: str) -> list[dict[str, Any]]:
            response = browser.get(f"/api/admin/groups/{group_id}/lessons", params=window)
            assert response.status_code == 200, response.text
            return list(response.json()["lessons"])

        def attendees() -> dict[str, list[str]]:
            """calendary's attendee list of each of the group teacher's events (the admin reads the
            teacher's schedule straight from calendary: the public API shows rosters, not attendees)."""
            response = services.call("GET", "calendary", f"/teachers/{group_teacher}/schedule", params=window)
            assert response.status_code == 200, response.text
            return {event["starts_at"]: sorted(event["student_ids"]) for event in response.json()["events"]}

        def at(group_id: str) -> list[datetime]:
            return [datetime.fromisoformat(lesson["starts_at"]) for lesson in lessons_of(group_id)]

        def seated_in(starts: list[datetime]) -> bool:
            events = {datetime.fromisoformat(key): value for key, value in attendees().items()}
            return bool(starts) and all(student in events.get(start, []) for start in starts)

        def book_student_at(starts_at: datetime) -> Any:
            return browser.post(
                "/api/admin/lessons",
                json={"student_id": student, "teacher_id": desk_teacher, "starts_at": starts_at.isoformat()},
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )

        first_times, second_times = at(first_id), at(second_id)
        assert len(first_times) == 2
        assert len(second_times) == 2

        joined = browser.post(f"/api/admin/groups/{first_id}/members", json={"student_id": student})
        assert joined.status_code == 201, joined.text
        eventually(lambda: seated_in(first_times) or None, "the member in calendary's attendee lists")
        assert all(student in [s["id"] for s in lesson["students"]] for lesson in lessons_of(first_id))
        clash = book_student_at(first_times[0])
        assert clash.status_code == 409, clash.text
        assert clash.json()["code"] == "slot_taken"

        moved = browser.post(f"/api/admin/groups/{first_id}/members/{student}/move", json={"to_group_id": second_id})
        assert moved.status_code == 200, moved.text
        eventually(lambda: seated_in(second_times) or None, "the moved member in the new group's attendee lists")
        eventually(
            lambda: (
                not any(
                    student in attendees().get(key, [])
                    for key in attendees()
                    if datetime.fromisoformat(key) in first_times
                )
                or None
            ),
            "the moved member out of the old group's attendee lists",
        )
        assert all(student not in [s["id"] for s in lesson["students"]] for lesson in lessons_of(first_id))
        freed = book_student_at(first_times[0])
        assert freed.status_code == 201, freed.text
