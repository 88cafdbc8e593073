"""Request-level helpers: the token issuer, the caller's address, and the live session's user."""

from __future__ import annotations

import ipaddress
import uuid
from typing import Annotated

from fastapi import Depends, Request

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..config import Settings, SettingsDep
from ..keys.dependencies import KeyRingDep
from ..users.models import User
from . import service as session_service
from .errors import SessionEnded
from .service import ClientInfo, TokenIssuer


async def get_issuer(keyring: KeyRingDep, settings: SettingsDep) -> TokenIssuer:
    return TokenIssuer(keyring, settings)


IssuerDep = Annotated[TokenIssuer, Depends(get_issuer)]


def client_address(request: Request, settings: Settings) -> str | None:
    """The peer address, or — when the peer is a trusted proxy such as the BFF — the last
    untrusted address it put in X-Forwarded-For. Anything further left could be forged."""
    peer = request.client.host if request.client else None
    if peer is None:
        return None
    trusted = settings.trusted_proxy_networks()

    def is_trusted(value: str) -> bool:
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        return any(address in network for network in trusted)

    if not is_trusted(peer):
        return peer
    forwarded = [item.strip() for item in request.headers.get("x-forwarded-for", "").split(",") if item.strip()]
    for candidate in reversed(forwarded):
        if not is_trusted(candidate):
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return peer
    return peer


async def get_client_info(request: Request, settings: SettingsDep) -> ClientInfo:
    return ClientInfo(client_address(request, settings), request.headers.get("user-agent"))


ClientInfoDep = Annotated[ClientInfo, Depends(get_client_info)]


async def get_live_user(principal: CurrentUser, session: SessionDep) -> User:
    """Auth-service's own endpoints also insist the session behind the token is still open."""
    if principal.is_service:
        raise SessionEnded("A user session is required.")
    try:
        user_id = uuid.UUID(principal.subject)
        session_id = uuid.UUID(principal.session_id) if principal.session_id else None
    except ValueError as exc:
        raise SessionEnded() from exc
    return await session_service.get_live_user(session, user_id, session_id)


LiveUser = Annotated[User, Depends(get_live_user)]
