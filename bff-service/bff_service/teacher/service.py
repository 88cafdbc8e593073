"""The teacher's screens and the lesson journal (shared with admins)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ..clients.calendary import CalendaryClient, TeacherSchedule
from ..clients.groups import GroupsClient
from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..clients.teachers import TeacherProfile, TeachersClient
from ..downstream import Caller, fan_out
from ..errors import InvalidRange, RangeTooLarge
from ..schemas import Lesson, LessonDetail
from .schemas import AvailabilityRead, TeacherPayroll


async def get_dashboard(caller: Caller) -> dict[str, Any]:
    """Today's lessons, this week's numbers (critical: lessons) and the teacher's groups."""
    me = caller.user_id
    now = datetime.now(UTC)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_start = day_start - timedelta(days=day_start.weekday())
    values, degraded = await fan_out(
        {
            "week": LessonsClient(caller).list_lessons(
                teacher_id=me, start=week_start, end=week_start + timedelta(days=7), size=200
            ),
            "groups": GroupsClient(caller).list_groups({"teacher_id": me, "size": 100}),
        },
        critical=frozenset({"week"}),
    )
    week: list[Lesson] = values["week"].items
    day_end = day_start + timedelta(days=1)
    today = [lesson for lesson in week if day_start <= lesson.starts_at < day_end]
    completed = [lesson for lesson in week if lesson.status == "completed"]
    stats = {
        "lessons": len(week),
        "scheduled": sum(1 for lesson in week if lesson.status == "scheduled"),
        "completed": len(completed),
        "cancelled": sum(1 for lesson in week if lesson.status == "cancelled"),
        "hours_taught": round(sum(lesson.duration_minutes for lesson in completed) / 60, 2),
    }
    groups = values["groups"].items if values["groups"] is not None else []
    return {"today": today, "week_stats": stats, "groups": groups, "degraded": degraded}


async def get_schedule(caller: Caller, start: datetime, end: datetime) -> dict[str, Any]:
    """Availability windows, lessons (critical) and time off in a range, for the week calendar."""
    if end <= start:
        raise InvalidRange("`to` must be after `from`.")
    if end - start > timedelta(days=caller.settings.schedule_range_max_days):
        raise RangeTooLarge(f"The range is limited to {caller.settings.schedule_range_max_days} days.")
    me = caller.user_id
    values, degraded = await fan_out(
        {
            "calendar": CalendaryClient(caller).schedule(me, start, end),
            "lessons": LessonsClient(caller).list_lessons(teacher_id=me, start=start, end=end, size=200),
        },
        critical=frozenset({"lessons"}),
    )
    calendar: TeacherSchedule | None = values["calendar"]
    return {
        "timezone": calendar.timezone if calendar else None,
        "availability": calendar.availability if calendar else [],
        "time_off": calendar.time_off if calendar else [],
        "lessons": values["lessons"].items,
        "degraded": degraded,
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
