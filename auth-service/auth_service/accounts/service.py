"""Self-registration, invitation acceptance, password reset and email verification."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..database import outbox
from ..events.published import UserEmailVerificationRequested, UserPasswordResetRequested, UserRegistered
from ..links import service as link_service
from ..links.errors import LinkInvalid
from ..login.service import first_in, lift_account_throttle, throttle
from ..passwords import service as password_service
from ..sessions import service as session_service
from ..sessions.schemas import LoginResult
from ..sessions.service import ClientInfo, TokenIssuer
from ..users import repository as user_repository
from ..users import service as user_service
from ..users.errors import AccountDisabled, CurrentPasswordWrong, PasswordUnchanged
from ..users.models import User
from .schemas import RegisterRequest

logger = logging.getLogger("auth_service.accounts")


async def _throttle_address(redis: aioredis.Redis, settings: Settings, scope: str, client: ClientInfo) -> None:
    if client.ip_address:
        await throttle(
            redis,
            scope,
            client.ip_address,
            limit=settings.sensitive_requests_per_window,
            window=settings.sensitive_requests_window_seconds,
        )


async def send_email_verification(session: AsyncSession, settings: Settings, user: User) -> None:
    """A single-use verification link, announced as `user.email_verification_requested`."""
    link = await link_service.issue_link(
        session,
        user_id=user.id,
        purpose="email_verification",
        ttl=timedelta(hours=settings.email_verification_ttl_hours),
    )
    await outbox.add(
        session,
        UserEmailVerificationRequested(
            user_id=user.id,
            email=user.email,
            language=user.language,
            verify_url=link_service.link_url(settings.public_web_url, "verify-email", link.token),
            expires_at=link.expires_at,
        ),
    )


async def announce_registration(session: AsyncSession, user: User) -> None:
    """Publish `user.registered` so students-service can create the profile."""
    await outbox.add(
        session,
        UserRegistered(
            user_id=user.id,
            email=user.email,
            role=user.role,
            first_name=user.first_name,
            last_name=user.last_name,
            phone=user.phone,
            timezone=user.timezone,
            language=user.language,
        ),
    )


async def register_student(
    session: AsyncSession,
    redis: aioredis.Redis,
    issuer: TokenIssuer,
    data: RegisterRequest,
    client: ClientInfo,
) -> LoginResult:
    """Sign up as a student, logged in at once; the email is verified later through a link."""
    settings = issuer.settings
    await _throttle_address(redis, settings, "register", client)
    password_service.check_policy(data.password, personal=(data.email, data.email.split("@")[0], data.first_name))
    user = await user_service.add_user(
        session,
        email=data.email,
        role="student",
        first_name=data.first_name,
        last_name=data.last_name,
        phone=data.phone,
        timezone=data.timezone,
        language=data.language,
        password_hash=await password_service.hash_password(data.password),
    )
    await send_email_verification(session, settings, user)
    await announce_registration(session, user)
    return await session_service.start_session(session, issuer, user, method="password", client=client)


async def _user_for_link(session: AsyncSession, purpose: str, token: str) -> User:
    user_id = await link_service.consume_link(session, purpose=purpose, token=token)
    user = await user_repository.get_user(session, user_id, for_update=True)
    if user is None:
        raise LinkInvalid()
    if not user.is_active:
        raise AccountDisabled()
    return user


async def accept_invitation(
    session: AsyncSession, issuer: TokenIssuer, *, token: str, password: str, client: ClientInfo
) -> LoginResult:
    """Set the first password from an invitation link and log in; the mailbox is proven."""
    user = await _user_for_link(session, "invitation", token)
    await user_service.set_password(session, user, password)
    user.email_verified_at = user.email_verified_at or datetime.now(UTC)
    return await session_service.start_session(session, issuer, user, method="invitation", client=client)


async def request_password_reset(
    session: AsyncSession, redis: aioredis.Redis, settings: Settings, *, email: str, client: ClientInfo
) -> None:
    """Send a reset link if the account exists; the caller learns nothing either way."""
    await _throttle_address(redis, settings, "password-reset", client)
    user = await user_repository.get_user_by_email(session, email)
    if user is None or not user.is_active:
        return
    # One mail a minute per account at most, so nobody can flood a mailbox through us.
    if not await first_in(redis, f"password-reset:{user.id}", seconds=60):
        return
    link = await link_service.issue_link(
        session, user_id=user.id, purpose="password_reset", ttl=timedelta(minutes=settings.reset_link_ttl_minutes)
    )
    await outbox.add(
        session,
        UserPasswordResetRequested(
            user_id=user.id,
            email=user.email,
            language=user.language,
            reset_url=link_service.link_url(settings.public_web_url, "reset-password", link.token),
            expires_at=link.expires_at,
        ),
    )


async def confirm_password_reset(session: AsyncSession, redis: aioredis.Redis, *, token: str, password: str) -> None:
    """Set a new password from a reset link; every existing session ends, and the login delays
    strangers' guesses piled on the account are lifted (the owner just proved the mailbox)."""
    user = await _user_for_link(session, "password_reset", token)
    await user_service.set_password(session, user, password)
    user.email_verified_at = user.email_verified_at or datetime.now(UTC)
    await session_service.revoke_all_sessions(session, user.id, "password_reset")
    await lift_account_throttle(redis, user.email)


async def change_password(
    session: AsyncSession,
    redis: aioredis.Redis,
    settings: Settings,
    user: User,
    *,
    current_password: str,
    new_password: str,
    keep_session: uuid.UUID | None,
) -> None:
    """Replace the password after proving the current one; every other session of the user ends
    (and, through `user.sessions_revoked`, the BFF's cookie sessions with them). An account with no
    password yet (SSO or Telegram only) sets its first one without a current one."""
    await throttle(
        redis,
        "password-change",
        str(user.id),
        limit=settings.sensitive_requests_per_window,
        window=settings.sensitive_requests_window_seconds,
    )
    if user.password_hash is not None:
        valid, _ = await password_service.verify_password(current_password, user.password_hash)
        if not valid:
            raise CurrentPasswordWrong()
        if current_password == new_password:
            raise PasswordUnchanged()
    await user_service.set_password(session, user, new_password)
    await session_service.revoke_all_sessions(session, user.id, "password_changed", keep=keep_session)
    await lift_account_throttle(redis, user.email)


async def verify_email(session: AsyncSession, *, token: str) -> User:
    """Mark the email verified from its link."""
    user = await _user_for_link(session, "email_verification", token)
    user.email_verified_at = user.email_verified_at or datetime.now(UTC)
    await session.flush()
    return user


async def resend_email_verification(
    session: AsyncSession, redis: aioredis.Redis, settings: Settings, user: User
) -> None:
    """Send a new verification link unless the email is verified already."""
    if user.email_verified:
        return
    if not await first_in(redis, f"verify-email:{user.id}", seconds=60):
        return
    await send_email_verification(session, settings, user)
