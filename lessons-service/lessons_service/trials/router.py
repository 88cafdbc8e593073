"""HTTP routes of trial holds: the bot holds a prospect's pick, the front desk releases it to book."""

import uuid

from fastapi import APIRouter, Depends, Response

from studio_kit.auth import require_roles, require_service

from ..lessons.dependencies import CalendaryDep, SettingsDep
from . import service as trial_service
from .schemas import TrialHoldCreate, TrialHoldRead

router = APIRouter(tags=["trials"])


@router.post(
    "/internal/trial-holds",
    status_code=201,
    response_model=TrialHoldRead,
    dependencies=[Depends(require_service("lessons:trial-hold"))],
)
async def hold_trial_slot(data: TrialHoldCreate, calendary: CalendaryDep, settings: SettingsDep) -> TrialHoldRead:
    """Hold a prospect's trial slot (409 `slot_taken` when it is no longer free)."""
    return await trial_service.hold_trial_slot(calendary, settings, data)


@router.post(
    "/trial-holds/{hold_id}/release",
    status_code=204,
    dependencies=[Depends(require_roles("admin"))],
)
async def release_trial_hold(hold_id: uuid.UUID, calendary: CalendaryDep) -> Response:
    """Free a trial hold right before the admin books that time (idempotent)."""
    await trial_service.release_trial_hold(calendary, hold_id)
    return Response(status_code=204)
