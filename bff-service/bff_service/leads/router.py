"""The trial funnel at the front desk (API.md "Front desk"): leads taken by phone, conversion, numbers."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query

from ..admin.schemas import Lead
from ..session.dependencies import AdminCaller
from . import service as lead_service
from .schemas import ConversionPeriod, LeadConvert, LeadConverted, LeadCreate

router = APIRouter(prefix="/api/admin", tags=["leads"])


@router.post("/leads", status_code=201, response_model=Lead)
async def create_lead(data: LeadCreate, caller: AdminCaller) -> Any:
    """Take a trial request by phone or at the desk; 409 when an open lead has the phone."""
    return await lead_service.create_lead(caller, data.model_dump(mode="json", exclude_none=True))


@router.get("/leads/conversion", response_model=list[ConversionPeriod])
async def lead_conversion(
    caller: AdminCaller,
    period: Literal["week", "month"] = "week",
    periods: Annotated[int, Query(ge=1, le=26)] = 8,
) -> Any:
    """Requests → trials → paying students per week or month, oldest first."""
    return await lead_service.conversion(caller, period, periods)


@router.post("/leads/{lead_id}/convert", status_code=201, response_model=LeadConverted)
async def convert_lead(lead_id: UUID, data: LeadConvert, caller: AdminCaller) -> Any:
    """Make the lead a student (invited by e-mail when it has one) and book its trial in one step."""
    trial = data.trial.model_dump(mode="json") if data.trial else None
    return await lead_service.convert_lead(caller, str(lead_id), trial)
