"""HTTP routes of the trial-request funnel (admins only)."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from ..students.schemas import Page
from . import service as lead_service
from .models import Lead
from .schemas import FunnelPeriod, LeadConvert, LeadCreate, LeadFilter, LeadRead, LeadStudentLink, LeadUpdate

router = APIRouter(prefix="/leads", tags=["leads"])


@router.get("", response_model=Page[LeadRead])
async def list_leads(filters: Annotated[LeadFilter, Query()], session: SessionDep, _: AdminUser) -> Page[LeadRead]:
    """Trial requests with their funnel status."""
    return await lead_service.list_leads(session, filters)


@router.post("", status_code=201, response_model=LeadRead)
async def create_lead(data: LeadCreate, session: SessionDep, settings: SettingsDep, user: AdminUser) -> Lead:
    """Take a trial request by phone or at the desk; 409 when an open lead has the phone."""
    lead = await lead_service.create_lead(session, data, settings.students_default_phone_region)
    await audit.record(session, user, "lead.created", ("lead", lead.id), {"source": data.source})
    return lead


@router.get("/conversion", response_model=list[FunnelPeriod])
async def lead_conversion(
    session: SessionDep,
    settings: SettingsDep,
    _: AdminUser,
    period: Literal["week", "month"] = "week",
    periods: Annotated[int, Query(ge=1, le=26)] = 8,
) -> list[FunnelPeriod]:
    """Requests → trials → paying students per week or month of the request."""
    return await lead_service.conversion(session, period, periods, settings.students_studio_timezone)


@router.get("/{lead_id}", response_model=LeadRead)
async def get_lead(lead_id: uuid.UUID, session: SessionDep, _: AdminUser) -> Lead:
    """One lead."""
    return await lead_service.get_lead(session, lead_id)


@router.put("/{lead_id}/student", response_model=LeadRead)
async def link_student(lead_id: uuid.UUID, data: LeadStudentLink, session: SessionDep, _: AdminUser) -> Lead:
    """Attach the student profile the lead is becoming (the first step of a conversion)."""
    return await lead_service.link_student(session, lead_id, data)


@router.post("/{lead_id}/convert", response_model=LeadRead)
async def convert_lead(lead_id: uuid.UUID, data: LeadConvert, session: SessionDep, user: AdminUser) -> Lead:
    """Record that the lead became a student (and the trial booked for them); twice is 409."""
    lead = await lead_service.convert_lead(session, lead_id, data)
    await audit.record(session, user, "lead.converted", ("lead", lead_id), data.model_dump(mode="json"))
    return lead


@router.patch("/{lead_id}", response_model=LeadRead)
async def update_lead(lead_id: uuid.UUID, data: LeadUpdate, session: SessionDep, user: AdminUser) -> Lead:
    """Move a lead through the funnel."""
    lead = await lead_service.update_lead(session, lead_id, data)
    summary = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "lead.updated", ("lead", lead_id), summary)
    return lead
