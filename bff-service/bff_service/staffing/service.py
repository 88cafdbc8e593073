"""Staffing: time off shows the lessons it clashes with, the admin substitutes them, and date
exceptions and weekly hours are edited by the teacher or by an admin on their behalf."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ..clients.calendary import CalendaryClient
from ..clients.lessons import LessonsClient
from ..downstream import Caller
from ..frontdesk.service import _lessons_in, _student_names
from ..schemas import Lesson
from ..teacher.schemas import AvailabilityException, AvailabilityRead

# A lesson may start this long before a time-off period and still run into it.
LONGEST_LESSON = timedelta(hours=12)
# How far ahead the admin's clash list looks (lessons-service lists at most 186 days at a time).
CLASH_HORIZON = timedelta(days=180)


def _overlaps(lesson: dict[str, Any], starts_at: datetime, ends_at: datetime) -> bool:
    return (
        datetime.fromisoformat(lesson["starts_at"]) < ends_at and datetime.fromisoformat(lesson["ends_at"]) > starts_at
    )


async def _named(caller: Caller, lessons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = await _student_names(caller, (str(student) for lesson in lessons for student in lesson["student_ids"]))
    return [
        {
            **lesson,
            "students": [
                {
                    "id": str(student),
                    "first_name": names.get(str(student), {}).get("first_name"),
                    "last_name": names.get(str(student), {}).get("last_name"),
                }
                for student in lesson["student_ids"]
            ],
        }
        for lesson in sorted(lessons, key=lambda lesson: lesson["starts_at"])
    ]


async def _clashes(caller: Caller, teacher_id: str, periods: list[tuple[datetime, datetime]]) -> list[dict[str, Any]]:
    """The teacher's scheduled lessons overlapping any of the periods (clipped to the horizon)."""
    if not periods:
        return []
    now = datetime.now(UTC)
    start = max(min(period[0] for period in periods) - LONGEST_LESSON, now - LONGEST_LESSON)
    end = min(max(period[1] for period in periods), now + CLASH_HORIZON)
    if end <= start:
        return []
    lessons = await _lessons_in(caller, start, end, teacher_id=teacher_id, status="scheduled")
    clashing = [lesson for lesson in lessons if any(_overlaps(lesson, *period) for period in periods)]
    return await _named(caller, clashing)


async def add_time_off(caller: Caller, teacher_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Block a period and answer it with the booked lessons it overlaps (they stay booked until the
    admin moves, substitutes or cancels them)."""
    time_off = await CalendaryClient(caller).add_time_off(teacher_id, data)
    period = (time_off.starts_at, time_off.ends_at)
    return {"time_off": time_off, "clashes": await _clashes(caller, teacher_id, [period])}


async def list_clashes(caller: Caller, teacher_id: str) -> dict[str, Any]:
    """Scheduled lessons inside the teacher's upcoming time off."""
    availability = await CalendaryClient(caller).availability(teacher_id)
    periods = [(entry.starts_at, entry.ends_at) for entry in availability.time_off]
    return {"clashes": await _clashes(caller, teacher_id, periods)}


async def substitute(caller: Caller, lesson_id: str, teacher_id: str) -> dict[str, Lesson]:
    """Hand a lesson to another teacher at the same time; 409 when they are busy or off."""
    return {"lesson": await LessonsClient(caller).substitute(lesson_id, teacher_id)}


def _exception_read(entry: AvailabilityException) -> dict[str, Any]:
    return {**entry.model_dump(), "available": entry.kind == "extra"}


async def list_exceptions(caller: Caller, teacher_id: str) -> list[dict[str, Any]]:
    """Upcoming closed days and extra hours."""
    availability = await CalendaryClient(caller).availability(teacher_id)
    return [_exception_read(entry) for entry in availability.exceptions]


async def add_exception(caller: Caller, teacher_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """A closed day (whole or part) or extra hours on one local date; slots follow at once."""
    body = {
        "date": data["date"],
        "kind": "extra" if data["available"] else "day_off",
        "start_time": data.get("start_time"),
        "end_time": data.get("end_time"),
    }
    return _exception_read(await CalendaryClient(caller).add_exception(teacher_id, body))


async def delete_exception(caller: Caller, teacher_id: str, exception_id: str) -> None:
    """Remove a date exception."""
    await CalendaryClient(caller).delete_exception(teacher_id, exception_id)


async def get_availability(caller: Caller, teacher_id: str) -> AvailabilityRead:
    """A teacher's weekly rules, exceptions and time off."""
    return await CalendaryClient(caller).availability(teacher_id)


async def replace_availability(caller: Caller, teacher_id: str, data: dict[str, Any]) -> AvailabilityRead:
    """Replace a teacher's weekly rules."""
    return await CalendaryClient(caller).replace_availability(teacher_id, data)
