"""The front desk: one calendar of the whole studio, and lessons booked or moved for anyone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import httpx

from ..downstream import Caller, fan_out
from ..reference import service as reference_service
from ..schemas import items
from ..staff import service as staff_service
from ..student.service import check_range
from .schemas import CalendarFilters

LESSON_PAGE = 200
# /internal/students takes ids in the query string; 100 UUIDs stay well inside its length limit.
NAMES_CHUNK = 100


async def _lessons_in(caller: Caller, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every lesson in the range: the first page says how many more pages to fetch in parallel."""
    first = await caller.get("lessons", "/lessons", params={**params, "size": LESSON_PAGE, "page": 1})
    pages = -(-int(first["total"]) // LESSON_PAGE)
    rest = await asyncio.gather(
        *(
            caller.get("lessons", "/lessons", params={**params, "size": LESSON_PAGE, "page": page})
            for page in range(2, pages + 1)
        )
    )
    return [*items(first), *(lesson for page in rest for lesson in items(page))]


async def _student_names(caller: Caller, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    unique = sorted(set(ids))
    chunks = [unique[index : index + NAMES_CHUNK] for index in range(0, len(unique), NAMES_CHUNK)]
    answers = await asyncio.gather(
        *(
            caller.get("students", "/internal/students", params={"ids": ",".join(chunk)}, as_service=True)
            for chunk in chunks
        )
    )
    return {str(student["id"]): student for answer in answers for student in answer}


async def _schedules(caller: Caller, teacher_ids: list[str], start: datetime, end: datetime) -> list[dict[str, Any]]:
    params = {"from": start.isoformat(), "to": end.isoformat()}
    schedules: list[dict[str, Any]] = await asyncio.gather(
        *(caller.get("calendary", f"/teachers/{teacher}/schedule", params=params) for teacher in teacher_ids)
    )
    return schedules


async def _closed_days(caller: Caller, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """The studio's closed days touching the range; a day either side covers every viewer's zone."""
    first, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    params = {"from": first.isoformat(), "to": last.isoformat()}
    days: list[dict[str, Any]] = await caller.get("lessons", "/closed-days", params=params)
    return days


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
    params: dict[str, Any] = {"from": start.isoformat(), "to": end.isoformat()}
    if teacher_id is not None:
        params["teacher_id"] = teacher_id
    if filters.group_id is not None:
        params["group_id"] = filters.group_id
    values, degraded = await fan_out(
        {
            "lessons": _lessons_in(caller, params),
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
) -> list[dict[str, Any]]:
    """Free slots of any teacher, as a student would see them (UTC instants)."""
    check_range(start, end, caller.settings.booking_range_max_days)
    slots: list[dict[str, Any]] = await caller.get(
        "calendary",
        f"/teachers/{teacher_id}/slots",
        params={"from": start.isoformat(), "to": end.isoformat(), "duration_minutes": duration_minutes},
    )
    return slots


async def book_lesson(caller: Caller, data: dict[str, Any], idempotency_key: str) -> tuple[dict[str, Any], bool]:
    """Book an individual or trial lesson for a student through lessons-service's booking saga (the
    same exclusion constraints as a student's own booking). Returns (lesson, replayed)."""
    await staff_service.ensure_bookable(caller, str(data["teacher_id"]))
    response: httpx.Response = await caller.send(
        "lessons",
        "POST",
        "/lessons",
        json=data,
        headers={"Idempotency-Key": idempotency_key},
        deadline=max(caller.settings.downstream_timeout_seconds, 10.0),
    )
    return {"lesson": response.json()}, response.headers.get("Idempotent-Replayed") == "true"


async def reschedule_lesson(caller: Caller, lesson_id: str, starts_at: datetime) -> dict[str, Any]:
    """Move a lesson; lessons-service checks who may and calendary that the new time is free."""
    lesson: dict[str, Any] = await caller.post(
        "lessons", f"/lessons/{lesson_id}/reschedule", json={"starts_at": starts_at.isoformat()}
    )
    return {"lesson": lesson}


async def get_policy(caller: Caller) -> dict[str, Any]:
    """The cancellation notice lessons-service enforces."""
    policy: dict[str, Any] = await caller.get("lessons", "/policy")
    return policy
