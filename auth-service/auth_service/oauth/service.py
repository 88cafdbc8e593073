"""OAuth 2.0 / OpenID Connect login through Authlib: PKCE (S256), `state` and `nonce`.

Presets: Google (OIDC discovery), Yandex ID and VK ID (OAuth 2.0 + userinfo APIs), and one generic
OIDC provider from its discovery URL."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import redis.asyncio as aioredis
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from joserfc.errors import BadSignatureError, JoseError
from sqlalchemy.ext.asyncio import AsyncSession

from ..accounts.service import announce_registration
from ..config import OAuthProviderConfig, Settings
from ..login.service import throttle
from ..sessions import service as session_service
from ..sessions.schemas import LoginResult
from ..sessions.service import ClientInfo, TokenIssuer
from ..users import repository as user_repository
from ..users import service as user_service
from ..users.errors import AccountDisabled
from ..users.models import User
from . import repository as oauth_repository
from .errors import (
    OAuthEmailUnverified,
    OAuthFailed,
    OAuthProviderUnavailable,
    OAuthStateInvalid,
    ProviderUnknown,
    RedirectUriNotAllowed,
)
from .schemas import ProviderRead

ENDPOINTS: dict[str, dict[str, str]] = {
    "yandex": {
        "authorize_url": "https://oauth.yandex.ru/authorize",
        "access_token_url": "https://oauth.yandex.ru/token",
        "userinfo_endpoint": "https://login.yandex.ru/info?format=json",
    },
    "vk": {
        "authorize_url": "https://id.vk.com/authorize",
        "access_token_url": "https://id.vk.com/oauth2/auth",
        "userinfo_endpoint": "https://id.vk.com/oauth2/user_info",
    },
}
# A provider that rotates its key under the same key id makes Authlib's cached JWKS fail every
# signature; it is fetched again at most this often per provider (a forged token cannot make us
# hammer the provider).
JWKS_REFETCH_INTERVAL_SECONDS = 30.0
# Callback parameters VK ID needs echoed into the token request.
VK_CALLBACK_PASSTHROUGH = ("device_id",)


@dataclass(frozen=True)
class Profile:
    subject: str
    email: str | None
    email_verified: bool
    first_name: str
    last_name: str


class ProviderRegistry:
    """Authlib clients for the configured providers; discovery documents are cached by Authlib."""

    def __init__(self, settings: Settings, *, endpoints: dict[str, dict[str, str]] | None = None) -> None:
        endpoints = ENDPOINTS if endpoints is None else endpoints
        self._oauth = OAuth()
        self.configs: dict[str, OAuthProviderConfig] = {}
        for config in settings.oauth_providers():
            options: dict[str, Any] = {
                "client_id": config.client_id,
                "client_secret": config.client_secret,
                "client_kwargs": {
                    "scope": config.scope,
                    "code_challenge_method": "S256",
                    "timeout": settings.http_timeout_seconds,
                },
            }
            if config.discovery_url:
                options["server_metadata_url"] = config.discovery_url
            options.update(endpoints.get(config.kind, {}))
            self._oauth.register(config.name, **options)
            self.configs[config.name] = config
        self._jwks_fetched_at: dict[str, float] = {}

    def may_refetch_keys(self, name: str) -> bool:
        """True at most once per JWKS_REFETCH_INTERVAL_SECONDS per provider."""
        now = time.monotonic()
        if now - self._jwks_fetched_at.get(name, -JWKS_REFETCH_INTERVAL_SECONDS) < JWKS_REFETCH_INTERVAL_SECONDS:
            return False
        self._jwks_fetched_at[name] = now
        return True

    def get(self, name: str) -> tuple[OAuthProviderConfig, StarletteOAuth2App]:
        """The provider's settings and its Authlib client, or 404 when it is not configured."""
        config = self.configs.get(name)
        if config is None:
            raise ProviderUnknown()
        client: StarletteOAuth2App = self._oauth.create_client(name)
        return config, client


def list_providers(registry: ProviderRegistry) -> list[ProviderRead]:
    """Providers the login page can offer."""
    return [ProviderRead(name=config.name, title=config.title) for config in registry.configs.values()]


def _check_redirect_uri(settings: Settings, redirect_uri: str) -> None:
    parts = urlsplit(redirect_uri)
    origin = f"{parts.scheme}://{parts.netloc}"
    if parts.scheme not in ("http", "https") or origin not in settings.allowed_redirect_origins():
        raise RedirectUriNotAllowed()


async def _probe_provider(client: StarletteOAuth2App, max_age: float) -> None:
    """Re-read the discovery document once it is older than `max_age` seconds: Authlib would keep it
    for the life of the process and send browsers on to a provider that is down (a dead host
    instead of our login page with a message)."""
    loaded_at = client.server_metadata.get("_loaded_at")
    if isinstance(loaded_at, float | int) and time.time() - loaded_at < max_age:
        return
    client.server_metadata.pop("_loaded_at", None)
    try:
        await client.load_server_metadata()
    except (httpx.HTTPError, AuthlibBaseError, ValueError) as exc:
        raise OAuthProviderUnavailable("The login provider is unreachable.") from exc


async def start_login(
    redis: aioredis.Redis,
    registry: ProviderRegistry,
    settings: Settings,
    *,
    provider: str,
    redirect_uri: str,
    client_info: ClientInfo,
) -> str:
    """The provider's authorization URL; state, PKCE verifier and nonce wait in Redis for the callback."""
    _check_redirect_uri(settings, redirect_uri)
    config, client = registry.get(provider)
    if client_info.ip_address:
        await throttle(
            redis,
            "oauth-start",
            client_info.ip_address,
            limit=settings.oauth_starts_per_window,
            window=settings.sensitive_requests_window_seconds,
        )
    if config.discovery_url:
        await _probe_provider(client, settings.oauth_metadata_max_age_seconds)
    extra: dict[str, Any] = {"state": secrets.token_urlsafe(32)}
    if config.kind == "oidc":
        extra["nonce"] = secrets.token_urlsafe(32)
    try:
        authorization = await client.create_authorization_url(redirect_uri, **extra)
    except (httpx.HTTPError, AuthlibBaseError, RuntimeError) as exc:
        raise OAuthProviderUnavailable("The login provider is unreachable.") from exc
    await oauth_repository.save_state(
        redis,
        authorization["state"],
        {
            "provider": provider,
            "redirect_uri": redirect_uri,
            "code_verifier": authorization["code_verifier"],
            "nonce": authorization.get("nonce"),
        },
        ttl=settings.oauth_state_ttl_seconds,
    )
    return str(authorization["url"])


def _is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


async def _parse_id_token(
    registry: ProviderRegistry,
    config: OAuthProviderConfig,
    client: StarletteOAuth2App,
    token: dict[str, Any],
    nonce: str,
) -> Any:
    """Authlib re-fetches the JWKS for an unknown key id only; a key replaced under the same id
    fails the signature instead, so that earns one bounded re-fetch too."""
    try:
        return await client.parse_id_token(token, nonce=nonce)
    except BadSignatureError:
        if not registry.may_refetch_keys(config.name):
            raise
        await client.fetch_jwk_set(force=True)
        return await client.parse_id_token(token, nonce=nonce)


async def _fetch_profile(
    registry: ProviderRegistry,
    config: OAuthProviderConfig,
    client: StarletteOAuth2App,
    token: dict[str, Any],
    nonce: str | None,
) -> Profile:
    if config.kind == "oidc":
        if not nonce:
            raise OAuthStateInvalid()
        claims = await _parse_id_token(registry, config, client, token, nonce)
        if claims is None:
            raise OAuthFailed("The provider returned no ID token.")
        # OIDC Core §3.1.3.7: the token must be meant for us. Authlib checks the issuer and the
        # nonce but not that `aud` holds our client id (a token for another client would pass).
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if config.client_id not in audiences or claims.get("azp", config.client_id) != config.client_id:
            raise OAuthFailed("The ID token was issued to another client.")
        return Profile(
            subject=str(claims["sub"]),
            email=claims.get("email"),
            email_verified=_is_true(claims.get("email_verified")),
            first_name=str(claims.get("given_name") or claims.get("name") or ""),
            last_name=str(claims.get("family_name") or ""),
        )
    endpoint = client.server_metadata["userinfo_endpoint"]
    if config.kind == "vk":
        # VK ID wants the access token in the form body, next to the client id.
        response = await client.post(
            endpoint,
            withhold_token=True,
            data={"client_id": config.client_id, "access_token": token["access_token"]},
        )
        response.raise_for_status()
        user = response.json().get("user", {})
        subject, email = user.get("user_id"), user.get("email")
        first_name, last_name = user.get("first_name", ""), user.get("last_name", "")
    else:
        # Yandex ID's userinfo takes the token in its own "OAuth" authorization scheme.
        response = await client.get(
            endpoint, withhold_token=True, headers={"Authorization": f"OAuth {token['access_token']}"}
        )
        response.raise_for_status()
        user = response.json()
        subject, email = user.get("id"), user.get("default_email")
        first_name, last_name = user.get("first_name", ""), user.get("last_name", "")
    if not subject:
        raise OAuthFailed("The provider returned no user id.")
    # Yandex ID and VK ID hand out only addresses their owners have confirmed with them.
    return Profile(str(subject), email, bool(email), str(first_name), str(last_name))


async def _resolve_user(session: AsyncSession, provider: str, profile: Profile) -> User:
    identity = await oauth_repository.get_identity(session, provider, profile.subject)
    if identity is not None:
        user = await user_repository.get_user(session, identity.user_id)
        if user is None:
            raise OAuthFailed()
        return user
    if not profile.email or not profile.email_verified:
        raise OAuthEmailUnverified()
    email = profile.email.lower()
    user = await user_repository.get_user_by_email(session, email)
    if user is None:
        user = await user_service.add_user(
            session,
            email=email,
            role="student",
            first_name=profile.first_name or email.split("@")[0],
            last_name=profile.last_name,
            email_verified=True,
        )
        await announce_registration(session, user)
    elif user.email_verified_at is None:
        # The provider has just proven control of this mailbox, which the account never did: it
        # may have been registered by someone else ahead of its owner (pre-registration takeover).
        # The mailbox's owner gets the account, and nothing the registrant set up keeps working:
        # no password, no open session.
        user.email_verified_at = datetime.now(UTC)
        user.password_hash = None
        await session_service.revoke_all_sessions(session, user.id, "unverified_account_claimed")
    await oauth_repository.add_identity(
        session, user_id=user.id, provider=provider, subject=profile.subject, email=email
    )
    return user


async def _check_issuer_parameter(client: StarletteOAuth2App, received: str | None) -> None:
    """RFC 9207: the authorization response names its issuer, so a code another provider sent
    back under our state (a mix-up attack) is refused. Required when the provider advertises it."""
    try:
        metadata = await client.load_server_metadata()
    except (AuthlibBaseError, httpx.HTTPError, ValueError) as exc:
        raise OAuthProviderUnavailable("The provider's discovery document is unavailable.") from exc
    if received is None:
        if metadata.get("authorization_response_iss_parameter_supported"):
            raise OAuthFailed("The provider's answer does not name its issuer.")
        return
    if received != metadata.get("issuer"):
        raise OAuthFailed("The answer comes from another issuer than the one the login started with.")


async def finish_login(
    session: AsyncSession,
    redis: aioredis.Redis,
    registry: ProviderRegistry,
    issuer: TokenIssuer,
    *,
    provider: str,
    code: str,
    state: str,
    extra: dict[str, str],
    client_info: ClientInfo,
) -> LoginResult:
    """Exchange the code (with the PKCE verifier), verify the ID token's nonce, find or create the
    user — a verified email links to an existing account — and open a session."""
    config, client = registry.get(provider)
    pending = await oauth_repository.pop_state(redis, state)
    if pending is None or pending.get("provider") != provider:
        raise OAuthStateInvalid()
    if config.kind == "oidc":
        await _check_issuer_parameter(client, extra.get("iss"))
    params: dict[str, str] = {}
    if config.kind == "vk":
        # VK ID wants the callback's device id and the state again at the token endpoint; Authlib
        # keeps `state` for itself, so it travels in the extra body.
        params = {key: value for key, value in extra.items() if key in VK_CALLBACK_PASSTHROUGH}
        params["body"] = urlencode({"state": state})
    try:
        token = await client.fetch_access_token(
            redirect_uri=pending["redirect_uri"], code=code, code_verifier=pending["code_verifier"], **params
        )
        profile = await _fetch_profile(registry, config, client, token, pending.get("nonce"))
    except httpx.TransportError as exc:
        raise OAuthProviderUnavailable("The login provider stopped answering.") from exc
    except (JoseError, AuthlibBaseError, httpx.HTTPError, KeyError, ValueError) as exc:
        raise OAuthFailed(f"The provider's answer was refused: {type(exc).__name__}.") from exc
    user = await _resolve_user(session, provider, profile)
    if not user.is_active:
        raise AccountDisabled()
    return await session_service.start_session(session, issuer, user, method=f"oauth:{provider}", client=client_info)
