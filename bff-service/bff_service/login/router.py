"""Login, registration, Telegram Mini App and OAuth login, logout: the only routes that set or
clear the session cookies."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from studio_kit.errors import AppError

from ..clients.auth import AuthClient
from ..config import SettingsDep
from ..downstream import DownstreamProblem
from ..session.dependencies import CSRF_COOKIE, AnonymousCallerDep, CallerDep, RedisDep
from ..session.service import (
    create_session,
    delete_session,
    delete_user_sessions,
    load_session,
    public_user,
    save_session,
)
from . import service as login_service
from .schemas import (
    EmailVerification,
    InvitationAccept,
    LoginRequest,
    MiniAppLoginRequest,
    OAuthProviderRead,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    RegisterRequest,
    TelegramWidgetLogin,
    UserEnvelope,
    UserRead,
)

router = APIRouter(prefix="/api/auth", tags=["session"])
# The name goes into auth-service's URL path: nothing but a plain slug.
Provider = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


async def _start_session(response: Response, result: dict[str, Any], settings: Any, redis: Any) -> dict[str, Any]:
    session = await create_session(redis, result, settings.session_ttl_seconds)
    secure = settings.cookies_secure
    response.set_cookie(
        settings.session_cookie_name,
        session.id,
        max_age=settings.session_ttl_seconds,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )
    # Readable on purpose: the app copies it into the X-CSRF-Token header (double submit).
    response.set_cookie(
        CSRF_COOKIE,
        session.csrf_token,
        max_age=settings.session_ttl_seconds,
        httponly=False,
        secure=secure,
        samesite="lax",
        path="/",
    )
    response.headers["Cache-Control"] = "no-store"
    return {"user": public_user(result["user"])}


# The browser's proof of an earlier password login (ADR 0012): auth-service counts failures from
# it against it alone, so a stranger's guesses never delay the owner at their own browser.
DEVICE_COOKIE = "studio_device"
DEVICE_COOKIE_MAX_AGE = 180 * 86400


@router.post("/login", response_model=UserEnvelope)
async def login(
    data: LoginRequest,
    request: Request,
    response: Response,
    caller: AnonymousCallerDep,
    settings: SettingsDep,
    redis: RedisDep,
) -> dict[str, Any]:
    """Log in with email and password; sets the session, CSRF and device cookies."""
    result = await login_service.login(caller, data, request.cookies.get(DEVICE_COOKIE))
    device_token = result.pop("device_token", None)
    if isinstance(device_token, str) and device_token:
        response.set_cookie(
            DEVICE_COOKIE,
            device_token,
            max_age=DEVICE_COOKIE_MAX_AGE,
            httponly=True,
            secure=settings.cookies_secure,
            samesite="strict",
            path="/api/auth",
        )
    return await _start_session(response, result, settings, redis)


@router.post("/register", response_model=UserEnvelope, status_code=201)
async def register(
    data: RegisterRequest, response: Response, caller: AnonymousCallerDep, settings: SettingsDep, redis: RedisDep
) -> dict[str, Any]:
    """Register a student account with its profile and log in at once (a verification email is sent)."""
    result = await login_service.register(caller, data)
    return await _start_session(response, result, settings, redis)


@router.post("/telegram/miniapp", response_model=UserEnvelope)
async def telegram_miniapp_login(
    data: MiniAppLoginRequest,
    response: Response,
    caller: AnonymousCallerDep,
    settings: SettingsDep,
    redis: RedisDep,
) -> dict[str, Any]:
    """Log in inside Telegram with the Mini App's signed initData (the account must be linked)."""
    result = await login_service.login_with_miniapp(caller, data.init_data)
    return await _start_session(response, result, settings, redis)


@router.post("/telegram/login", response_model=UserEnvelope)
async def telegram_widget_login(
    data: TelegramWidgetLogin,
    response: Response,
    caller: AnonymousCallerDep,
    settings: SettingsDep,
    redis: RedisDep,
) -> dict[str, Any]:
    """Log in on the web with the Telegram Login Widget (the account must be linked)."""
    result = await login_service.login_with_telegram_widget(caller, data.model_dump(exclude_none=True))
    return await _start_session(response, result, settings, redis)


@router.post("/invitations/accept", response_model=UserEnvelope)
async def accept_invitation(
    data: InvitationAccept, response: Response, caller: AnonymousCallerDep, settings: SettingsDep, redis: RedisDep
) -> dict[str, Any]:
    """Set the password from an invitation link and log in."""
    result = await login_service.accept_invitation(caller, data.token, data.password)
    return await _start_session(response, result, settings, redis)


@router.post("/password-reset/request", status_code=202, response_class=Response)
async def request_password_reset(data: PasswordResetRequest, caller: AnonymousCallerDep) -> Response:
    """Mail a reset link (always 202: the answer never says whether the account exists)."""
    await login_service.request_password_reset(caller, str(data.email))
    return Response(status_code=202)


@router.post("/password-reset/confirm", status_code=204, response_class=Response)
async def confirm_password_reset(data: PasswordResetConfirm, caller: AnonymousCallerDep) -> Response:
    """Set a new password from a reset link; every session of the account ends."""
    await login_service.confirm_password_reset(caller, data.token, data.password)
    return Response(status_code=204)


@router.post("/verify-email", response_model=UserRead)
async def verify_email(data: EmailVerification, caller: AnonymousCallerDep) -> dict[str, Any]:
    """Confirm the e-mail address from its link."""
    return public_user(await login_service.verify_email(caller, data.token))


@router.post("/logout", status_code=204, response_class=Response)
async def logout(caller: CallerDep, settings: SettingsDep, redis: RedisDep) -> Response:
    """Revoke the session in auth-service and forget it here."""
    session = caller.session
    assert session is not None
    await login_service.logout(caller, session.refresh_token)
    stored = await load_session(redis, session.id)
    if stored is not None:
        await delete_session(redis, stored)
    response = Response(status_code=204)
    response.delete_cookie(
        settings.session_cookie_name, path="/", secure=settings.cookies_secure, httponly=True, samesite="lax"
    )
    response.delete_cookie(CSRF_COOKIE, path="/", secure=settings.cookies_secure, samesite="lax")
    return response


@router.post("/password", status_code=204, response_class=Response)
async def change_password(data: PasswordChange, caller: CallerDep, settings: SettingsDep, redis: RedisDep) -> Response:
    """Change the password (current + new); every other session of the user ends at once."""
    session = caller.session
    assert session is not None
    await login_service.change_password(caller, data.current_password, data.new_password)
    # This BFF's other sessions end now; `user.sessions_revoked` repeats it for any other replica.
    await delete_user_sessions(redis, session.user_id, keep_session=session.id)
    stored = await load_session(redis, session.id)
    if stored is not None:
        stored.user = {**stored.user, "password_change_required": False}
        await save_session(redis, stored, settings.session_ttl_seconds)
    return Response(status_code=204)


@router.post("/logout-all", status_code=204, response_class=Response)
async def logout_everywhere(caller: CallerDep, settings: SettingsDep, redis: RedisDep) -> Response:
    """End every session of the user, this one included, at auth-service and here."""
    session = caller.session
    assert session is not None
    await AuthClient(caller).logout_everywhere()
    await delete_user_sessions(redis, session.user_id)
    response = Response(status_code=204)
    response.delete_cookie(
        settings.session_cookie_name, path="/", secure=settings.cookies_secure, httponly=True, samesite="lax"
    )
    response.delete_cookie(CSRF_COOKIE, path="/", secure=settings.cookies_secure, samesite="lax")
    return response


@router.get("/oauth/providers", response_model=list[OAuthProviderRead])
async def oauth_providers(caller: AnonymousCallerDep) -> list[OAuthProviderRead]:
    """Login providers (Google, Yandex ID, VK ID, SSO) configured at auth-service."""
    return await login_service.list_oauth_providers(caller)


@router.get("/oauth/{provider}/start", status_code=302, response_class=RedirectResponse)
async def oauth_start(
    provider: Provider,
    caller: AnonymousCallerDep,
    settings: SettingsDep,
    next_path: Annotated[str | None, Query(alias="next", max_length=500)] = None,
) -> RedirectResponse:
    """Send the browser to the provider; `next` is the page of this site to return to. When the
    login cannot start (provider or auth-service down, throttled), back to the login page with a code."""
    try:
        location, binding = await login_service.start_oauth(caller, provider, next_path)
    except (DownstreamProblem, AppError) as problem:
        code = getattr(problem, "code", None) or "oauth_start_failed"
        target = "/login?" + urlencode({"oauth_error": code})
        return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
    response = RedirectResponse(location, status_code=302, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        settings.oauth_cookie_name,
        binding,
        max_age=settings.oauth_state_ttl_seconds,
        httponly=True,
        secure=settings.cookies_secure,
        samesite="lax",
        path="/",
    )
    return response


@router.get("/oauth/{provider}/callback", status_code=303, response_class=RedirectResponse)
async def oauth_callback(
    provider: Provider, request: Request, caller: AnonymousCallerDep, settings: SettingsDep, redis: RedisDep
) -> RedirectResponse:
    """The provider sends the browser back here: log in and go on to `next`, or to
    `/login?oauth_error=<code>` when the login failed."""
    query = {key: value for key, value in request.query_params.items() if len(value) <= 2000}
    binding = request.cookies.get(settings.oauth_cookie_name)
    result, next_path, error = await login_service.finish_oauth(caller, provider, binding, query)
    target = next_path if result is not None else "/login?" + urlencode({"oauth_error": error or "oauth_failed"})
    response = RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
    response.delete_cookie(
        settings.oauth_cookie_name, path="/", secure=settings.cookies_secure, httponly=True, samesite="lax"
    )
    if result is not None:
        await _start_session(response, result, settings, redis)
    return response
