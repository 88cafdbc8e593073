"""Linking runs against the real auth-service app (fixtures in the root conftest)."""

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI


@pytest.fixture
async def bot_with_auth(
    service_settings: Any,
    service_app_factory: Callable[[Any], Any],
    auth_app: tuple[FastAPI, str],
    auth_client_secret: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    """The bot app whose service token and links come from the real auth-service."""
    settings = service_settings.model_copy(
        update={"auth_service_url": auth_app[1], "service_client_secret": auth_client_secret}
    )
    app = service_app_factory(settings)
    async with LifespanManager(app):
        await app.state.redis.flushdb()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            yield client
