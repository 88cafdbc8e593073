"""Registration, invitations, password reset and email verification."""

import uuid

from fastapi import APIRouter, Response, status

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..login.dependencies import RedisDep
from ..sessions.dependencies import ClientInfoDep, IssuerDep, LiveUser
from ..sessions.schemas import LoginResult
from ..users.models import User
from ..users.schemas import PasswordChange, UserRead
from . import service as account_service
from .schemas import (
    AcceptInvitationRequest,
    PasswordResetConfirm,
    PasswordResetRequest,
    RegisterRequest,
    VerifyEmailRequest,
)

router = APIRouter(prefix="/auth", tags=["accounts"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=LoginResult)
async def register(
    data: RegisterRequest, session: SessionDep, redis: RedisDep, issuer: IssuerDep, client: ClientInfoDep
) -> LoginResult:
    """Sign up as a student and log in at once."""
    return await account_service.register_student(session, redis, issuer, data, client)


@router.post("/invitations/accept", response_model=LoginResult)
async def accept_invitation(
    data: AcceptInvitationRequest, session: SessionDep, issuer: IssuerDep, client: ClientInfoDep
) -> LoginResult:
    """Choose a password from an invitation link and log in."""
    return await account_service.accept_invitation(
        session, issuer, token=data.token, password=data.password, client=client
    )


@router.post("/password-reset/request", status_code=status.HTTP_202_ACCEPTED, response_class=Response)
async def request_password_reset(
    data: PasswordResetRequest, session: SessionDep, redis: RedisDep, settings: SettingsDep, client: ClientInfoDep
) -> Response:
    """Email a reset link when the account exists (always 202)."""
    await account_service.request_password_reset(session, redis, settings, email=data.email, client=client)
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_password_reset(data: PasswordResetConfirm, session: SessionDep, redis: RedisDep) -> Response:
    """Set a new password from a reset link; all sessions end and login delays on the account lift."""
    await account_service.confirm_password_reset(session, redis, token=data.token, password=data.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/verify-email", response_model=UserRead)
async def verify_email(data: VerifyEmailRequest, session: SessionDep) -> User:
    """Confirm the email address from its link."""
    return await account_service.verify_email(session, token=data.token)


@router.post("/verify-email/resend", status_code=status.HTTP_202_ACCEPTED)
async def resend_email_verification(
    user: LiveUser, session: SessionDep, redis: RedisDep, settings: SettingsDep
) -> Response:
    """Send a new verification link to the caller."""
    await account_service.resend_email_verification(session, redis, settings, user)
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(
    data: PasswordChange,
    user: LiveUser,
    principal: CurrentUser,
    session: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    """Change the caller's password; every other session of theirs ends."""
    await account_service.change_password(
        session,
        redis,
        settings,
        user,
        current_password=data.current_password,
        new_password=data.new_password,
        keep_session=uuid.UUID(principal.session_id) if principal.session_id else None,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
