"""The front desk: one calendar of the whole studio, and lessons booked or moved for anyone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from ..clients.calendary import CalendaryClient, Interval
from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..downstream import Caller, fan_out
from ..reference import service as reference_service
from ..schemas import Lesson, Page
from ..staff import service as staff_service
from ..student.service import check_range
from .schemas import BookingPolicy, CalendarFilters

LESSON_PAGE = 200
# /internal/students takes ids in the query string; 100 UUIDs stay well inside its length limit.
NAMES_CHUNK = 100


async def _lessons_in(
    caller: Caller,
    start: datetime,
    end: datetime,
    *,
    teacher_id: str | None = None,
    group_id: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """Every lesson in the range (as JSON-ready dicts, for the screens that merge names into them):
    the first page says how many more pages to fetch in parallel."""
    lessons = LessonsClient(caller)

    async def page(number: int) -> Page[Lesson]:
        return await lessons.list_lessons(
            start=start, end=end, teacher_id=teacher_id, group_id=group_id, status=status, page=number, size=LESSON_PAGE
        )

    first = await page(1)
    rest = await asyncio.gather(*(page(number) for number in range(2, -(-first.total // LESSON_PAGE) + 1)))
    return [lesson.model_dump(mode="json") for answer in (first, *rest) for lesson in answer.items]


async def _student_names(caller: Caller, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    unique = sorted(set(ids))
    chunks = [unique[index : index + NAMES_CHUNK] for index in range(0, len(unique), NAMES_CHUNK)]
    students = StudentsClient(caller)
    answers = await asyncio.gather(*(students.names(chunk) for chunk in chunks))
    return {str(student.id): student.model_dump(mode="json") for answer in answers for student in answer}


async def _schedules(caller: Caller, teacher_ids: list[str], start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Every teacher's working hours and time off in one calendary call."""
    schedules = await CalendaryClient(caller).schedules(teacher_ids, start, end)
    return [schedule.model_dump() for schedule in schedules]


async def _closed_days(caller: Caller, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """The studio's closed days touching the range; a day either side covers every viewer's zone."""
    first, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    days = await LessonsClient(caller).closed_days(first, last)
    return [day.model_dump() for day in days]


async def get_calendar(caller: Caller, start: datetime, end: datetime, filters: CalendarFilters) -> dict[str, Any]:
    """Teachers, rooms, lessons (critical), time off, working hours and closed days of the whole
    studio in a range. Names come from students-service, hours from calendary and closed days from
    lessons-service; any of them may be missing (degraded)."""
    check_range(start, end, caller.settings.booking_range_max_days)
    teacher_id, room_id = filters.teacher_id, filters.room_id
    teachers = [
        teacher
        for teacher in await reference_service.list_teachers(caller)
        if teacher_id is None or str(teacher["id"]) == teacher_id
    ]
    values, degraded = await fan_out(
        {
            "lessons": _lessons_in(caller, start, end, teacher_id=teacher_id, group_id=filters.group_id),
            "rooms": reference_service.list_rooms(caller),
            "schedules": _schedules(caller, [str(teacher["id"]) for teacher in teachers], start, end),
            "closed_days": _closed_days(caller, start, end),
        },
        critical=frozenset({"lessons"}),
    )
    lessons = [lesson for lesson in values["lessons"] if room_id is None or str(lesson.get("room_id") or "") == room_id]
    names, missing = await fan_out(
        {"students": _student_names(caller, (str(student) for lesson in lessons for student in lesson["student_ids"]))}
    )
    students = names["students"] or {}
    time_off: list[dict[str, Any]] = []
    availability: list[dict[str, Any]] = []
    for schedule in values["schedules"] or []:
        teacher = str(schedule["teacher_id"])
        time_off.extend({**entry, "teacher_id": teacher} for entry in schedule.get("time_off", []))
        availability.extend({**entry, "teacher_id": teacher} for entry in schedule.get("availability", []))
    return {
        "teachers": teachers,
        "rooms": values["rooms"] or [],
        "lessons": [
            {
                **lesson,
                "students": [
                    {
                        "id": str(student),
                        "first_name": students.get(str(student), {}).get("first_name"),
                        "last_name": students.get(str(student), {}).get("last_name"),
                    }
                    for student in lesson["student_ids"]
                ],
            }
            for lesson in lessons
        ],
        "time_off": time_off,
        "availability": availability,
        "closed_days": values["closed_days"] or [],
        "degraded": sorted({*degraded, *missing}),
    }


async def list_slots(
    caller: Caller, teacher_id: str, start: datetime, end: datetime, duration_minutes: int
) -> list[Interval]:
    """Free slots of any teacher, as a student would see them (UTC instants)."""
    check_range(start, end, caller.settings.booking_range_max_days)
    return await CalendaryClient(caller).free_slots(teacher_id, start, end, duration_minutes)


async def book_lesson(
    caller: Caller, data: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Lesson], bool]:
    """Book an individual or trial lesson for a student through lessons-service's booking saga (the
    same exclusion constraints as a student's own booking). Returns (lesson, replayed)."""
    await staff_service.ensure_bookable(caller, str(data["teacher_id"]))
    lesson, replayed = await LessonsClient(caller).book(data, idempotency_key=idempotency_key)
    return {"lesson": lesson}, replayed


async def reschedule_lesson(caller: Caller, lesson_id: str, starts_at: datetime) -> dict[str, Lesson]:
    """Move a lesson; lessons-service checks who may and calendary that the new time is free."""
    lesson = await LessonsClient(caller).reschedule(lesson_id, starts_at)
    return {"lesson": lesson}


async def get_policy(caller: Caller) -> BookingPolicy:
    """The cancellation notice lessons-service enforces."""
    return await LessonsClient(caller).policy()
