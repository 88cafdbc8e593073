"""create_app: the settings dependency, and a start-up that fails half-way releases what it opened."""

from collections.abc import Callable
from typing import Annotated, Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, Depends, FastAPI

from studio_kit.app import create_app
from studio_kit.config import ServiceSettings, settings_dependency


class AppSettings(ServiceSettings):
    service_name: str = "kit-app-test"
    greeting: str = "hello"


class OtherSettings(ServiceSettings):
    pass


get_settings = settings_dependency(AppSettings)
router = APIRouter()


@router.get("/greeting")
async def greeting(settings: Annotated[AppSettings, Depends(get_settings)]) -> dict[str, str]:
    return {"greeting": settings.greeting, "service": settings.service_name}


async def test_routes_get_the_apps_settings_through_the_kit_dependency(
    make_settings: Callable[..., Any],
) -> None:
    settings = make_settings(AppSettings, database="studio_kit_test", redis_db=15).model_copy(
        update={"greeting": "привет"}
    )
    app = create_app(settings, title="kit-app-test", routers=[router])
    async with (
        LifespanManager(app, startup_timeout=30),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
    ):
        response = await client.get("/greeting")
    assert response.json() == {"greeting": "привет", "service": "kit-app-test"}


async def test_settings_of_another_type_are_refused(make_settings: Callable[..., Any]) -> None:
    app = create_app(make_settings(OtherSettings, database="studio_kit_test", redis_db=15), title="x", routers=[router])
    async with (
        LifespanManager(app, startup_timeout=30),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
    ):
        with pytest.raises(RuntimeError, match="not AppSettings"):
            await client.get("/greeting")


async def test_a_failing_startup_hook_closes_what_was_opened_before_it(make_settings: Callable[..., Any]) -> None:
    opened: dict[str, Any] = {}

    async def remember_then_fail(app: FastAPI) -> None:
        opened.update(client=app.state.clients["echo"], broker=app.state.broker)
        raise RuntimeError("scripted start-up failure")

    settings = make_settings(AppSettings, database="studio_kit_test", redis_db=15)
    app = create_app(settings, title="x", downstreams={"echo": "http://127.0.0.1:9"}, startup=[remember_then_fail])
    with pytest.raises(RuntimeError, match="scripted start-up failure"):
        async with LifespanManager(app, startup_timeout=30):
            pass
    assert opened["client"].client.is_closed
    assert opened["broker"].connection is None
