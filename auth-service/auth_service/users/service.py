"""User accounts: creation (with the platform-wide id), invitations, admin changes, bootstrap."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..database import outbox
from ..events.published import UserDeactivated, UserInvited
from ..links import service as link_service
from ..passwords import service as password_service
from ..sessions import service as session_service
from . import repository as user_repository
from .errors import (
    CannotChangeOwnAccount,
    EmailTaken,
    InvitationAlreadyAccepted,
    InviteeInactive,
    UserIdTaken,
    UserNotFound,
)
from .models import User
from .schemas import (
    InvitationCreate,
    InvitationRead,
    InvitationStatus,
    Page,
    UserCreate,
    UserRead,
    UserUpdate,
)

logger = logging.getLogger("auth_service.users")


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    """A user by id, or 404."""
    user = await user_repository.get_user(session, user_id)
    if user is None:
        raise UserNotFound()
    return user


async def get_user_by_telegram_id(session: AsyncSession, telegram_id: int) -> User:
    """The user a Telegram account is linked to, or 404."""
    user = await user_repository.get_user_by_telegram_id(session, telegram_id)
    if user is None:
        raise UserNotFound()
    return user


async def get_user_by_email(session: AsyncSession, email: str) -> User:
    """The user with this email (any case), or 404."""
    user = await user_repository.get_user_by_email(session, email)
    if user is None:
        raise UserNotFound()
    return user


async def list_users(
    session: AsyncSession, *, search: str | None, role: str | None, page: int, size: int
) -> Page[UserRead]:
    """Users filtered by role and a free-text search over email, names and phone."""
    rows, total = await user_repository.list_users(
        session, search=search, role=role, offset=(page - 1) * size, limit=size
    )
    return Page[UserRead](items=[UserRead.model_validate(row) for row in rows], total=total, page=page, size=size)


async def add_user(
    session: AsyncSession,
    *,
    email: str,
    role: str,
    first_name: str,
    last_name: str = "",
    phone: str | None = None,
    timezone: str | None = None,
    language: str = "ru",
    password_hash: str | None = None,
    email_verified: bool = False,
    user_id: uuid.UUID | None = None,
) -> User:
    """Insert a user; the email must be free."""
    if await user_repository.get_user_by_email(session, email) is not None:
        raise EmailTaken()
    user = User(
        id=user_id or uuid.uuid4(),
        email=email.lower(),
        role=role,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        timezone=timezone,
        language=language,
        password_hash=password_hash,
        email_verified_at=datetime.now(UTC) if email_verified else None,
    )
    try:
        return await user_repository.add_user(session, user)
    except user_repository.DuplicateUser as exc:
        raise (UserIdTaken() if exc.constraint == "pk_user_account" else EmailTaken()) from exc


async def send_invitation(session: AsyncSession, settings: Settings, user: User) -> datetime:
    """A fresh single-use invitation link, announced as `user.invited` for notifications."""
    link = await link_service.issue_link(
        session, user_id=user.id, purpose="invitation", ttl=timedelta(hours=settings.invitation_ttl_hours)
    )
    await outbox.add(
        session,
        UserInvited(
            user_id=user.id,
            email=user.email,
            role=user.role,
            first_name=user.first_name,
            language=user.language,
            invite_url=link_service.link_url(settings.public_web_url, "invite", link.token),
            expires_at=link.expires_at,
        ),
    )
    return link.expires_at


async def create_user(session: AsyncSession, settings: Settings, data: UserCreate) -> tuple[User, bool]:
    """Create an account for a person another service already knows (their profile id becomes the
    user id). Repeating the same call returns the same user, so callers may retry safely."""
    if data.id is not None:
        existing = await user_repository.get_user(session, data.id)
        if existing is not None:
            if existing.email != data.email:
                raise UserIdTaken()
            return existing, False
    user = await add_user(
        session,
        email=data.email,
        role=data.role,
        first_name=data.first_name,
        last_name=data.last_name,
        phone=data.phone,
        timezone=data.timezone,
        language=data.language,
        user_id=data.id,
    )
    if data.invite:
        await send_invitation(session, settings, user)
    return user, True


async def invite_user(session: AsyncSession, settings: Settings, data: InvitationCreate) -> InvitationRead:
    """Invite a teacher or student by email; inviting someone who never accepted re-sends the link."""
    user = await user_repository.get_user_by_email(session, data.email)
    if user is not None and user.password_hash is not None:
        raise EmailTaken()
    if user is None:
        user = await add_user(
            session,
            email=data.email,
            role=data.role,
            first_name=data.first_name,
            last_name=data.last_name,
            phone=data.phone,
            language=data.language,
        )
    expires_at = await send_invitation(session, settings, user)
    return InvitationRead(user=UserRead.model_validate(user), expires_at=expires_at)


async def invitation_statuses(session: AsyncSession, user_ids: list[uuid.UUID]) -> list[InvitationStatus]:
    """Per user: accepted once a password is set, else the newest link's state (or never sent)."""
    users = await user_repository.get_users(session, user_ids)
    links = await link_service.latest_links(session, user_ids=[user.id for user in users], purpose="invitation")
    now = datetime.now(UTC)
    statuses = []
    for user in users:
        link = links.get(user.id)
        if user.password_hash is not None:
            state = "accepted"
        elif link is None:
            state = "not_sent"
        elif link.used_at is None and link.expires_at > now:
            state = "pending"
        else:
            state = "expired"
        statuses.append(
            InvitationStatus(
                user_id=user.id,
                status=state,
                sent_at=link.created_at if link is not None else None,
                expires_at=link.expires_at if link is not None else None,
            )
        )
    return statuses


async def resend_invitation(session: AsyncSession, settings: Settings, user_id: uuid.UUID) -> InvitationStatus:
    """A fresh link for someone who has not set a password yet; the old link stops working."""
    user = await user_repository.get_user(session, user_id, for_update=True)
    if user is None:
        raise UserNotFound()
    if user.password_hash is not None:
        raise InvitationAlreadyAccepted()
    if not user.is_active:
        raise InviteeInactive()
    await send_invitation(session, settings, user)
    [status] = await invitation_statuses(session, [user.id])
    return status


async def update_user(session: AsyncSession, user_id: uuid.UUID, data: UserUpdate, *, actor_id: str) -> User:
    """Admin change. A new role or a deactivation ends every session at once, so the old role's
    refresh tokens stop working immediately (access tokens expire within minutes)."""
    user = await user_repository.get_user(session, user_id, for_update=True)
    if user is None:
        raise UserNotFound()
    changes = data.model_dump(exclude_unset=True)
    role_changed = changes.get("role") not in (None, user.role)
    if str(user.id) == actor_id and (changes.get("is_active") is False or role_changed):
        raise CannotChangeOwnAccount()
    deactivated = changes.get("is_active") is False and user.is_active
    for field in ("role", "is_active", "first_name", "last_name"):
        if changes.get(field) is not None:
            setattr(user, field, changes[field])
    if "phone" in changes:
        user.phone = changes["phone"]
    if deactivated:
        await session_service.revoke_all_sessions(session, user.id, "deactivated")
        await outbox.add(session, UserDeactivated(user_id=user.id, role=user.role))
    elif role_changed:
        await session_service.revoke_all_sessions(session, user.id, "role_changed")
    await session.flush()
    await session.refresh(user)
    return user


async def set_password(session: AsyncSession, user: User, password: str) -> None:
    """Check the policy and store a new argon2id hash."""
    password_service.check_policy(password, personal=(user.email, user.email.split("@")[0], user.first_name))
    user.password_hash = await password_service.hash_password(password)
    user.password_change_required = False
    await session.flush()


async def bootstrap_admin(session: AsyncSession, settings: Settings) -> User | None:
    """Create the first admin from the environment when there is no user at all."""
    email = settings.auth_bootstrap_admin_email.strip().lower()
    password = settings.auth_bootstrap_admin_password.get_secret_value()
    if not email or not password:
        return None
    await user_repository.lock_bootstrap(session)
    if await user_repository.count_users(session) > 0:
        return None
    password_service.check_policy(password, personal=(email,))
    user = await add_user(
        session,
        email=email,
        role="admin",
        first_name="Admin",
        password_hash=await password_service.hash_password(password),
        email_verified=True,
    )
    # The password sits in a config file: the first login must replace it (the BFF allows nothing else).
    user.password_change_required = settings.auth_bootstrap_admin_must_change_password
    await session.flush()
    logger.warning("bootstrapped the first admin %s", email)
    return user
