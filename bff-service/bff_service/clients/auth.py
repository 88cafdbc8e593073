"""auth-service, as the BFF calls it (accounts only; sessions live in `session/` and `login/`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from studio_kit.types import Page

from ..account.schemas import TelegramLinkRead
from ..login.schemas import UserRead
from ..schemas import Invitation
from .base import ServiceApi


class InvitationStatus(Invitation):
    user_id: UUID


class AuthClient(ServiceApi):
    service = "auth"

    async def create_user(self, body: dict[str, Any]) -> None:
        """POST /internal/users: an account under a given id, invited by e-mail when asked."""
        await self._send_ignoring_body("POST", "/internal/users", json=body)

    async def update_user(self, user_id: str, body: dict[str, Any]) -> None:
        """PATCH /users/{id}: names, phone, `is_active` of a login."""
        await self._send_ignoring_body("PATCH", f"/users/{user_id}", json=body)

    async def invitation_statuses(self, user_ids: Sequence[str]) -> list[InvitationStatus]:
        """GET /users/invitation-status?user_id=…: whether each set a password (≤ 100 ids)."""
        return await self._get(list[InvitationStatus], "/users/invitation-status", {"user_id": list(user_ids)})

    async def get_user(self, user_id: str) -> UserRead:
        """GET /users/{id}: one account (auth-service has no list-by-ids route)."""
        return await self._get(UserRead, f"/users/{user_id}")

    async def list_users(self, *, role: str, size: int) -> Page[UserRead]:
        """GET /users?role=: the first page of the accounts with a role."""
        return await self._get(Page[UserRead], "/users", {"role": role, "size": size})

    async def resend_invitation(self, user_id: str) -> InvitationStatus:
        """POST /users/{id}/invitation: a fresh invitation e-mail."""
        return await self._send(InvitationStatus, "POST", f"/users/{user_id}/invitation")

    async def telegram_link_token(self) -> TelegramLinkRead:
        """POST /auth/telegram/link-token: a one-time token and deep link for the bot."""
        return await self._send(TelegramLinkRead, "POST", "/auth/telegram/link-token")
