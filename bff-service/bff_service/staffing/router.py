"""Staffing (API.md "Front desk"): time off with clashes, substitution, date exceptions, a teacher's hours."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from ..frontdesk.schemas import LessonResult
from ..session.dependencies import AdminCaller, TeacherCaller
from ..teacher.schemas import AvailabilityRead, AvailabilityUpdate, TimeOffCreate
from . import service as staffing_service
from .schemas import Clashes, ExceptionCreate, ExceptionRead, SubstituteRequest, TimeOffResult

router = APIRouter(prefix="/api", tags=["staffing"])


@router.post("/teacher/time-off", status_code=201, response_model=TimeOffResult)
async def add_time_off(data: TimeOffCreate, caller: TeacherCaller) -> Any:
    """Block a vacation or sick leave; the answer lists the booked lessons it clashes with."""
    return await staffing_service.add_time_off(caller, caller.user_id, data.model_dump(mode="json"))


@router.get("/teacher/clashes", response_model=Clashes)
async def teacher_clashes(caller: TeacherCaller) -> Any:
    """The teacher's booked lessons inside their upcoming time off."""
    return await staffing_service.list_clashes(caller, caller.user_id)


@router.get("/teacher/availability/exceptions", response_model=list[ExceptionRead])
async def teacher_exceptions(caller: TeacherCaller) -> Any:
    """Upcoming closed days and extra hours."""
    return await staffing_service.list_exceptions(caller, caller.user_id)


@router.post("/teacher/availability/exceptions", status_code=201, response_model=ExceptionRead)
async def add_teacher_exception(data: ExceptionCreate, caller: TeacherCaller) -> Any:
    """Close a day (or part of it) or add extra hours on one date."""
    return await staffing_service.add_exception(caller, caller.user_id, data.model_dump(mode="json"))


@router.delete("/teacher/availability/exceptions/{exception_id}", status_code=204)
async def delete_teacher_exception(exception_id: UUID, caller: TeacherCaller) -> Response:
    """Remove a date exception."""
    await staffing_service.delete_exception(caller, caller.user_id, str(exception_id))
    return Response(status_code=204)


@router.get("/admin/teachers/{teacher_id}/availability", response_model=AvailabilityRead)
async def admin_teacher_availability(teacher_id: UUID, caller: AdminCaller) -> Any:
    """A teacher's weekly hours, exceptions and time off."""
    return await staffing_service.get_availability(caller, str(teacher_id))


@router.put("/admin/teachers/{teacher_id}/availability", response_model=AvailabilityRead)
async def admin_replace_availability(teacher_id: UUID, data: AvailabilityUpdate, caller: AdminCaller) -> Any:
    """Replace a teacher's weekly hours on their behalf."""
    return await staffing_service.replace_availability(caller, str(teacher_id), data.model_dump())


@router.get("/admin/teachers/{teacher_id}/availability/exceptions", response_model=list[ExceptionRead])
async def admin_teacher_exceptions(teacher_id: UUID, caller: AdminCaller) -> Any:
    """A teacher's upcoming closed days and extra hours."""
    return await staffing_service.list_exceptions(caller, str(teacher_id))


@router.post("/admin/teachers/{teacher_id}/availability/exceptions", status_code=201, response_model=ExceptionRead)
async def admin_add_exception(teacher_id: UUID, data: ExceptionCreate, caller: AdminCaller) -> Any:
    """Close a teacher's day or add extra hours, on their behalf."""
    return await staffing_service.add_exception(caller, str(teacher_id), data.model_dump(mode="json"))


@router.delete("/admin/teachers/{teacher_id}/availability/exceptions/{exception_id}", status_code=204)
async def admin_delete_exception(teacher_id: UUID, exception_id: UUID, caller: AdminCaller) -> Response:
    """Remove a teacher's date exception."""
    await staffing_service.delete_exception(caller, str(teacher_id), str(exception_id))
    return Response(status_code=204)


@router.post("/admin/teachers/{teacher_id}/time-off", status_code=201, response_model=TimeOffResult)
async def admin_add_time_off(teacher_id: UUID, data: TimeOffCreate, caller: AdminCaller) -> Any:
    """Block a teacher's time on their behalf; the answer lists the lessons it clashes with."""
    return await staffing_service.add_time_off(caller, str(teacher_id), data.model_dump(mode="json"))


@router.get("/admin/teachers/{teacher_id}/clashes", response_model=Clashes)
async def admin_teacher_clashes(teacher_id: UUID, caller: AdminCaller) -> Any:
    """A teacher's booked lessons inside their upcoming time off, to substitute or cancel."""
    return await staffing_service.list_clashes(caller, str(teacher_id))


@router.post("/admin/lessons/{lesson_id}/substitute", response_model=LessonResult)
async def substitute_teacher(lesson_id: UUID, data: SubstituteRequest, caller: AdminCaller) -> Any:
    """Give a lesson to another free teacher at the same time; 409 when that teacher is busy."""
    return await staffing_service.substitute(caller, str(lesson_id), str(data.teacher_id))
