"""Login, logout, registration, Telegram Mini App login and `/api/me`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..downstream import fan_out
from .dependencies import CSRF_COOKIE, AnonymousCallerDep, CallerDep, RedisDep, SettingsDep
from .schemas import LoginRequest, MeRead, MiniAppLoginRequest, RegisterRequest, UserEnvelope
from .service import create_session, delete_session, load_session

router = APIRouter(prefix="/api", tags=["session"])


async def _start_session(response: Response, tokens: dict[str, Any], settings: Any, redis: Any) -> dict[str, Any]:
    session = await create_session(redis, tokens, settings.session_ttl_seconds)
    secure = settings.cookies_secure
    response.set_cookie(
        settings.session_cookie_name, session.id, max_age=settings.session_ttl_seconds,
        httponly=True, secure=secure, samesite="lax", path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, session.csrf_token, max_age=settings.session_ttl_seconds,
        httponly=False, secure=secure, samesite="lax", path="/",
    )
    return {"user": _public_user(tokens["user"])}


def _public_user(user: dict[str, Any]) -> dict[str, Any]:
    return {key: user.get(key) for key in ("id", "email", "role", "first_name", "last_name")}


@router.post("/auth/login", response_model=UserEnvelope)
async def login(
    body: LoginRequest, response: Response, caller: AnonymousCallerDep, settings: SettingsDep, redis: RedisDep
) -> dict[str, Any]:
    """Log in with email and password; sets the session and CSRF cookies."""
    forwarded = {"X-Forwarded-For": caller.request.client.host if caller.request.client else ""}
    tokens = await caller.post("auth", "/auth/login", json=body.model_dump(), headers=forwarded)
    return await _start_session(response, tokens, settings, redis)


@router.post("/auth/register", response_model=UserEnvelope, status_code=201)
async def register(
    body: RegisterRequest, response: Response, caller: AnonymousCallerDep, settings: SettingsDep, redis: RedisDep
) -> dict[str, Any]:
    """Register a student account and log in at once (a verification email is sent)."""
    tokens = await caller.post("auth", "/auth/register", json=body.model_dump(exclude_none=True))
    return await _start_session(response, tokens, settings, redis)


@router.post("/auth/telegram/miniapp", response_model=UserEnvelope)
async def telegram_miniapp_login(
    body: MiniAppLoginRequest, response: Response, caller: AnonymousCallerDep, settings: SettingsDep,
    redis: RedisDep,
) -> dict[str, Any]:
    """Log in inside Telegram with the Mini App's signed initData."""
    tokens = await caller.post("auth", "/auth/telegram/miniapp", json=body.model_dump())
    return await _start_session(response, tokens, settings, redis)


@router.post("/auth/logout", status_code=204)
async def logout(request: Request, caller: CallerDep, settings: SettingsDep, redis: RedisDep) -> Response:
    """Revoke the session in auth-service and forget it here."""
    session = caller.session
    assert session is not None
    try:
        await caller.post("auth", "/auth/logout", json={"refresh_token": session.refresh_token})
    finally:
        stored = await load_session(redis, session.id)
        if stored is not None:
            await delete_session(redis, stored)
    response = Response(status_code=204)
    response.delete_cookie(settings.session_cookie_name, path="/", secure=settings.cookies_secure, httponly=True)
    response.delete_cookie(CSRF_COOKIE, path="/", secure=settings.cookies_secure)
    return response


PROFILE_SOURCES = {"student": ("students", "/students/me"), "teacher": ("teachers", "/teachers/{id}")}


@router.get("/me", response_model=MeRead)
async def me(caller: CallerDep) -> dict[str, Any]:
    """The current user with their profile (the profile is optional: a partial answer is flagged)."""
    session = caller.session
    assert session is not None
    user = session.user
    profile: dict[str, Any] = {}
    degraded: list[str] = []
    source = PROFILE_SOURCES.get(session.role)
    if source is not None:
        service, path = source
        values, degraded = await fan_out({service: caller.get(service, path.format(id=session.user_id))})
        profile = values[service] or {}
    else:
        profile = {"first_name": user.get("first_name"), "last_name": user.get("last_name")}
    return {"id": str(user["id"]), "email": user.get("email"), "role": user["role"], "profile": profile,
            "degraded": degraded}
