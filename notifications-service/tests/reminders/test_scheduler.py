"""Reminders 24 h and 1 h before lessons: exactly once with two instances, none for cancelled
or moved times."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import select

from notifications_service.config import Settings
from notifications_service.main import create_app
from notifications_service.reminders.models import Reminder

from ..fakes import FakeSmtp
from ..helpers import add_recipient, notifications, publish, settle, wait_for


async def _reminders(app: FastAPI, lesson_id: uuid.UUID) -> list[Reminder]:
    async with app.state.database.sessionmaker() as session:
        rows = await session.scalars(
            select(Reminder).where(Reminder.lesson_id == lesson_id).order_by(Reminder.remind_at)
        )
        return list(rows)


class TestTwoInstances:
    async def test_each_due_reminder_is_sent_once(
        self, app: FastAPI, service_settings: Settings, smtp_server: FakeSmtp
    ) -> None:
        students = [await add_recipient(app, email=f"r{i}@example.com", language="en") for i in range(12)]
        # The 1-hour reminders fall due a moment from now; the 24-hour ones are already past.
        starts_at = datetime.now(UTC) + timedelta(hours=1, seconds=2)
        second = create_app(service_settings)
        async with LifespanManager(second, startup_timeout=30, shutdown_timeout=30):
            for index in range(0, 12, 2):
                await publish(
                    app,
                    "lesson.scheduled",
                    {
                        "lesson_id": str(uuid.uuid4()),
                        "kind": "group",
                        "teacher_id": None,
                        "student_ids": [str(s) for s in students[index : index + 2]],
                        "starts_at": (starts_at + timedelta(milliseconds=index)).isoformat(),
                    },
                )

            async def all_reminded() -> bool:
                return all(smtp_server.to(f"r{i}@example.com") for i in range(12))

            await wait_for(all_reminded, timeout=15)
            await settle(1.0)
        for index in range(12):
            [message] = smtp_server.to(f"r{index}@example.com")
            assert message["Subject"].startswith("Your lesson starts in 1 hour:")
        rows = await notifications(app, event_type="lesson.reminder")
        assert len(rows) == 12
        assert {r.status for r in rows} == {"sent"}


class TestLessonChanges:
    async def test_cancelled_lesson_gets_no_reminders(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="cancel@example.com", language="en")
        lesson_id = uuid.uuid4()
        data = {
            "lesson_id": str(lesson_id),
            "kind": "group",
            "teacher_id": None,
            "student_ids": [str(student)],
            "starts_at": (datetime.now(UTC) + timedelta(hours=1, seconds=2)).isoformat(),
        }
        await publish(app, "lesson.scheduled", data)
        await wait_for(lambda: _reminders(app, lesson_id))
        await publish(
            app,
            "lesson.cancelled",
            {**data, "late_cancel": False, "cancelled_by": "admin", "reason": None, "charges": []},
        )

        async def cancelled() -> bool:
            return [r.status for r in await _reminders(app, lesson_id)] == ["cancelled"]

        await wait_for(cancelled)
        await asyncio.sleep(2.5)
        # A group lesson announces nothing when scheduled; the only message is the cancellation.
        assert [m["Subject"].split(":")[0] for m in smtp_server.to("cancel@example.com")] == ["Lesson cancelled"]

    async def test_moved_lesson_gets_new_reminders_and_loses_the_old(self, app: FastAPI) -> None:
        student = await add_recipient(app, email="moved@example.com", language="en")
        lesson_id = uuid.uuid4()
        old = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
        new = old + timedelta(days=1)
        base = {"lesson_id": str(lesson_id), "kind": "individual", "teacher_id": None, "student_ids": [str(student)]}
        sent_at = datetime.now(UTC)
        await publish(app, "lesson.scheduled", {**base, "starts_at": old.isoformat()}, time=sent_at)
        moved = {**base, "old_starts_at": old.isoformat(), "starts_at": new.isoformat()}
        await publish(app, "lesson.rescheduled", moved, time=sent_at + timedelta(seconds=1))

        async def moved() -> list[tuple[datetime, int]]:
            rows = await _reminders(app, lesson_id)
            return [
                (r.lesson_starts_at, r.minutes_before)
                for r in rows
                if r.status == "pending" and r.lesson_starts_at == new
            ]

        assert sorted(await wait_for(moved)) == [(new, 60), (new, 1440)]
        await settle()
        # Whichever event the consumer handled first, nothing is left pending for the old time.
        assert {(r.lesson_starts_at, r.status) for r in await _reminders(app, lesson_id)} <= {
            (old, "cancelled"),
            (new, "pending"),
        }

    async def test_late_arriving_old_schedule_does_not_resurrect_reminders(self, app: FastAPI) -> None:
        student = await add_recipient(app, email="order@example.com", language="en")
        lesson_id = uuid.uuid4()
        starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
        base = {
            "lesson_id": str(lesson_id),
            "kind": "individual",
            "teacher_id": None,
            "student_ids": [str(student)],
            "starts_at": starts.isoformat(),
        }
        now = datetime.now(UTC)
        await publish(
            app, "lesson.cancelled", {**base, "late_cancel": False, "cancelled_by": "admin", "charges": []}, time=now
        )
        await wait_for(lambda: notifications(app, event_type="lesson.cancelled"))
        await publish(app, "lesson.scheduled", base, time=now - timedelta(minutes=5))
        await settle(1.0)
        assert await _reminders(app, lesson_id) == []
        assert await notifications(app, event_type="lesson.scheduled") == []
