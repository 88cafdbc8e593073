"""Internal endpoint: other services push contact details here instead of us calling them."""

import uuid

from fastapi import APIRouter, Depends

from studio_kit.auth import require_service
from studio_kit.db import SessionDep

from . import service as recipient_service
from .schemas import RecipientRead, RecipientUpsert

router = APIRouter(prefix="/internal/recipients", tags=["internal"])


@router.put(
    "/{user_id}",
    response_model=RecipientRead,
    dependencies=[Depends(require_service("notifications:write"))],
)
async def put_recipient(user_id: uuid.UUID, data: RecipientUpsert, session: SessionDep) -> RecipientRead:
    """Create or update a person's contact details (service scope `notifications:write`)."""
    recipient = await recipient_service.upsert_recipient(session, user_id, data)
    return RecipientRead.model_validate(recipient)
