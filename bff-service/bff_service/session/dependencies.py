"""Who is calling: the session behind the cookie, the CSRF check, and role gates."""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import redis.asyncio as aioredis
from fastapi import Depends, Request

from studio_kit.auth import same_secret
from studio_kit.errors import Forbidden, ServiceUnavailable

from .. import dashboard_cache
from ..config import SettingsDep
from ..downstream import Caller
from .errors import CsrfFailed, NotLoggedIn, PasswordChangeRequired
from .service import REFRESH_MARGIN_SECONDS, Session, load_session, refresh_session

CSRF_COOKIE = "studio_csrf"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# What an account that must replace its password (the bootstrap admin) may still do.
PASSWORD_CHANGE_PATHS = frozenset({"/api/me", "/api/auth/password", "/api/auth/logout", "/api/auth/logout-all"})


async def get_redis(request: Request) -> aioredis.Redis:
    redis: aioredis.Redis = request.app.state.redis
    return redis


RedisDep = Annotated[aioredis.Redis, Depends(get_redis)]


def check_csrf(request: Request, session: Session) -> None:
    """Double submit: the header must equal the readable cookie and the session's own token."""
    if request.method not in UNSAFE_METHODS:
        return
    header = request.headers.get(CSRF_HEADER, "")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not header or not same_secret(header, cookie) or not same_secret(header, session.csrf_token):
        raise CsrfFailed("Send the X-CSRF-Token header with the value of the studio_csrf cookie.")


async def current_session(request: Request, settings: SettingsDep, redis: RedisDep) -> Session:
    session = await load_session(redis, request.cookies.get(settings.session_cookie_name))
    if session is None:
        raise NotLoggedIn("Please log in.")
    check_csrf(request, session)
    if session.access_expires_at - time.time() <= REFRESH_MARGIN_SECONDS:
        auth = request.app.state.clients.get("auth")
        if auth is None:
            raise ServiceUnavailable("auth-service is not configured.", service="auth")
        session = await refresh_session(redis, auth, session, settings.session_ttl_seconds)
    if session.user.get("password_change_required") and request.url.path not in PASSWORD_CHANGE_PATHS:
        raise PasswordChangeRequired("Set a new password before anything else.")
    if session.role == "student":
        # A student's own write drops only their kept dashboard (dashboard_cache.InvalidateOnWrite).
        setattr(request.state, dashboard_cache.WRITER_STATE, session.user_id)
    return session


SessionDep = Annotated[Session, Depends(current_session)]


async def get_caller(request: Request, settings: SettingsDep, redis: RedisDep, session: SessionDep) -> Caller:
    return Caller(request=request, settings=settings, redis=redis, session=session)


async def get_anonymous_caller(request: Request, settings: SettingsDep, redis: RedisDep) -> Caller:
    return Caller(request=request, settings=settings, redis=redis, session=None)


CallerDep = Annotated[Caller, Depends(get_caller)]
AnonymousCallerDep = Annotated[Caller, Depends(get_anonymous_caller)]


def require_role(*roles: str) -> Callable[..., Coroutine[Any, Any, Caller]]:
    async def dependency(caller: CallerDep) -> Caller:
        assert caller.session is not None
        if caller.session.role not in roles:
            raise Forbidden(f"This screen is for: {', '.join(roles)}.")
        return caller

    return dependency


StudentCaller = Annotated[Caller, Depends(require_role("student"))]
TeacherCaller = Annotated[Caller, Depends(require_role("teacher"))]
AdminCaller = Annotated[Caller, Depends(require_role("admin"))]
StaffCaller = Annotated[Caller, Depends(require_role("teacher", "admin"))]
AnyCaller = Annotated[Caller, Depends(require_role("student", "teacher", "admin"))]
