"""The client registry and the client's credentials (HTTP Basic, or the form as a fallback)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote

from fastapi import Depends, Form, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from .errors import InvalidClient
from .service import ClientRegistry

_basic = HTTPBasic(auto_error=False)


async def get_registry(request: Request) -> ClientRegistry:
    registry: ClientRegistry = request.app.state.client_registry
    return registry


ClientRegistryDep = Annotated[ClientRegistry, Depends(get_registry)]


async def get_client_credentials(
    basic: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
) -> tuple[str, str]:
    if basic is not None:
        # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        return unquote(basic.username), unquote(basic.password)
    if client_id and client_secret:
        return client_id, client_secret
    raise InvalidClient("Client authentication required.")


ClientCredentials = Annotated[tuple[str, str], Depends(get_client_credentials)]
