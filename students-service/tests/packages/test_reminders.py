"""Package reminders, once per crossing, through the real API, consumer and sweep."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from students_service.packages.reminders import ReminderPolicy, sweep_once

if TYPE_CHECKING:
    from conftest import Studio

MOSCOW = ZoneInfo("Europe/Moscow")
POLICY = ReminderPolicy(expiry_days=3, low_lessons=1)


def today() -> date:
    return datetime.now(MOSCOW).date()


async def sell(studio: Studio, student_id: str, *, lessons: int, days: int) -> dict[str, Any]:
    body = {
        "lessons": lessons,
        "price_minor": 0,
        "valid_from": (today() - timedelta(days=1)).isoformat(),
        "valid_until": (today() + timedelta(days=days)).isoformat(),
    }
    response = await studio.client.post(f"/students/{student_id}/packages", json=body, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def sweep(studio: Studio) -> int:
    return await sweep_once(studio.app.state.database, today(), POLICY)


class TestRunningLow:
    async def test_lessons_falling_to_the_threshold_notify_once(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        package = await sell(studio, sid, lessons=3, days=60)
        await studio.complete_lesson([(sid, "present", 0)])
        assert await studio.outbox("package.running_low") == []
        second = await studio.complete_lesson([(sid, "present", 0)])
        await studio.complete_lesson([(sid, "present", 0)], lesson_id=second)  # replayed: nothing new
        await studio.complete_lesson([(sid, "present", 0)])  # the last lesson: still the same crossing
        events = await studio.outbox("package.running_low")
        assert [(e["package_id"], e["lessons_left"], e["lessons_total"]) for e in events] == [(package["id"], 1, 3)]


class TestExpiring:
    async def test_an_ending_package_is_announced_once_until_it_crosses_back(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        package = await sell(studio, sid, lessons=4, days=2)
        await sell(studio, sid, lessons=4, days=30)  # far from its end: never announced

        assert await sweep(studio) == 1
        assert await sweep(studio) == 0
        [event] = await studio.outbox("package.expiring")
        assert (event["package_id"], event["days_left"], event["lessons_left"]) == (package["id"], 2, 4)

        # A freeze moves the end beyond the window (crossing back), unfreezing at once brings it in again.
        url = f"/packages/{package['id']}"
        until = (today() + timedelta(days=10)).isoformat()
        frozen = await studio.client.post(f"{url}/freeze", json={"until": until}, headers=studio.admin)
        assert frozen.status_code == 200, frozen.text
        assert await sweep(studio) == 0
        unfrozen = await studio.client.post(f"{url}/unfreeze", headers=studio.admin)
        assert unfrozen.status_code == 200, unfrozen.text
        assert await sweep(studio) == 1
        assert len(await studio.outbox("package.expiring")) == 2

    async def test_used_up_or_frozen_packages_are_not_announced(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await sell(studio, sid, lessons=1, days=2)
        await studio.complete_lesson([(sid, "present", 0)], lesson_id=uuid.uuid4())
        assert await sweep(studio) == 0
        assert await studio.outbox("package.expiring") == []
