"""auth-service, as the BFF calls it (accounts only; sessions live in `session/` and `login/`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import httpx
from pydantic import BaseModel, ConfigDict

from studio_kit.types import Page

from ..account.schemas import TelegramLinkRead
from ..client_address import auth_client_headers
from ..login.schemas import OAuthProviderRead, UserRead
from ..schemas import Invitation
from .base import ServiceApi

# Hashing a password on purpose takes a while; these calls get more than a screen's deadline.
AUTH_DEADLINE_SECONDS = 10.0


class InvitationStatus(Invitation):
    user_id: UUID


class AuthTokens(BaseModel):
    """auth-service's login result. The user is kept whole, as auth-service describes it: the session
    stores it and `public_user` reads fields (`telegram_id`) no BFF model names; anything else
    auth-service adds is kept too."""

    model_config = ConfigDict(extra="allow")

    access_token: str
    refresh_token: str
    user: dict[str, Any]


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

    # --- logins and sessions (the browser's address goes along for auth-service's per-address limits)

    async def _login(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        tokens = await self._send(
            AuthTokens,
            "POST",
            path,
            json=body,
            headers=auth_client_headers(self.caller),
            deadline=AUTH_DEADLINE_SECONDS,
        )
        return tokens.model_dump()

    async def login(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /auth/login: e-mail and password (and the device token), as the login result."""
        return await self._login("/auth/login", body)

    async def register(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /auth/register: a student's own account, logged in at once."""
        return await self._login("/auth/register", body)

    async def login_with_miniapp(self, init_data: str) -> dict[str, Any]:
        """POST /auth/telegram/miniapp: the Telegram Mini App's signed initData."""
        return await self._login("/auth/telegram/miniapp", {"init_data": init_data})

    async def login_with_telegram_widget(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /auth/telegram/login: the Telegram Login Widget's signed data (a linked account)."""
        return await self._login("/auth/telegram/login", body)

    async def accept_invitation(self, token: str, password: str) -> dict[str, Any]:
        """POST /auth/invitations/accept: the invited account's password; logged in at once."""
        return await self._login("/auth/invitations/accept", {"token": token, "password": password})

    async def logout(self, refresh_token: str) -> None:
        """POST /auth/logout: the refresh token is revoked."""
        await self._send_ignoring_body("POST", "/auth/logout", json={"refresh_token": refresh_token})

    async def logout_everywhere(self) -> None:
        """DELETE /sessions: every session of the calling user ends at auth-service."""
        await self._send_ignoring_body("DELETE", "/sessions")

    async def change_password(self, current_password: str, new_password: str) -> None:
        """POST /auth/password: ends every other session of the user."""
        body = {"current_password": current_password, "new_password": new_password}
        await self._send_ignoring_body("POST", "/auth/password", json=body, deadline=AUTH_DEADLINE_SECONDS)

    async def request_password_reset(self, email: str) -> None:
        """POST /auth/password-reset/request: a reset link if the account exists (never says)."""
        await self._send_ignoring_body(
            "POST",
            "/auth/password-reset/request",
            json={"email": email},
            headers=auth_client_headers(self.caller),
            deadline=AUTH_DEADLINE_SECONDS,
        )

    async def confirm_password_reset(self, token: str, password: str) -> None:
        """POST /auth/password-reset/confirm: the new password; every session of the account ends."""
        body = {"token": token, "password": password}
        await self._send_ignoring_body(
            "POST", "/auth/password-reset/confirm", json=body, deadline=AUTH_DEADLINE_SECONDS
        )

    async def verify_email(self, token: str) -> dict[str, Any]:
        """POST /auth/verify-email: the user, whole, as auth-service describes it (see AuthTokens)."""
        return await self._send(dict[str, Any], "POST", "/auth/verify-email", json={"token": token})

    async def oauth_providers(self) -> list[OAuthProviderRead]:
        """GET /auth/oauth/providers: the login providers configured at auth-service."""
        return await self._get(list[OAuthProviderRead], "/auth/oauth/providers")

    async def start_oauth(self, provider: str, redirect_uri: str) -> httpx.Response:
        """GET /auth/oauth/{provider}/authorize: the redirect itself (its Location carries `state`).
        auth-service may read the provider's discovery document first (a provider that is down)."""
        return await self._send_raw(
            "GET",
            f"/auth/oauth/{provider}/authorize",
            params={"redirect_uri": redirect_uri},
            headers=auth_client_headers(self.caller),
            deadline=AUTH_DEADLINE_SECONDS,
        )

    async def finish_oauth(self, provider: str, query: Mapping[str, str]) -> dict[str, Any]:
        """GET /auth/oauth/{provider}/callback: the provider's answer redeemed, as the login result."""
        tokens = await self._get(
            AuthTokens,
            f"/auth/oauth/{provider}/callback",
            query,
            headers=auth_client_headers(self.caller),
            deadline=AUTH_DEADLINE_SECONDS,
        )
        return tokens.model_dump()

    async def telegram_link_token(self) -> TelegramLinkRead:
        """POST /auth/telegram/link-token: a one-time token and deep link for the bot."""
        return await self._send(TelegramLinkRead, "POST", "/auth/telegram/link-token")
