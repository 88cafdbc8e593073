"""Login flows: each ends with auth-service's login result, which the router turns into cookies."""

from __future__ import annotations

import json
import logging
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

from studio_kit.auth import same_secret
from studio_kit.errors import ServiceUnavailable

from ..account import service as account_service
from ..client_address import auth_client_headers
from ..downstream import Caller, DownstreamProblem
from .errors import OAuthStartFailed
from .schemas import LoginRequest, RegisterRequest

# Hashing a password on purpose takes a while; these calls get more than a screen's deadline.
AUTH_DEADLINE_SECONDS = 10.0
OAUTH_KEY_PREFIX = "bff:oauth:"
logger = logging.getLogger("bff_service.login")


DEVICE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,100}$")


async def login(caller: Caller, data: LoginRequest, device_token: str | None = None) -> dict[str, Any]:
    """Check email and password at auth-service. `device_token` is this browser's proof of an
    earlier login (the device cookie): its failures then count against it, not the account."""
    body: dict[str, Any] = data.model_dump()
    if device_token and DEVICE_TOKEN.match(device_token):
        body["device_token"] = device_token
    result: dict[str, Any] = await caller.post(
        "auth", "/auth/login", json=body, headers=auth_client_headers(caller), deadline=AUTH_DEADLINE_SECONDS
    )
    return result


async def register(caller: Caller, data: RegisterRequest) -> dict[str, Any]:
    """Create the student account, then the student profile under the same id (identity rule).

    A profile that cannot be created now (students-service down) is created on the first `/api/me`."""
    result: dict[str, Any] = await caller.post(
        "auth",
        "/auth/register",
        json=data.model_dump(exclude_none=True),
        headers=auth_client_headers(caller),
        deadline=AUTH_DEADLINE_SECONDS,
    )
    await account_service.ensure_student_profile(
        caller, result["user"], phone=data.phone, timezone=data.timezone, tolerate_outage=True
    )
    return result


async def login_with_miniapp(caller: Caller, init_data: str) -> dict[str, Any]:
    """Verify the Telegram Mini App's signed initData at auth-service."""
    result: dict[str, Any] = await caller.post(
        "auth",
        "/auth/telegram/miniapp",
        json={"init_data": init_data},
        headers=auth_client_headers(caller),
        deadline=AUTH_DEADLINE_SECONDS,
    )
    return result


async def login_with_telegram_widget(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Verify the Telegram Login Widget's signed data at auth-service (the account must be linked)."""
    result: dict[str, Any] = await caller.post(
        "auth",
        "/auth/telegram/login",
        json=data,
        headers=auth_client_headers(caller),
        deadline=AUTH_DEADLINE_SECONDS,
    )
    return result


async def logout(caller: Caller, refresh_token: str) -> None:
    """End the session at auth-service, so its refresh token is dead even if it leaked.

    If auth-service cannot be reached the logout still succeeds here: the refresh token existed
    only in the session this request deletes, and it expires at auth-service on its own."""
    try:
        await caller.post("auth", "/auth/logout", json={"refresh_token": refresh_token})
    except (ServiceUnavailable, DownstreamProblem) as exc:
        logger.warning("logout: auth-service did not revoke the session: %s", exc)


async def list_oauth_providers(caller: Caller) -> list[dict[str, Any]]:
    """Login providers configured at auth-service."""
    providers: list[dict[str, Any]] = await caller.get("auth", "/auth/oauth/providers")
    return providers


def oauth_callback_url(caller: Caller, provider: str) -> str:
    return f"{caller.settings.public_url.rstrip('/')}/api/auth/oauth/{provider}/callback"


def safe_next(value: str | None) -> str:
    """Only a path on this site: anything else would make the login an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


async def start_oauth(caller: Caller, provider: str, next_path: str | None) -> tuple[str, str]:
    """Ask auth-service for the provider URL and remember its `state` under a fresh browser binding.

    Returns (provider URL, binding id for the browser's cookie). Binding the state to the browser
    stops an attacker from finishing their own login in the victim's browser (login CSRF)."""
    response = await caller.send(
        "auth",
        "GET",
        f"/auth/oauth/{provider}/authorize",
        params={"redirect_uri": oauth_callback_url(caller, provider)},
        # auth-service throttles SSO starts per address: the browser's, not ours for everyone.
        headers=auth_client_headers(caller),
        # auth-service may read the provider's discovery document first (a provider that is down).
        deadline=AUTH_DEADLINE_SECONDS,
    )
    location = response.headers.get("location")
    state = parse_qs(urlsplit(location or "").query).get("state", [""])[0]
    if response.status_code not in (302, 303, 307) or not location or not state:
        raise OAuthStartFailed("auth-service did not start the login.")
    binding = secrets.token_urlsafe(32)
    record = {"provider": provider, "state": state, "next": safe_next(next_path)}
    await caller.redis.set(OAUTH_KEY_PREFIX + binding, json.dumps(record), ex=caller.settings.oauth_state_ttl_seconds)
    return location, binding


async def finish_oauth(
    caller: Caller, provider: str, binding: str | None, query: dict[str, str]
) -> tuple[dict[str, Any] | None, str, str | None]:
    """Redeem the provider's answer at auth-service once the state matches this browser's binding.

    Returns (login result or None, where to send the browser, error code or None)."""
    raw = await caller.redis.getdel(OAUTH_KEY_PREFIX + binding) if binding and len(binding) <= 128 else None
    record: dict[str, str] = json.loads(raw) if raw else {}
    state = query.get("state", "")
    if not record or record.get("provider") != provider or not state or not same_secret(state, record.get("state", "")):
        return None, "/", "oauth_state_mismatch"
    if "error" in query or not query.get("code"):
        return None, "/", "oauth_denied"
    try:
        result: dict[str, Any] = await caller.get(
            "auth",
            f"/auth/oauth/{provider}/callback",
            params=query,
            headers=auth_client_headers(caller),
            deadline=AUTH_DEADLINE_SECONDS,
        )
    except DownstreamProblem as problem:
        return None, "/", problem.code
    except ServiceUnavailable:
        return None, "/", "oauth_provider_unavailable"
    if result["user"]["role"] == "student":
        await account_service.ensure_student_profile(caller, result["user"], tolerate_outage=True)
    return result, record.get("next", "/"), None


async def change_password(caller: Caller, current_password: str, new_password: str) -> None:
    """Replace the password at auth-service, which ends every other session of the user."""
    await caller.post(
        "auth",
        "/auth/password",
        json={"current_password": current_password, "new_password": new_password},
        deadline=AUTH_DEADLINE_SECONDS,
    )


async def accept_invitation(caller: Caller, token: str, password: str) -> dict[str, Any]:
    """Set the password of an invited account; the person is logged in at once."""
    result: dict[str, Any] = await caller.post(
        "auth",
        "/auth/invitations/accept",
        json={"token": token, "password": password},
        headers=auth_client_headers(caller),
        deadline=AUTH_DEADLINE_SECONDS,
    )
    if result["user"]["role"] == "student":
        await account_service.ensure_student_profile(caller, result["user"], tolerate_outage=True)
    return result


async def request_password_reset(caller: Caller, email: str) -> None:
    """Mail a reset link if the account exists (the answer never says whether it does)."""
    await caller.post(
        "auth",
        "/auth/password-reset/request",
        json={"email": email},
        headers=auth_client_headers(caller),
        deadline=AUTH_DEADLINE_SECONDS,
    )


async def confirm_password_reset(caller: Caller, token: str, password: str) -> None:
    """Set a new password from a reset link; every session of the account ends."""
    await caller.post(
        "auth",
        "/auth/password-reset/confirm",
        json={"token": token, "password": password},
        deadline=AUTH_DEADLINE_SECONDS,
    )


async def verify_email(caller: Caller, token: str) -> dict[str, Any]:
    """Confirm the e-mail address from its link."""
    user: dict[str, Any] = await caller.post("auth", "/auth/verify-email", json={"token": token})
    return user
