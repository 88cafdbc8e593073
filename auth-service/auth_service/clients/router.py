"""The token endpoint for service-to-service calls."""

from typing import Annotated

from fastapi import APIRouter, Form, Response

from ..sessions.dependencies import IssuerDep
from . import service as client_service
from .dependencies import ClientCredentials, ClientRegistryDep
from .schemas import ServiceTokenResponse

router = APIRouter(tags=["clients"])


@router.post("/oauth/token", response_model=ServiceTokenResponse)
async def issue_token(
    credentials: ClientCredentials,
    registry: ClientRegistryDep,
    issuer: IssuerDep,
    response: Response,
    grant_type: Annotated[str, Form(max_length=50)],
    scope: Annotated[str | None, Form(max_length=1000)] = None,
) -> ServiceTokenResponse:
    """Client-credentials grant: HTTP Basic client_id:secret, optional space-separated scope."""
    response.headers["Cache-Control"] = "no-store"
    return client_service.issue_service_token(
        registry, issuer, grant_type=grant_type, client_id=credentials[0], secret=credentials[1], scope=scope
    )
