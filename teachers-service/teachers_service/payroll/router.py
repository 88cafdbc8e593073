"""HTTP routes for payroll reports."""

import uuid

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from ..sheets import MEDIA_TYPES, SheetFormat, attachment, sheet_chunks
from . import service as payroll_service
from .schemas import Month, PayrollPaymentRead, StudioPayroll, TeacherPayroll

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


@router.get("/payroll/sheet")
async def payroll_sheet(
    month: Month, format: SheetFormat, session: SessionDep, user: AdminUser, settings: SettingsDep
) -> StreamingResponse:
    """The month's payroll sheet with every line, as CSV or XLSX."""
    payroll = await payroll_service.studio_payroll(
        session, month, user, settings.teachers_currency, settings.teachers_studio_timezone
    )
    rows = payroll_service.sheet_rows(payroll, settings.teachers_studio_timezone)
    # A download is a staff action too: "exported the payroll of <month> as <format>".
    summary = {"export": "payroll", "month": month, "format": format, "teachers": len(payroll.teachers)}
    await audit.record(session, user, "export.downloaded", ("payroll", month), summary)
    return StreamingResponse(
        sheet_chunks(rows, format, f"payroll {month}"),
        media_type=MEDIA_TYPES[format],
        headers=attachment(f"payroll-{month}.{format}"),
    )


@router.post("/payroll/{month}/teachers/{teacher_id}/paid", response_model=PayrollPaymentRead)
async def mark_paid(
    month: Month, teacher_id: uuid.UUID, session: SessionDep, user: AdminUser, settings: SettingsDep
) -> PayrollPaymentRead:
    """Mark a teacher's month paid at its current total; open months stay re-priceable, paid ones do not."""
    return await payroll_service.mark_paid(
        session,
        teacher_id,
        month,
        user.subject,
        settings.teachers_currency,
        settings.teachers_studio_timezone,
        principal=user,
    )
