"""HTTP route of the lead funnel's counts."""

from fastapi import APIRouter
from sqlalchemy import func, select

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..leads.models import LEAD_STATUSES, Lead

router = APIRouter(prefix="/reports", tags=["dashboards"])


@router.get("/lead-funnel", response_model=dict[str, int])
async def lead_funnel(session: SessionDep, _: AdminUser) -> dict[str, int]:
    """How many leads are in each funnel status now (every status named, zeros included)."""
    rows = await session.execute(select(Lead.status, func.count()).group_by(Lead.status))
    counts = dict.fromkeys(LEAD_STATUSES, 0)
    counts.update({status: int(count) for status, count in rows})
    return counts
