"""HTTP route of the debts list."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from ..students.dependencies import AdminStudent
from . import service as debt_service
from .schemas import DebtList, ReminderRead

router = APIRouter(prefix="/debts", tags=["debts"])


@router.get("", response_model=DebtList)
async def list_debts(
    session: SessionDep, settings: SettingsDep, _: AdminUser, days: Annotated[int, Query(ge=1, le=60)] = 7
) -> DebtList:
    """Students with a negative balance or a usable package ending within `days` (7 by default)."""
    return await debt_service.list_debts(
        session, days=days, currency=settings.students_currency, timezone=settings.students_studio_timezone
    )


@router.post("/{student_id}/reminders", status_code=201, response_model=ReminderRead)
async def remind(
    student: AdminStudent,
    session: SessionDep,
    settings: SettingsDep,
    user: AdminUser,
    response: Response,
    days: Annotated[int, Query(ge=1, le=60)] = 7,
) -> ReminderRead:
    """Notify the student of their debt or ending package; once per studio day (again: 200, the same
    reminder, nothing sent); 409 `nothing_owed` when they owe nothing."""
    reminded = await debt_service.remind(
        session,
        student.id,
        days=days,
        currency=settings.students_currency,
        timezone=settings.students_studio_timezone,
        actor=user.subject,
    )
    if reminded.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    else:
        summary = {
            "reminded_on": reminded.reminder.reminded_on.isoformat(),
            "balance_minor": reminded.reminder.balance_minor,
        }
        await audit.record(session, user, "debt.reminded", ("student", student.id), summary)
    return reminded.reminder
