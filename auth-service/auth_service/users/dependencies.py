"""Who may manage users."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from studio_kit.auth import CurrentUser, Principal
from studio_kit.errors import Forbidden

USERS_WRITE_SCOPE = "auth:users:write"
READ_SCOPE = "auth:read"


async def require_user_writer(principal: CurrentUser) -> Principal:
    """An admin, or a service holding `auth:users:write` (students/teachers creating accounts)."""
    if principal.role == "admin" or (principal.is_service and principal.has_scope(USERS_WRITE_SCOPE)):
        return principal
    raise Forbidden(f"Needs an admin or a service with the {USERS_WRITE_SCOPE} scope.")


UserWriter = Annotated[Principal, Depends(require_user_writer)]
