"""JWT verification against auth-service's JWKS, the current principal, and role checks."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import httpx
import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .errors import Forbidden, Unauthorized

logger = logging.getLogger("studio_kit.auth")

# Asymmetric algorithms only: a token can never choose HS256 or "none" for itself.
ALLOWED_ALGORITHMS = ("EdDSA", "RS256")
Role = Literal["admin", "teacher", "student", "service"]


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user (admin/teacher/student) or a service with scopes."""

    subject: str
    role: Role
    session_id: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    token: str = field(default="", repr=False)

    @property
    def is_service(self) -> bool:
        return self.role == "service"

    @property
    def user_id(self) -> str:
        return self.subject

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets of any text. `hmac.compare_digest` raises on
    non-ASCII `str` (a 500 on a hostile header); bytes compare whatever the client sent."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


class JWKSCache:
    """Fetches the JWKS once, keeps it for `ttl` seconds, refetches once on an unknown `kid`.

    Stale-if-error: when a refresh fails (auth-service down or answering garbage) the keys
    already held keep verifying tokens for up to `max_stale` seconds past their `ttl`, and the
    next attempt waits `min_refresh_interval`, so an auth outage at the wrong minute neither
    turns every request into a 401 nor makes each one wait for a dead host."""

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        ttl: float = 600.0,
        min_refresh_interval: float = 5.0,
        max_stale: float = 3600.0,
    ) -> None:
        self.url = url
        self._client = client
        self._ttl = ttl
        self._min_refresh_interval = min_refresh_interval
        self._max_stale = max_stale
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
        self._failed_at = float("-inf")
        self._lock = asyncio.Lock()
        self.fetch_count = 0

    async def _fetch(self) -> None:
        client = self._client or httpx.AsyncClient(timeout=5.0)
        try:
            response = await client.get(self.url)
            response.raise_for_status()
            document = response.json()
        finally:
            if self._client is None:
                await client.aclose()
        keys: dict[str, jwt.PyJWK] = {}
        for entry in document.get("keys", []):
            kid = entry.get("kid")
            if not kid or entry.get("use", "sig") != "sig":
                continue
            try:
                keys[kid] = jwt.PyJWK(entry)
            except jwt.PyJWTError:
                logger.warning("ignoring unusable JWK", extra={"kid": kid})
        self._keys = keys
        self._fetched_at = time.monotonic()
        self.fetch_count += 1

    def _due(self) -> bool:
        now = time.monotonic()
        if not self._keys:
            return True
        return now - self._fetched_at > self._ttl and now - self._failed_at >= self._min_refresh_interval

    def _usable_while_failing(self) -> bool:
        return bool(self._keys) and time.monotonic() - self._fetched_at <= self._ttl + self._max_stale

    async def _refresh(self) -> None:
        try:
            await self._fetch()
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            self._failed_at = time.monotonic()
            if not self._usable_while_failing():
                raise httpx.HTTPError(f"JWKS unavailable: {exc}") from exc
            logger.warning(
                "JWKS refresh failed, still using the keys fetched %.0f s ago: %s",
                time.monotonic() - self._fetched_at,
                exc,
            )

    def fresh_key(self, kid: str) -> jwt.PyJWK | None:
        """The key held for `kid` while the key set needs no refresh, else None (no I/O)."""
        if self._due() or not self._usable_while_failing():
            return None
        return self._keys.get(kid)

    async def get_key(self, kid: str) -> jwt.PyJWK:
        if self._due():
            async with self._lock:
                if self._due():
                    await self._refresh()
        if not self._usable_while_failing():
            raise httpx.HTTPError("the JWKS is older than its stale-if-error limit")
        key = self._keys.get(kid)
        if key is None and time.monotonic() - max(self._fetched_at, self._failed_at) >= self._min_refresh_interval:
            # A rotated key: refresh once, rate-limited so random kids cannot hammer auth-service.
            async with self._lock:
                if kid not in self._keys and time.monotonic() - self._fetched_at >= self._min_refresh_interval:
                    await self._refresh()
            key = self._keys.get(kid)
        if key is None:
            raise Unauthorized("Unknown signing key.", reason="unknown_kid")
        return key


@dataclass(frozen=True)
class _Verified:
    principal: Principal
    key: jwt.PyJWK
    kid: str
    until: float  # wall clock, seconds


class TokenVerifier:
    """Verifies a bearer token once and then remembers the answer, keyed by the token itself.

    A signature check costs about half a millisecond and a booking presents the same token to
    several services and routes, so a verified token is kept (at most `cache_size`, least recently
    used dropped first) until it expires, and for at most `cache_seconds`. A remembered answer is
    used only while the key that signed it is still the one the JWKS holds and the key set needs
    no refresh, so a rotation or an auth outage past the stale limit ends it as it ends a fresh
    check. Revocation is unchanged: access tokens are verified offline and hold until `exp`
    either way; sessions end in the BFF (ADR 0220)."""

    def __init__(
        self,
        jwks: JWKSCache,
        *,
        issuer: str,
        audience: str,
        leeway: float = 10.0,
        cache_size: int = 4096,
        cache_seconds: float = 300.0,
    ) -> None:
        self.jwks = jwks
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.cache_size = cache_size
        self.cache_seconds = cache_seconds
        self._verified: OrderedDict[str, _Verified] = OrderedDict()

    async def verify(self, token: str) -> Principal:
        remembered = self._verified.get(token)
        if remembered is not None:
            if time.time() < remembered.until and self.jwks.fresh_key(remembered.kid) is remembered.key:
                self._verified.move_to_end(token)
                return remembered.principal
            del self._verified[token]
        principal, key, kid, expires_at = await self._verify(token)
        if self.cache_size > 0:
            self._verified[token] = _Verified(principal, key, kid, min(expires_at, time.time() + self.cache_seconds))
            if len(self._verified) > self.cache_size:
                self._verified.popitem(last=False)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, jwt.PyJWK, str, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthorized("Malformed token.") from exc
        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise Unauthorized("Token algorithm not allowed.")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthorized("Token has no key id.")
        try:
            key = await self.jwks.get_key(kid)
        except httpx.HTTPError as exc:
            logger.warning("JWKS unavailable: %s", exc)
            raise Unauthorized("Signing keys are unavailable.") from exc
        if key.algorithm_name != algorithm:
            raise Unauthorized("Token algorithm does not match its key.")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("Token expired.", reason="expired") from exc
        except jwt.PyJWTError as exc:
            raise Unauthorized("Invalid token.") from exc
        role = claims.get("role")
        if role not in ("admin", "teacher", "student", "service"):
            raise Unauthorized("Token has no valid role.")
        scope = claims.get("scope", "")
        principal = Principal(
            subject=str(claims["sub"]),
            role=role,
            session_id=claims.get("sid"),
            scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
            token=token,
        )
        return principal, key, kid, float(claims["exp"])


_bearer = HTTPBearer(auto_error=False)


def get_verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier | None = getattr(request.app.state, "token_verifier", None)
    if verifier is None:
        raise RuntimeError("AUTH_JWKS_URL is not configured for this service")
    return verifier


async def get_current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Bearer token required.")
    return await get_verifier(request).verify(credentials.credentials)


CurrentUser = Annotated[Principal, Depends(get_current_principal)]


def require_roles(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """Dependency that lets only the given roles through (403 otherwise)."""

    async def dependency(principal: CurrentUser) -> Principal:
        if principal.role not in roles:
            raise Forbidden(f"This action needs one of the roles: {', '.join(roles)}.")
        return principal

    return dependency


def require_service(*scopes: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """Dependency for internal endpoints: a service principal holding every named scope."""

    async def dependency(principal: CurrentUser) -> Principal:
        if not principal.is_service:
            raise Forbidden("Internal endpoint.")
        missing = [scope for scope in scopes if not principal.has_scope(scope)]
        if missing:
            raise Forbidden(f"Missing scope: {', '.join(missing)}.")
        return principal

    return dependency


AdminUser = Annotated[Principal, Depends(require_roles("admin"))]
