"""Teacher screens and the lesson journal (shared with admins)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from studio_kit.errors import BadRequest

from ..downstream import fan_out
from ..session.dependencies import AnyCaller, StaffCaller, TeacherCaller
from .schemas import AttendanceUpdate, AvailabilityUpdate, TimeOffCreate

router = APIRouter(prefix="/api", tags=["teacher"])
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _items(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    return list(value.get("items", [])) if isinstance(value, dict) else list(value)


@router.get("/teacher/dashboard")
async def teacher_dashboard(caller: TeacherCaller) -> dict[str, Any]:
    """Today's lessons, this week's numbers and the teacher's groups."""
    assert caller.session is not None
    me = caller.session.user_id
    now = datetime.now(UTC)
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_start = day_start - timedelta(days=day_start.weekday())
    values, degraded = await fan_out(
        {
            "week": caller.get("lessons", "/lessons", params={
                "teacher_id": me, "from": week_start.isoformat(),
                "to": (week_start + timedelta(days=7)).isoformat()}),
            "groups": caller.get("groups", "/groups", params={"teacher_id": me}),
        },
        critical=frozenset({"week"}),
    )
    week = _items(values["week"])
    today = [lesson for lesson in week
             if day_start.isoformat() <= _utc(lesson["starts_at"]) < (day_start + timedelta(days=1)).isoformat()]
    stats = {
        "lessons": len(week),
        "completed": sum(1 for lesson in week if lesson.get("status") == "completed"),
        "cancelled": sum(1 for lesson in week if lesson.get("status") == "cancelled"),
        "scheduled": sum(1 for lesson in week if lesson.get("status") == "scheduled"),
    }
    return {"today": today, "week_stats": stats, "groups": _items(values["groups"]), "degraded": degraded}


def _utc(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(UTC).isoformat()


@router.get("/teacher/schedule")
async def teacher_schedule(
    caller: TeacherCaller,
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
) -> dict[str, Any]:
    """Availability, lessons and time off in a range, for the week calendar."""
    assert caller.session is not None
    if to <= from_ or to - from_ > timedelta(days=62):
        raise BadRequest("The range must be positive and at most 62 days.")
    me = caller.session.user_id
    params = {"from": from_.isoformat(), "to": to.isoformat()}
    values, degraded = await fan_out(
        {
            "calendar": caller.get("calendary", f"/teachers/{me}/schedule", params=params),
            "lessons": caller.get("lessons", "/lessons", params={**params, "teacher_id": me}),
        },
        critical=frozenset({"lessons"}),
    )
    calendar = values["calendar"] or {}
    return {
        "timezone": calendar.get("timezone"),
        "availability": calendar.get("availability", []),
        "time_off": calendar.get("time_off", []),
        "lessons": _items(values["lessons"]),
        "degraded": degraded,
    }


@router.get("/teacher/availability")
async def get_availability(caller: TeacherCaller) -> dict[str, Any]:
    """The weekly rules, exceptions and time off as the teacher edits them."""
    assert caller.session is not None
    result: dict[str, Any] = await caller.get("calendary", f"/teachers/{caller.session.user_id}/availability")
    return result


@router.put("/teacher/availability")
async def put_availability(body: AvailabilityUpdate, caller: TeacherCaller) -> dict[str, Any]:
    """Replace the weekly availability rules."""
    assert caller.session is not None
    result: dict[str, Any] = await caller.call(
        "calendary", "PUT", f"/teachers/{caller.session.user_id}/availability", json=body.model_dump()
    )
    return result


@router.post("/teacher/time-off", status_code=201)
async def add_time_off(body: TimeOffCreate, caller: TeacherCaller) -> dict[str, Any]:
    """Block a vacation or sick leave."""
    assert caller.session is not None
    if body.ends_at <= body.starts_at:
        raise BadRequest("ends_at must be after starts_at.")
    result: dict[str, Any] = await caller.post(
        "calendary", f"/teachers/{caller.session.user_id}/time-off", json=body.model_dump(mode="json")
    )
    return result


@router.get("/lessons/{lesson_id}")
async def get_lesson(lesson_id: UUID, caller: AnyCaller) -> dict[str, Any]:
    """A lesson with its roster and attendance (lessons-service checks who may see it)."""
    result: dict[str, Any] = await caller.get("lessons", f"/lessons/{lesson_id}")
    return result


@router.put("/lessons/{lesson_id}/attendance")
async def put_attendance(lesson_id: UUID, body: AttendanceUpdate, caller: StaffCaller) -> dict[str, Any]:
    """Mark attendance, topic and homework."""
    result: dict[str, Any] = await caller.call(
        "lessons", "PUT", f"/lessons/{lesson_id}/attendance", json=body.model_dump(exclude_none=True)
    )
    return result


@router.post("/lessons/{lesson_id}/complete")
async def complete_lesson(lesson_id: UUID, caller: StaffCaller) -> dict[str, Any]:
    """Complete the lesson; charges and payroll follow from the published event."""
    result: dict[str, Any] = await caller.post("lessons", f"/lessons/{lesson_id}/complete")
    return result


@router.get("/teacher/payroll")
async def teacher_payroll(caller: TeacherCaller, month: str) -> dict[str, Any]:
    """Payroll lines and total for one month (YYYY-MM)."""
    assert caller.session is not None
    if not MONTH.match(month):
        raise BadRequest("month must look like 2026-11.")
    result: dict[str, Any] = await caller.get(
        "teachers", f"/teachers/{caller.session.user_id}/payroll", params={"month": month}
    )
    return {"lines": result.get("lines", []), "total": result.get("total"), "month": month}
