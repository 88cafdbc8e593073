"""HTTP routes for payroll reports."""

import uuid

from fastapi import APIRouter

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..teachers.dependencies import SettingsDep
from . import service as payroll_service
from .schemas import Month, StudioPayroll, TeacherPayroll

router = APIRouter(tags=["payroll"])


@router.get("/teachers/{teacher_id}/payroll", response_model=TeacherPayroll)
async def teacher_payroll(
    teacher_id: uuid.UUID, month: Month, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> TeacherPayroll:
    """A teacher's payroll lines and total for a month."""
    return await payroll_service.teacher_payroll(
        session, teacher_id, month, user, settings.teachers_currency, settings.teachers_studio_timezone
    )


@router.get("/payroll", response_model=StudioPayroll)
async def studio_payroll(month: Month, session: SessionDep, user: CurrentUser, settings: SettingsDep) -> StudioPayroll:
    """The studio's payroll per teacher for a month."""
    return await payroll_service.studio_payroll(
        session, month, user, settings.teachers_currency, settings.teachers_studio_timezone
    )
