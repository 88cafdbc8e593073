"""Issue and consume single-use, expiring tokens (only their SHA-256 is stored)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as link_repository
from .errors import LinkInvalid
from .models import OneTimeToken


@dataclass(frozen=True)
class IssuedLink:
    token: str
    expires_at: datetime


def link_url(base_url: str, screen: str, token: str) -> str:
    """The web app's address for a one-time link. The token rides in the fragment, which browsers
    never send to a server nor put in a Referer, so no access log or proxy ever sees it; the
    screen reads it and POSTs it to the API."""
    return f"{base_url.rstrip('/')}/{screen}#{token}"


def hash_token(token: str) -> bytes:
    """What is stored instead of the token itself."""
    return hashlib.sha256(token.encode()).digest()


async def issue_link(session: AsyncSession, *, user_id: uuid.UUID, purpose: str, ttl: timedelta) -> IssuedLink:
    """A new token for this purpose; any older unused one stops working."""
    await link_repository.invalidate_tokens(session, user_id=user_id, purpose=purpose)
    # 32 URL-safe characters: fits Telegram's 64-character /start payload and is unguessable.
    token = secrets.token_urlsafe(24)
    expires_at = datetime.now(UTC) + ttl
    await link_repository.create_token(
        session, user_id=user_id, purpose=purpose, token_hash=hash_token(token), expires_at=expires_at
    )
    return IssuedLink(token, expires_at)


async def consume_link(session: AsyncSession, *, purpose: str, token: str) -> uuid.UUID:
    """The user the token belongs to; the token is spent."""
    user_id = await link_repository.consume_token(session, purpose=purpose, token_hash=hash_token(token))
    if user_id is None:
        raise LinkInvalid()
    return user_id


async def find_spent_link_owner(session: AsyncSession, *, purpose: str, token: str) -> uuid.UUID | None:
    """Whose token this was, once it has been used (lets a retried consumer answer the same)."""
    found = await link_repository.find_token(session, purpose=purpose, token_hash=hash_token(token))
    return found.user_id if found is not None and found.used_at is not None else None


async def latest_links(
    session: AsyncSession, *, user_ids: list[uuid.UUID], purpose: str
) -> dict[uuid.UUID, OneTimeToken]:
    """The newest link of this purpose per user, used or not."""
    return await link_repository.latest_tokens(session, user_ids=user_ids, purpose=purpose)
