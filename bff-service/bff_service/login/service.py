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
from ..clients.auth import AuthClient
from ..downstream import Caller, DownstreamProblem
from .errors import OAuthStartFailed
from .schemas import LoginRequest, OAuthProviderRead, RegisterRequest

OAUTH_KEY_PREFIX = "bff:oauth:"
logger = logging.getLogger("bff_service.login")


DEVICE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,100}$")


async def login(caller: Caller, data: LoginRequest, device_token: str | None = None) -> dict[str, Any]:
    """Check email and password at auth-service. `device_token` is this browser's proof of an
    earlier login (the device cookie): its failures then count against it, not the account."""
    body: dict[str, Any] = data.model_dump()
    if device_token and DEVICE_TOKEN.match(device_token):
        body["device_token"] = device_token
    return await AuthClient(caller).login(body)


async def register(caller: Caller, data: RegisterRequest) -> dict[str, Any]:
    """Create the student account, then the student profile under the same id (identity rule).

    A profile that cannot be created now (students-service down) is created on the first `/api/me`."""
    result = await AuthClient(caller).register(data.model_dump(exclude_none=True))
    await account_service.ensure_student_profile(
        caller, result["user"], phone=data.phone, timezone=data.timezone, tolerate_outage=True
    )
    return result


async def login_with_miniapp(caller: Caller, init_data: str) -> dict[str, Any]:
    """Verify the Telegram Mini App's signed initData at auth-service."""
    return await AuthClient(caller).login_with_miniapp(init_data)


async def login_with_telegram_widget(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Verify the Telegram Login Widget's signed data at auth-service (the account must be linked)."""
    return await AuthClient(caller).login_with_telegram_widget(data)


async def logout(caller: Caller, refresh_token: str) -> None:
    """End the session at auth-service, so its refresh token is dead even if it leaked.

    If auth-service cannot be reached the logout still succeeds here: the refresh token existed
    only in the session this request deletes, and it expires at auth-service on its own."""
    try:
        await AuthClient(caller).logout(refresh_token)
    except (ServiceUnavailable, DownstreamProblem) as exc:
        logger.warning("logout: auth-service did not revoke the session: %s", exc)


async def list_oauth_providers(caller: Caller) -> list[OAuthProviderRead]:
    """Login providers configured at auth-service."""
    return await AuthClient(caller).oauth_providers()


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
    # auth-service throttles SSO starts per address: the client sends the browser's, not ours for everyone.
    response = await AuthClient(caller).start_oauth(provider, oauth_callback_url(caller, provider))
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
        result = await AuthClient(caller).finish_oauth(provider, query)
    except DownstreamProblem as problem:
        return None, "/", problem.code
    except ServiceUnavailable:
        return None, "/", "oauth_provider_unavailable"
    if result["user"]["role"] == "student":
        await account_service.ensure_student_profile(caller, result["user"], tolerate_outage=True)
    return result, record.get("next", "/"), None


async def change_password(caller: Caller, current_password: str, new_password: str) -> None:
    """Replace the password at auth-service, which ends every other session of the user."""
    await AuthClient(caller).change_password(current_password, new_password)


async def accept_invitation(caller: Caller, token: str, password: str) -> dict[str, Any]:
    """Set the password of an invited account; the person is logged in at once."""
    result = await AuthClient(caller).accept_invitation(token, password)
    if result["user"]["role"] == "student":
        await account_service.ensure_student_profile(caller, result["user"], tolerate_outage=True)
    return result


async def request_password_reset(caller: Caller, email: str) -> None:
    """Mail a reset link if the account exists (the answer never says whether it does)."""
    await AuthClient(caller).request_password_reset(email)


async def confirm_password_reset(caller: Caller, token: str, password: str) -> None:
    """Set a new password from a reset link; every session of the account ends."""
    await AuthClient(caller).confirm_password_reset(token, password)


async def verify_email(caller: Caller, token: str) -> dict[str, Any]:
    """Confirm the e-mail address from its link."""
    return await AuthClient(caller).verify_email(token)
