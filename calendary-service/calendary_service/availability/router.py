"""HTTP routes of weekly availability, date exceptions and time off."""

import uuid

from fastapi import APIRouter, Response

from ..dependencies import SessionDep, SettingsDep, TeacherEditor, TeacherReader
from . import service as availability_service
from .models import AvailabilityException, TimeOff
from .schemas import AvailabilityRead, AvailabilityUpdate, ExceptionCreate, ExceptionRead, TimeOffCreate, TimeOffRead

router = APIRouter(prefix="/teachers/{teacher_id}", tags=["availability"])


@router.get("/availability", response_model=AvailabilityRead)
async def get_availability(
    teacher_id: uuid.UUID, session: SessionDep, settings: SettingsDep, _: TeacherReader
) -> AvailabilityRead:
    """The teacher's timezone, weekly rules, upcoming exceptions and time off."""
    return await availability_service.get_availability(session, settings, teacher_id)


@router.put("/availability", response_model=AvailabilityRead)
async def replace_availability(
    teacher_id: uuid.UUID, data: AvailabilityUpdate, session: SessionDep, settings: SettingsDep, _: TeacherEditor
) -> AvailabilityRead:
    """Replace the weekly rules, entirely or from `effective_from` on."""
    return await availability_service.replace_availability(session, settings, teacher_id, data)


@router.post("/exceptions", status_code=201, response_model=ExceptionRead)
async def add_exception(
    teacher_id: uuid.UUID, data: ExceptionCreate, session: SessionDep, settings: SettingsDep, _: TeacherEditor
) -> AvailabilityException:
    """Add a day off or extra hours on one local date."""
    return await availability_service.add_exception(session, settings, teacher_id, data)


@router.delete("/exceptions/{exception_id}", status_code=204)
async def delete_exception(
    teacher_id: uuid.UUID, exception_id: uuid.UUID, session: SessionDep, _: TeacherEditor
) -> Response:
    """Remove a date exception."""
    await availability_service.delete_exception(session, teacher_id, exception_id)
    return Response(status_code=204)


@router.post("/time-off", status_code=201, response_model=TimeOffRead)
async def add_time_off(
    teacher_id: uuid.UUID, data: TimeOffCreate, session: SessionDep, settings: SettingsDep, _: TeacherEditor
) -> TimeOff:
    """Block a period such as a vacation."""
    return await availability_service.add_time_off(session, settings, teacher_id, data)


@router.delete("/time-off/{time_off_id}", status_code=204)
async def delete_time_off(
    teacher_id: uuid.UUID, time_off_id: uuid.UUID, session: SessionDep, _: TeacherEditor
) -> Response:
    """Remove a time-off period."""
    await availability_service.delete_time_off(session, teacher_id, time_off_id)
    return Response(status_code=204)
