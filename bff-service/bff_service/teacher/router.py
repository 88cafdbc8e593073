"""Teacher screens and the lesson journal (shared with admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from ..schemas import LessonDetail
from ..session.dependencies import AnyCaller, StaffCaller, TeacherCaller
from . import service as teacher_service
from .schemas import (
    AttendanceUpdate,
    AvailabilityRead,
    AvailabilityUpdate,
    TeacherDashboard,
    TeacherPayroll,
    TeacherSchedule,
)

router = APIRouter(prefix="/api", tags=["teacher"])
Month = Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]


@router.get("/teacher/dashboard", response_model=TeacherDashboard)
async def teacher_dashboard(caller: TeacherCaller) -> dict[str, Any]:
    """Today's lessons, this week's numbers and the teacher's groups."""
    return await teacher_service.get_dashboard(caller)


@router.get("/teacher/schedule", response_model=TeacherSchedule)
async def teacher_schedule(
    caller: TeacherCaller, from_: Annotated[datetime, Query(alias="from")], to: datetime
) -> dict[str, Any]:
    """Availability, lessons and time off in a range, for the week calendar."""
    return await teacher_service.get_schedule(caller, from_, to)


@router.get("/teacher/availability", response_model=AvailabilityRead)
async def get_availability(caller: TeacherCaller) -> Any:
    """The weekly rules, exceptions and time off as the teacher edits them."""
    return await teacher_service.get_availability(caller)


@router.put("/teacher/availability", response_model=AvailabilityRead)
async def put_availability(data: AvailabilityUpdate, caller: TeacherCaller) -> Any:
    """Replace the weekly availability rules."""
    return await teacher_service.replace_availability(caller, data.model_dump())


@router.get("/teacher/payroll", response_model=TeacherPayroll)
async def teacher_payroll(caller: TeacherCaller, month: Month) -> Any:
    """Payroll lines and total for one month (YYYY-MM)."""
    return await teacher_service.get_payroll(caller, month)


@router.get("/lessons/{lesson_id}", response_model=LessonDetail)
async def get_lesson(lesson_id: UUID, caller: AnyCaller) -> Any:
    """A lesson with its roster and attendance (lessons-service checks who may see it)."""
    return await teacher_service.get_lesson(caller, str(lesson_id))


@router.put("/lessons/{lesson_id}/attendance", response_model=LessonDetail)
async def put_attendance(lesson_id: UUID, data: AttendanceUpdate, caller: StaffCaller) -> Any:
    """Mark attendance, topic and homework."""
    marks = data.model_dump(mode="json", exclude_none=True)
    return await teacher_service.mark_attendance(caller, str(lesson_id), marks)


@router.post("/lessons/{lesson_id}/complete", response_model=LessonDetail)
async def complete_lesson(lesson_id: UUID, caller: StaffCaller) -> Any:
    """Complete the lesson; charges and payroll follow from the published event."""
    return await teacher_service.complete_lesson(caller, str(lesson_id))
