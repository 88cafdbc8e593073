"""Request-level helpers for preferences."""

import uuid
from typing import Annotated

from fastapi import Depends

from studio_kit.auth import CurrentUser
from studio_kit.errors import Forbidden

from ..config import SettingsDep
from .service import Defaults


async def get_defaults(settings: SettingsDep) -> Defaults:
    return Defaults(language=settings.notifications_default_language, timezone=settings.notifications_default_timezone)


async def current_person_id(user: CurrentUser) -> uuid.UUID:
    """The caller's user id; service principals have no preferences of their own."""
    if user.is_service:
        raise Forbidden("Service principals have no personal settings.")
    try:
        return uuid.UUID(user.user_id)
    except ValueError as exc:
        raise Forbidden("The token's subject is not a user id.") from exc


DefaultsDep = Annotated[Defaults, Depends(get_defaults)]
PersonId = Annotated[uuid.UUID, Depends(current_person_id)]
