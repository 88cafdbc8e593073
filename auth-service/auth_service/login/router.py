"""Password login."""

from fastapi import APIRouter

from studio_kit.db import SessionDep

from ..sessions.dependencies import ClientInfoDep, IssuerDep
from ..sessions.schemas import LoginResult
from . import service as login_service
from .dependencies import RedisDep
from .schemas import LoginRequest

router = APIRouter(tags=["login"])


@router.post("/auth/login", response_model=LoginResult)
async def login(
    data: LoginRequest, session: SessionDep, redis: RedisDep, issuer: IssuerDep, client: ClientInfoDep
) -> LoginResult:
    """Log in with email and password."""
    return await login_service.login_with_password(
        session, redis, issuer, email=data.email, password=data.password, client=client, device_token=data.device_token
    )
