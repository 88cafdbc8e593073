"""The batched free-slots call (issue 19): many teachers over weeks in one answer."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..platform import Browser


def day_after(days: int) -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)


async def batch(browser: Browser, teacher_ids: list[str], start: datetime, end: datetime) -> Any:
    return await browser.get(
        "/api/booking/slots/batch",
        params=[
            *(("teacher_id", teacher_id) for teacher_id in teacher_ids),
            ("from", start.isoformat()),
            ("to", end.isoformat()),
        ],
    )


class TestSlotsBatch:
    async def test_one_call_gives_every_teachers_slots_for_eight_weeks_and_a_booking_leaves_them(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, first = await create_teacher()
        _, second = await create_teacher()
        student, _ = await register_student()
        start = day_after(3)
        answer = await batch(student, [first["id"], second["id"]], start, start + timedelta(weeks=8))
        assert answer.status_code == 200, answer.text
        teachers = answer.json()["teachers"]
        assert [entry["teacher_id"] for entry in teachers] == [first["id"], second["id"]]
        single = await student.get(
            "/api/booking/slots",
            params={
                "teacher_id": first["id"],
                "from": start.isoformat(),
                "to": (start + timedelta(days=1)).isoformat(),
            },
        )
        first_day = single.json()
        assert len(first_day) >= 20
        assert answer.json()["duration_minutes"] == 60
        assert teachers[0]["starts"][: len(first_day)] == [slot["starts_at"] for slot in first_day]
        assert teachers[0]["starts"][-1] > (start + timedelta(weeks=7)).isoformat()[:10]

        taken = first_day[0]
        booked = await student.post(
            "/api/booking",
            json={"teacher_id": first["id"], "starts_at": taken["starts_at"], "duration_minutes": 60},
            headers={"Idempotency-Key": f"batch-{first['id']}"},
        )
        assert booked.status_code == 201, booked.text
        again = (await batch(student, [first["id"]], start, start + timedelta(weeks=8))).json()["teachers"][0]
        assert taken["starts_at"] not in again["starts"]

    async def test_bad_requests_are_problems(
        self,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        new_browser: Callable[[], Browser],
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        start = day_after(3)
        backwards = await batch(student, [teacher["id"]], start, start - timedelta(days=1))
        assert backwards.status_code == 400
        assert backwards.json()["code"] == "invalid_range"
        too_long = await batch(student, [teacher["id"]], start, start + timedelta(days=400))
        assert too_long.status_code == 400
        assert too_long.json()["code"] == "range_too_large"
        anonymous = await batch(new_browser(), [teacher["id"]], start, start + timedelta(days=7))
        assert anonymous.status_code == 401
