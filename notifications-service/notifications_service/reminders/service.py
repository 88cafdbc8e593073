"""Reminders 24 h and 1 h before each lesson: kept in step with the lesson's latest state and
handed to the delivery log exactly once."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..notifications.service import MessageSpec, NotifyConfig, Target, create_notifications
from ..rendering import format_datetime
from . import repository as reminder_repository
from .models import LessonSnapshot

REMINDER_OFFSETS_MINUTES = (24 * 60, 60)
# Due reminders queued per pass of the dispatcher.
QUEUE_BATCH = 100


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def participants(lesson: LessonSnapshot) -> list[uuid.UUID]:
    people = list(dict.fromkeys(lesson.student_ids))
    if lesson.teacher_id and lesson.teacher_id not in people:
        people.append(lesson.teacher_id)
    return people


class AppliedLesson(NamedTuple):
    lesson: LessonSnapshot
    # The event was the lesson's first: it has no reminders yet.
    first: bool


async def apply_lesson_event(
    session: AsyncSession, status: str, data: dict[str, Any], event_time: datetime
) -> AppliedLesson | None:
    """Fold a lesson event into the snapshot; returns None when a newer event already arrived."""
    lesson_id = uuid.UUID(str(data["lesson_id"]))
    values: dict[str, Any] = {"status": status, "event_time": event_time}
    for key in ("kind", "teacher_id", "group_id", "student_ids", "starts_at", "ends_at"):
        if key not in data or data[key] is None:
            continue
        if key in ("teacher_id", "group_id"):
            values[key] = _uuid(data[key])
        elif key == "student_ids":
            values[key] = [uuid.UUID(str(item)) for item in data[key]]
        elif key in ("starts_at", "ends_at"):
            values[key] = _time(data[key])
        else:
            values[key] = data[key]
    # Most events are a new lesson's first (`lesson.scheduled`): try the insert before the lookup.
    first = {"kind": "individual", "student_ids": [], **values, "lesson_id": lesson_id}
    inserted = await reminder_repository.insert_lesson(session, first)
    if inserted is not None:
        return AppliedLesson(inserted, first=True)
    lesson = await reminder_repository.get_lesson_for_update(session, lesson_id)
    assert lesson is not None
    # Events can arrive out of order; a cancellation is final whatever comes after it.
    if event_time < lesson.event_time or lesson.status == "cancelled":
        return None
    for key, value in values.items():
        setattr(lesson, key, value)
    await session.flush()
    return AppliedLesson(lesson, first=False)


async def sync_reminders(
    session: AsyncSession, lesson: LessonSnapshot, now: datetime | None = None, *, first: bool = False
) -> None:
    """Pending reminders match the lesson: none if it is not scheduled, else one per person and
    offset for its current start (offsets already in the past are skipped). `first`: the lesson's
    snapshot was created by this event, so it has no reminders to cancel."""
    now = now or utcnow()
    if lesson.status != "scheduled":
        if not first:
            await reminder_repository.cancel_pending_reminders(session, lesson.lesson_id)
        return
    people = participants(lesson)
    if not first:
        await reminder_repository.cancel_pending_reminders(
            session, lesson.lesson_id, keep_starts_at=lesson.starts_at, keep_user_ids=people
        )
    rows = []
    for minutes in REMINDER_OFFSETS_MINUTES:
        remind_at = lesson.starts_at - timedelta(minutes=minutes)
        if remind_at <= now:
            continue
        rows += [
            {
                "lesson_id": lesson.lesson_id,
                "user_id": user_id,
                "minutes_before": minutes,
                "lesson_starts_at": lesson.starts_at,
                "remind_at": remind_at,
            }
            for user_id in people
        ]
    await reminder_repository.add_reminders(session, rows)


async def queue_due_reminders(session: AsyncSession, config: NotifyConfig, limit: int = QUEUE_BATCH) -> int:
    """Claim due reminders (FOR UPDATE SKIP LOCKED) and turn each into delivery-log rows once."""
    now = utcnow()
    reminders = await reminder_repository.claim_due_reminders(session, now, limit)
    for reminder in reminders:
        reminder.processed_at = now
        if reminder.lesson_starts_at <= now:
            # The service was down past the lesson start: a reminder now would only confuse.
            reminder.status = "expired"
            continue
        starts_at = reminder.lesson_starts_at
        hours = reminder.minutes_before // 60

        def context(
            language: str, timezone: str, starts_at: datetime = starts_at, hours: int = hours
        ) -> dict[str, Any]:
            return {"starts_at_text": format_datetime(starts_at, timezone, language), "hours": hours}

        spec = MessageSpec(
            event_id=reminder.id,
            event_type="lesson.reminder",
            dedup_key=f"reminder:{reminder.id}",
            category="reminders",
            template="lesson_reminder",
            context=context,
            payload={"url": config.app_url, "lesson_id": str(reminder.lesson_id)},
        )
        await create_notifications(session, spec, [Target(user_id=reminder.user_id)], config, now=now)
        reminder.status = "queued"
    await session.flush()
    return len(reminders)
