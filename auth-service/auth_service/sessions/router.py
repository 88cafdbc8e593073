"""Refresh, logout and the user's own sessions."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from . import service as session_service
from .dependencies import IssuerDep, LiveUser
from .errors import RefreshTokenReused
from .schemas import LoginResult, RefreshRequest, SessionRead

router = APIRouter(tags=["sessions"])


@router.post("/auth/refresh", response_model=LoginResult)
async def refresh(data: RefreshRequest, session: SessionDep, issuer: IssuerDep) -> LoginResult:
    """Rotate a refresh token: a new pair, the old token spent."""
    try:
        return await session_service.refresh_session(session, issuer, data.refresh_token)
    except RefreshTokenReused:
        # The family revocation must outlive the 401 that follows.
        await session.commit()
        raise


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(data: RefreshRequest, session: SessionDep) -> Response:
    """End the session of this refresh token."""
    await session_service.logout(session, data.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/sessions", response_model=list[SessionRead])
async def list_sessions(user: LiveUser, principal: CurrentUser, session: SessionDep) -> list[SessionRead]:
    """The caller's open sessions."""
    current = uuid.UUID(principal.session_id) if principal.session_id else None
    return await session_service.list_sessions(session, user.id, current)


@router.delete("/sessions", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_sessions(
    user: LiveUser, principal: CurrentUser, session: SessionDep, except_current: bool = False
) -> Response:
    """Log out everywhere (optionally keeping this session)."""
    keep = uuid.UUID(principal.session_id) if except_current and principal.session_id else None
    await session_service.revoke_all_sessions(session, user.id, "user_revoked", keep=keep)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_session(session_id: uuid.UUID, user: LiveUser, session: SessionDep) -> Response:
    """Revoke one of the caller's sessions."""
    await session_service.revoke_own_session(session, user.id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
