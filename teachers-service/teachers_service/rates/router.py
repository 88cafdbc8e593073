"""HTTP routes for teacher rates."""

import uuid

from fastapi import APIRouter

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from . import service as rate_service
from .models import TeacherRate
from .schemas import RateCreate, RateRead, RateSet

router = APIRouter(prefix="/teachers/{teacher_id}/rates", tags=["rates"])


@router.get("", response_model=list[RateRead])
async def list_rates(teacher_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> list[TeacherRate]:
    """The teacher's rate history."""
    return await rate_service.list_rates(session, teacher_id, user)


@router.post("", status_code=201, response_model=RateRead)
async def add_rate(
    teacher_id: uuid.UUID, data: RateCreate, session: SessionDep, settings: SettingsDep, user: AdminUser
) -> TeacherRate:
    """Set a new rate from a date on (history is kept)."""
    rate = await rate_service.add_rate(
        session, teacher_id, data, user.subject, settings.teachers_currency, settings.teachers_studio_timezone
    )
    await audit.record(session, user, "rate.set", ("teacher", teacher_id), data.model_dump(mode="json"))
    return rate


@router.put("", response_model=list[RateRead])
async def set_rate(
    teacher_id: uuid.UUID, data: RateSet, session: SessionDep, settings: SettingsDep, user: AdminUser
) -> list[TeacherRate]:
    """Set the per-lesson rate from a date on for every kind (or those named); a past date re-prices open months."""
    rates = await rate_service.set_rate(
        session, teacher_id, data, user.subject, settings.teachers_currency, settings.teachers_studio_timezone
    )
    await audit.record(session, user, "rate.set", ("teacher", teacher_id), data.model_dump(mode="json"))
    return rates
