"""HTTP routes of the trial-request funnel (admins only)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..database import audit
from ..students.schemas import Page
from . import service as lead_service
from .models import Lead
from .schemas import LeadFilter, LeadRead, LeadUpdate

router = APIRouter(prefix="/leads", tags=["leads"])


@router.get("", response_model=Page[LeadRead])
async def list_leads(filters: Annotated[LeadFilter, Query()], session: SessionDep, _: AdminUser) -> Page[LeadRead]:
    """Trial requests with their funnel status."""
    return await lead_service.list_leads(session, filters)


@router.patch("/{lead_id}", response_model=LeadRead)
async def update_lead(lead_id: uuid.UUID, data: LeadUpdate, session: SessionDep, user: AdminUser) -> Lead:
    """Move a lead through the funnel."""
    lead = await lead_service.update_lead(session, lead_id, data)
    summary = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "lead.updated", ("lead", lead_id), summary)
    return lead
