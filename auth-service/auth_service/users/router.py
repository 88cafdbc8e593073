"""User endpoints: the caller's own account, admin management, and internal look-ups."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from studio_kit.auth import AdminUser, Principal, require_service
from studio_kit.db import SessionDep
from studio_kit.errors import Forbidden
from studio_kit.types import PageNumber, PageSize

from ..config import SettingsDep
from ..database import audit
from ..sessions.dependencies import LiveUser
from . import service as user_service
from .dependencies import READ_SCOPE, UserWriter
from .models import Role, User
from .schemas import InvitationCreate, InvitationRead, InvitationStatus, Page, UserCreate, UserRead, UserUpdate

router = APIRouter(tags=["users"])
internal_router = APIRouter(prefix="/internal", tags=["internal"])


@router.get("/users/me", response_model=UserRead)
async def read_me(user: LiveUser) -> User:
    """The caller's own account."""
    return user


@router.get("/users", response_model=Page[UserRead])
async def list_users(
    _: AdminUser,
    session: SessionDep,
    search: Annotated[str | None, Query(max_length=100)] = None,
    role: Role | None = None,
    page: PageNumber = 1,
    size: PageSize = 20,
) -> Page[UserRead]:
    """Every user, searchable, one page at a time."""
    return await user_service.list_users(session, search=search, role=role, page=page, size=size)


@router.post("/users/invitations", status_code=status.HTTP_201_CREATED, response_model=InvitationRead)
async def invite_user(
    data: InvitationCreate, admin: AdminUser, session: SessionDep, settings: SettingsDep
) -> InvitationRead:
    """Invite a teacher, student or admin by email (single-use link)."""
    invitation = await user_service.invite_user(session, settings, data)
    summary = {"email": data.email, "role": data.role}
    await audit.record(session, admin, "user.invited", ("user", invitation.user.id), summary)
    return invitation


@router.get("/users/invitation-status", response_model=list[InvitationStatus])
async def read_invitation_statuses(
    _: AdminUser,
    session: SessionDep,
    user_id: Annotated[list[uuid.UUID], Query(min_length=1, max_length=100)],
) -> list[InvitationStatus]:
    """Whether each of these people accepted their invitation (admins)."""
    return await user_service.invitation_statuses(session, user_id)


@router.post("/users/{user_id}/invitation", response_model=InvitationStatus)
async def resend_invitation(
    user_id: uuid.UUID, _: AdminUser, session: SessionDep, settings: SettingsDep
) -> InvitationStatus:
    """Send a fresh invitation link to someone who has not set a password yet (admins)."""
    return await user_service.resend_invitation(session, settings, user_id)


@router.get("/users/{user_id}", response_model=UserRead)
async def read_user(user_id: uuid.UUID, _: AdminUser, session: SessionDep) -> User:
    """One user (admins)."""
    return await user_service.get_user(session, user_id)


@router.patch("/users/{user_id}", response_model=UserRead)
async def update_user(user_id: uuid.UUID, data: UserUpdate, admin: AdminUser, session: SessionDep) -> User:
    """Change role, names, phone or the active flag; deactivation revokes every session."""
    fields = ("role", "is_active", "first_name", "last_name", "phone")
    old = {field: getattr(await user_service.get_user(session, user_id), field) for field in fields}
    user = await user_service.update_user(session, user_id, data, actor_id=admin.subject)
    # Only what really changed; one entry per write, named after its weightiest change.
    changed = {field: getattr(user, field) for field in fields if getattr(user, field) != old[field]}
    if "role" in changed:
        summary = {"from": old["role"], "to": user.role, "changed": changed}
        await audit.record(session, admin, "user.role_changed", ("user", user.id), summary)
    elif "is_active" in changed:
        action = "user.activated" if user.is_active else "user.deactivated"
        await audit.record(session, admin, action, ("user", user.id), {"changed": changed})
    elif changed:
        await audit.record(session, admin, "user.updated", ("user", user.id), {"changed": changed})
    return user


@internal_router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserRead)
async def create_user(
    data: UserCreate, principal: UserWriter, session: SessionDep, settings: SettingsDep, response: Response
) -> User:
    """Create an account (optionally with the caller's profile id and an invitation); a repeat returns 200."""
    if data.role == "admin" and principal.role != "admin":
        raise Forbidden("Only an admin creates admins.")
    user, created = await user_service.create_user(session, settings, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    else:
        summary = {"email": user.email, "role": user.role, "invited": data.invite}
        await audit.record(session, principal, "user.created", ("user", user.id), summary)
    return user


@internal_router.get("/users/by-telegram/{telegram_id}", response_model=UserRead)
async def read_user_by_telegram(
    telegram_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    _: Annotated[Principal, Depends(require_service(READ_SCOPE))],
    session: SessionDep,
) -> User:
    """The account a Telegram user is linked to."""
    return await user_service.get_user_by_telegram_id(session, telegram_id)


@internal_router.get("/users/by-email/{email}", response_model=UserRead)
async def read_user_by_email(
    email: Annotated[str, Path(max_length=320)],
    _: Annotated[Principal, Depends(require_service(READ_SCOPE))],
    session: SessionDep,
) -> User:
    """The account with this email: lets a service adopt an existing account's id (identity rule)."""
    return await user_service.get_user_by_email(session, email)


@internal_router.get("/users/{user_id}", response_model=UserRead)
async def read_user_internal(
    user_id: uuid.UUID, _: Annotated[Principal, Depends(require_service(READ_SCOPE))], session: SessionDep
) -> User:
    """One account, for services."""
    return await user_service.get_user(session, user_id)
