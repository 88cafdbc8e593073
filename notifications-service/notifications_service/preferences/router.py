"""The current person's notification preferences."""

from fastapi import APIRouter

from studio_kit.db import SessionDep

from . import service as preference_service
from .dependencies import DefaultsDep, PersonId
from .schemas import PreferencesRead, PreferencesUpdate

router = APIRouter(prefix="/preferences", tags=["preferences"])


@router.get("/me", response_model=PreferencesRead)
async def get_my_preferences(session: SessionDep, user_id: PersonId, defaults: DefaultsDep) -> PreferencesRead:
    """Show the caller's language, timezone, quiet hours and channels per category."""
    return await preference_service.get_preferences(session, user_id, defaults)


@router.put("/me", response_model=PreferencesRead)
async def put_my_preferences(
    data: PreferencesUpdate, session: SessionDep, user_id: PersonId, defaults: DefaultsDep
) -> PreferencesRead:
    """Replace the caller's preferences; categories left out keep the default channels."""
    return await preference_service.update_preferences(session, user_id, data, defaults)
