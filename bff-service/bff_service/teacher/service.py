"""The teacher's screens and the lesson journal (shared with admins)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..downstream import Caller, fan_out
from ..errors import InvalidRange, RangeTooLarge
from ..schemas import items

UPCOMING_DAYS = 7


async def _named(caller: Caller, lessons: list[dict[str, Any]], groups: list[dict[str, Any]] | None) -> list[str]:
    """Put the students' names and the group's name on each lesson (the calendar says who it is with).
    Names are read with the BFF's own token: lessons-service already showed the caller these lessons.
    Returns the services that did not answer (the lessons then come without those names)."""
    ids = sorted({str(student) for lesson in lessons for student in lesson.get("student_ids", [])})
    values, degraded = await fan_out(
        {
            "students": caller.get("students", "/internal/students", params={"ids": ",".join(ids)}, as_service=True)
            if ids
            else _nothing(),
        }
    )
    students = {str(student["id"]): student for student in values["students"] or []}
    group_names = {str(group["id"]): group.get("name") for group in groups or []}
    for lesson in lessons:
        lesson["students"] = [
            {
                "id": str(student),
                "first_name": students.get(str(student), {}).get("first_name"),
                "last_name": students.get(str(student), {}).get("last_name"),
            }
            for student in lesson.get("student_ids", [])
        ]
        lesson["group_name"] = group_names.get(str(lesson.get("group_id") or ""))
    return degraded


async def _nothing() -> list[dict[str, Any]]:
    return []


async def get_dashboard(caller: Caller) -> dict[str, Any]:
    """Today's lessons, the next seven days', this week's numbers (critical: lessons) and the teacher's
    groups. Days are the studio's (its time zone), not UTC's."""
    me = caller.user_id
    zone = ZoneInfo(caller.settings.studio_timezone)
    now = datetime.now(zone)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    day_end = day_start + timedelta(days=1)
    week_start = day_start - timedelta(days=day_start.weekday())
    week_end = week_start + timedelta(days=7)
    upcoming_end = day_end + timedelta(days=UPCOMING_DAYS)
    values, degraded = await fan_out(
        {
            "lessons": caller.get(
                "lessons",
                "/lessons",
                params={
                    "teacher_id": me,
                    "from": week_start.isoformat(),
                    "to": max(week_end, upcoming_end).isoformat(),
                    "size": 200,
                },
            ),
            "groups": caller.get("groups", "/groups", params={"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"lessons"}),
    )
    lessons = items(values["lessons"])
    groups = items(values["groups"]) if values["groups"] is not None else None
    degraded = sorted({*degraded, *await _named(caller, lessons, groups)})

    def starts(lesson: dict[str, Any]) -> datetime:
        return datetime.fromisoformat(lesson["starts_at"])

    week = [lesson for lesson in lessons if week_start <= starts(lesson) < week_end]
    today = [lesson for lesson in lessons if day_start <= starts(lesson) < day_end]
    upcoming = [
        lesson for lesson in lessons if day_end <= starts(lesson) < upcoming_end and lesson["status"] == "scheduled"
    ]
    completed = [lesson for lesson in week if lesson["status"] == "completed"]
    stats = {
        "lessons": len(week),
        "scheduled": sum(1 for lesson in week if lesson["status"] == "scheduled"),
        "completed": len(completed),
        "cancelled": sum(1 for lesson in week if lesson["status"] == "cancelled"),
        "hours_taught": round(sum(lesson["duration_minutes"] for lesson in completed) / 60, 2),
    }
    return {
        "today": sorted(today, key=starts),
        "upcoming": sorted(upcoming, key=starts),
        "week_stats": stats,
        "groups": groups or [],
        "degraded": degraded,
    }


async def get_schedule(caller: Caller, start: datetime, end: datetime) -> dict[str, Any]:
    """Availability windows, lessons (critical, with who they are with) and time off in a range."""
    if end <= start:
        raise InvalidRange("`to` must be after `from`.")
    if end - start > timedelta(days=caller.settings.schedule_range_max_days):
        raise RangeTooLarge(f"The range is limited to {caller.settings.schedule_range_max_days} days.")
    me = caller.user_id
    params = {"from": start.isoformat(), "to": end.isoformat()}
    values, degraded = await fan_out(
        {
            "calendar": caller.get("calendary", f"/teachers/{me}/schedule", params=params),
            "lessons": caller.get("lessons", "/lessons", params={**params, "teacher_id": me, "size": 200}),
            "groups": caller.get("groups", "/groups", params={"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"lessons"}),
    )
    calendar = values["calendar"] or {}
    lessons = items(values["lessons"])
    groups = items(values["groups"]) if values["groups"] is not None else None
    missing = await _named(caller, lessons, groups)
    return {
        "timezone": calendar.get("timezone"),
        "availability": calendar.get("availability", []),
        "time_off": calendar.get("time_off", []),
        "lessons": lessons,
        "degraded": sorted({*degraded, *missing}),
    }


async def get_availability(caller: Caller) -> dict[str, Any]:
    """The weekly rules, exceptions and time off as the teacher edits them. Before the first rule is
    saved calendary knows no zone (it answers its default, UTC): the profile's zone is offered then,
    so hours typed as 10-18 are not silently stored as UTC."""
    result: dict[str, Any] = await caller.get("calendary", f"/teachers/{caller.user_id}/availability")
    if not result.get("rules"):
        values, _ = await fan_out({"profile": caller.get("teachers", f"/teachers/{caller.user_id}")})
        zone = (values["profile"] or {}).get("timezone") or caller.settings.studio_timezone
        result = {**result, "timezone": zone}
    return result


async def replace_availability(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the weekly rules."""
    result: dict[str, Any] = await caller.put("calendary", f"/teachers/{caller.user_id}/availability", json=data)
    return result


async def _with_names(caller: Caller, lesson: dict[str, Any]) -> dict[str, Any]:
    """Put the students' names on the roster. lessons-service has already decided the caller may
    see this lesson, so reading its roster's names with the BFF's own token discloses nothing new."""
    ids = [str(seat["student_id"]) for seat in lesson.get("roster", [])]
    if not ids:
        return lesson
    values, degraded = await fan_out(
        {
            "students": caller.get("students", "/internal/students", params={"ids": ",".join(ids)}, as_service=True),
        }
    )
    names = {str(student["id"]): student for student in values["students"] or []}
    roster = [
        {
            **seat,
            "first_name": names.get(str(seat["student_id"]), {}).get("first_name"),
            "last_name": names.get(str(seat["student_id"]), {}).get("last_name"),
        }
        for seat in lesson["roster"]
    ]
    return {**lesson, "roster": roster, "degraded": degraded}


async def get_lesson(caller: Caller, lesson_id: str) -> dict[str, Any]:
    """A lesson with its roster (names included) and attendance."""
    lesson: dict[str, Any] = await caller.get("lessons", f"/lessons/{lesson_id}")
    return await _with_names(caller, lesson)


async def mark_attendance(caller: Caller, lesson_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Attendance, topic, homework and notes."""
    lesson: dict[str, Any] = await caller.put("lessons", f"/lessons/{lesson_id}/attendance", json=data)
    return await _with_names(caller, lesson)


async def complete_lesson(caller: Caller, lesson_id: str) -> dict[str, Any]:
    """Complete the lesson; charges and payroll follow from the event lessons-service publishes."""
    lesson: dict[str, Any] = await caller.post("lessons", f"/lessons/{lesson_id}/complete")
    return await _with_names(caller, lesson)


async def get_payroll(caller: Caller, month: str) -> dict[str, Any]:
    """Payroll lines and total of one month."""
    result: dict[str, Any] = await caller.get(
        "teachers", f"/teachers/{caller.user_id}/payroll", params={"month": month}
    )
    return result
