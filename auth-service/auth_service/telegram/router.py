"""Telegram login (Mini App and Login Widget) and account linking for the bot."""

from typing import Annotated

from fastapi import APIRouter, Depends

from studio_kit.auth import Principal, require_service
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..login.dependencies import RedisDep
from ..sessions.dependencies import ClientInfoDep, IssuerDep, LiveUser
from ..sessions.schemas import LoginResult
from . import service as telegram_service
from .schemas import LinkRequest, LinkResult, LinkTokenRead, MiniAppLoginRequest, WidgetLoginRequest

LINK_SCOPE = "auth:telegram-link"

router = APIRouter(tags=["telegram"])


@router.post("/auth/telegram/miniapp", response_model=LoginResult)
async def login_with_miniapp(
    data: MiniAppLoginRequest, session: SessionDep, redis: RedisDep, issuer: IssuerDep, client: ClientInfoDep
) -> LoginResult:
    """Log in from the Mini App's signed initData (each initData once)."""
    return await telegram_service.login_with_miniapp(session, redis, issuer, init_data=data.init_data, client=client)


@router.post("/auth/telegram/login", response_model=LoginResult)
async def login_with_widget(
    data: WidgetLoginRequest, session: SessionDep, redis: RedisDep, issuer: IssuerDep, client: ClientInfoDep
) -> LoginResult:
    """Log in with Telegram Login Widget data (each signed data once)."""
    return await telegram_service.login_with_widget(
        session, redis, issuer, data=data.model_dump(exclude_none=True), client=client
    )


@router.post("/auth/telegram/link-token", response_model=LinkTokenRead)
async def create_link_token(user: LiveUser, session: SessionDep, settings: SettingsDep) -> LinkTokenRead:
    """A one-time token (and t.me deep link) to bind the caller's Telegram chat."""
    return await telegram_service.create_link_token(session, settings, user)


@router.post("/internal/telegram/link", response_model=LinkResult, tags=["internal"])
async def link_account(
    data: LinkRequest, _: Annotated[Principal, Depends(require_service(LINK_SCOPE))], session: SessionDep
) -> LinkResult:
    """Redeem a link token for the bot: bind the Telegram account and chat to the user."""
    return await telegram_service.link_account(
        session, token=data.token, telegram_id=data.telegram_id, chat_id=data.chat_id
    )
