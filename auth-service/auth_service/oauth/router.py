"""OAuth 2.0 / OIDC login: the BFF starts it, the provider redirects the browser to the BFF, and the
BFF hands code and state to the callback here."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..login.dependencies import RedisDep
from ..sessions.dependencies import ClientInfoDep, IssuerDep
from ..sessions.schemas import LoginResult
from . import service as oauth_service
from .dependencies import ProviderRegistryDep
from .schemas import ProviderRead

router = APIRouter(prefix="/auth/oauth", tags=["oauth"])


@router.get("/providers", response_model=list[ProviderRead])
async def list_providers(registry: ProviderRegistryDep) -> list[ProviderRead]:
    """Configured login providers."""
    return oauth_service.list_providers(registry)


@router.get("/{provider}/authorize", status_code=302)
async def authorize(
    provider: str,
    redirect_uri: Annotated[str, Query(max_length=2000)],
    redis: RedisDep,
    registry: ProviderRegistryDep,
    settings: SettingsDep,
    client: ClientInfoDep,
) -> RedirectResponse:
    """Redirect to the provider with PKCE, state and nonce."""
    url = await oauth_service.start_login(
        redis, registry, settings, provider=provider, redirect_uri=redirect_uri, client_info=client
    )
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


@router.get("/{provider}/callback", response_model=LoginResult)
async def callback(
    provider: str,
    code: Annotated[str, Query(min_length=1, max_length=2000)],
    state: Annotated[str, Query(min_length=1, max_length=200)],
    request: Request,
    session: SessionDep,
    redis: RedisDep,
    registry: ProviderRegistryDep,
    issuer: IssuerDep,
    client: ClientInfoDep,
) -> LoginResult:
    """Finish the login: exchange the code and return a session like /auth/login."""
    return await oauth_service.finish_login(
        session,
        redis,
        registry,
        issuer,
        provider=provider,
        code=code,
        state=state,
        extra=dict(request.query_params),
        client_info=client,
    )
