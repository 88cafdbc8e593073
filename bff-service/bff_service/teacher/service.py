"""The teacher's screens and the lesson journal (shared with admins)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..clients.calendary import CalendaryClient, TeacherSchedule
from ..clients.groups import GroupsClient
from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..clients.teachers import TeacherProfile, TeachersClient
from ..downstream import Caller, fan_out
from ..errors import InvalidRange, RangeTooLarge
from ..schemas import LessonDetail
from .schemas import AvailabilityRead, TeacherPayroll

UPCOMING_DAYS = 7


async def _named(caller: Caller, lessons: list[dict[str, Any]], groups: list[dict[str, Any]] | None) -> list[str]:
    """Put the students' names and the group's name on each lesson (the calendar says who it is with).
    Names are read with the BFF's own token: lessons-service already showed the caller these lessons.
    Returns the services that did not answer (the lessons then come without those names)."""
    ids = sorted({str(student) for lesson in lessons for student in lesson.get("student_ids", [])})
    degraded: list[str] = []
    names: dict[str, Any] = {}
    if ids:
        values, degraded = await fan_out({"students": StudentsClient(caller).names(ids)})
        names = {str(student.id): student for student in values["students"] or []}
    group_names = {str(group["id"]): group.get("name") for group in groups or []}
    for lesson in lessons:
        lesson["students"] = [
            {
                "id": str(student),
                "first_name": names[str(student)].first_name if str(student) in names else None,
                "last_name": names[str(student)].last_name if str(student) in names else None,
            }
            for student in lesson.get("student_ids", [])
        ]
        lesson["group_name"] = group_names.get(str(lesson.get("group_id") or ""))
    return degraded


def _starts(lesson: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(lesson["starts_at"])


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
            "lessons": LessonsClient(caller).list_lessons(
                teacher_id=me, start=week_start, end=max(week_end, upcoming_end), size=200
            ),
            "groups": GroupsClient(caller).list_groups({"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"lessons"}),
    )
    lessons = [lesson.model_dump(mode="json") for lesson in values["lessons"].items]
    groups = (
        [group.model_dump(mode="json") for group in values["groups"].items] if values["groups"] is not None else None
    )
    degraded = sorted({*degraded, *await _named(caller, lessons, groups)})
    week = [lesson for lesson in lessons if week_start <= _starts(lesson) < week_end]
    today = [lesson for lesson in lessons if day_start <= _starts(lesson) < day_end]
    upcoming = [
        lesson for lesson in lessons if day_end <= _starts(lesson) < upcoming_end and lesson["status"] == "scheduled"
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
        "today": sorted(today, key=_starts),
        "upcoming": sorted(upcoming, key=_starts),
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
    values, degraded = await fan_out(
        {
            "calendar": CalendaryClient(caller).schedule(me, start, end),
            "lessons": LessonsClient(caller).list_lessons(teacher_id=me, start=start, end=end, size=200),
            "groups": GroupsClient(caller).list_groups({"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"lessons"}),
    )
    calendar: TeacherSchedule | None = values["calendar"]
    lessons = [lesson.model_dump(mode="json") for lesson in values["lessons"].items]
    groups = (
        [group.model_dump(mode="json") for group in values["groups"].items] if values["groups"] is not None else None
    )
    missing = await _named(caller, lessons, groups)
    return {
        "timezone": calendar.timezone if calendar else None,
        "availability": calendar.availability if calendar else [],
        "time_off": calendar.time_off if calendar else [],
        "lessons": lessons,
        "degraded": sorted({*degraded, *missing}),
    }


async def get_availability(caller: Caller) -> AvailabilityRead:
    """The weekly rules, exceptions and time off as the teacher edits them. Before the first rule is
    saved calendary knows no zone (it answers its default, UTC): the profile's zone is offered then,
    so hours typed as 10-18 are not silently stored as UTC."""
    result = await CalendaryClient(caller).availability(caller.user_id)
    if not result.rules:
        values, _ = await fan_out({"profile": TeachersClient(caller).profile(caller.user_id)})
        profile: TeacherProfile | None = values["profile"]
        zone = (profile.timezone if profile else None) or caller.settings.studio_timezone
        result = result.model_copy(update={"timezone": zone})
    return result


async def replace_availability(caller: Caller, data: dict[str, Any]) -> AvailabilityRead:
    """Replace the weekly rules."""
    return await CalendaryClient(caller).replace_availability(caller.user_id, data)


async def _with_names(caller: Caller, lesson: LessonDetail) -> LessonDetail:
    """Put the students' names on the roster. lessons-service has already decided the caller may
    see this lesson, so reading its roster's names with the BFF's own token discloses nothing new."""
    ids = [str(seat.student_id) for seat in lesson.roster]
    if not ids:
        return lesson
    values, degraded = await fan_out({"students": StudentsClient(caller).names(ids)})
    names = {student.id: student for student in values["students"] or []}
    roster = [
        seat.model_copy(
            update={
                "first_name": names[seat.student_id].first_name if seat.student_id in names else None,
                "last_name": names[seat.student_id].last_name if seat.student_id in names else None,
            }
        )
        for seat in lesson.roster
    ]
    return lesson.model_copy(update={"roster": roster, "degraded": degraded})


async def get_lesson(caller: Caller, lesson_id: str) -> LessonDetail:
    """A lesson with its roster (names included) and attendance."""
    return await _with_names(caller, await LessonsClient(caller).get_lesson(lesson_id))


async def mark_attendance(caller: Caller, lesson_id: str, data: dict[str, Any]) -> LessonDetail:
    """Attendance, topic, homework and notes."""
    return await _with_names(caller, await LessonsClient(caller).mark_attendance(lesson_id, data))


async def complete_lesson(caller: Caller, lesson_id: str) -> LessonDetail:
    """Complete the lesson; charges and payroll follow from the event lessons-service publishes."""
    return await _with_names(caller, await LessonsClient(caller).complete(lesson_id))


async def get_payroll(caller: Caller, month: str) -> TeacherPayroll:
    """Payroll lines and total of one month."""
    return await TeachersClient(caller).payroll(caller.user_id, month)
