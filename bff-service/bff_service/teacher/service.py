"""The teacher's screens and the lesson journal (shared with admins)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ..downstream import Caller, fan_out
from ..errors import InvalidRange, RangeTooLarge
from ..schemas import items


async def get_dashboard(caller: Caller) -> dict[str, Any]:
    """Today's lessons, this week's numbers (critical: lessons) and the teacher's groups."""
    me = caller.user_id
    now = datetime.now(UTC)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_start = day_start - timedelta(days=day_start.weekday())
    values, degraded = await fan_out(
        {
            "week": caller.get(
                "lessons",
                "/lessons",
                params={
                    "teacher_id": me,
                    "from": week_start.isoformat(),
                    "to": (week_start + timedelta(days=7)).isoformat(),
                    "size": 200,
                },
            ),
            "groups": caller.get("groups", "/groups", params={"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"week"}),
    )
    week = items(values["week"])
    day_end = day_start + timedelta(days=1)
    today = [lesson for lesson in week if day_start <= datetime.fromisoformat(lesson["starts_at"]) < day_end]
    completed = [lesson for lesson in week if lesson["status"] == "completed"]
    stats = {
        "lessons": len(week),
        "scheduled": sum(1 for lesson in week if lesson["status"] == "scheduled"),
        "completed": len(completed),
        "cancelled": sum(1 for lesson in week if lesson["status"] == "cancelled"),
        "hours_taught": round(sum(lesson["duration_minutes"] for lesson in completed) / 60, 2),
    }
    return {"today": today, "week_stats": stats, "groups": items(values["groups"]), "degraded": degraded}


async def get_schedule(caller: Caller, start: datetime, end: datetime) -> dict[str, Any]:
    """Availability windows, lessons (critical) and time off in a range, for the week calendar."""
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
        },
        critical=frozenset({"lessons"}),
    )
    calendar = values["calendar"] or {}
    return {
        "timezone": calendar.get("timezone"),
        "availability": calendar.get("availability", []),
        "time_off": calendar.get("time_off", []),
        "lessons": items(values["lessons"]),
        "degraded": degraded,
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
