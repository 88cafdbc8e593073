"""No route runs on FastAPI's worker threads (issue 19).

FastAPI runs a plain `def` endpoint or dependency in a thread pool: every request then pays a
thread hand-off (a queue put, a condition notify, the GIL passed back and forth). The profiles of
a booking put about a tenth of the BFF's samples there, for dependencies that only read
`app.state`. Dependencies and endpoints are `async def` unless they truly block."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

SERVICES = [
    "auth_service",
    "bff_service",
    "calendary_service",
    "groups_service",
    "lessons_service",
    "notifications_service",
    "students_service",
    "teachers_service",
    "tg_bot_service",
]


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, including those of included routers (FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(getattr(route, "original_router", None), "routes", None) or getattr(route, "routes", None)
        if inner:
            yield from _routes(inner)


def _is_async(call: Callable[..., Any]) -> bool:
    target = call if inspect.isfunction(call) or inspect.ismethod(call) else getattr(call, "__call__", call)  # noqa: B004
    return inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)


def _sync_dependencies(dependant: Dependant) -> Iterator[str]:
    for dependency in dependant.dependencies:
        if dependency.call is not None and not _is_async(dependency.call):
            yield f"{dependency.call.__module__}.{dependency.call.__qualname__}"
        yield from _sync_dependencies(dependency)


def thread_pool_work(app: FastAPI) -> dict[str, set[str]]:
    """{route path: sync endpoints and dependencies it runs}."""
    found: dict[str, set[str]] = {}
    for route in _routes(app.routes):
        names = set(_sync_dependencies(route.dependant))
        if not inspect.iscoroutinefunction(route.endpoint):
            names.add(f"endpoint {route.endpoint.__qualname__}")
        if names:
            found.setdefault(f"{','.join(sorted(route.methods or []))} {route.path}", set()).update(names)
    return found


def _plain() -> int:
    return 1


async def _nested(value: Annotated[int, Depends(_plain)]) -> int:
    return value


def test_the_detector_sees_sync_endpoints_and_dependencies() -> None:
    app = FastAPI()

    @app.get("/sync")
    def sync_endpoint() -> None:
        return None

    @app.get("/nested")
    async def nested_endpoint(value: Annotated[int, Depends(_nested)]) -> int:
        return value

    found = thread_pool_work(app)
    assert found.keys() == {"GET /sync", "GET /nested"}
    assert any(name.endswith("_plain") for name in found["GET /nested"])


@pytest.mark.parametrize("package", SERVICES)
def test_no_route_hops_to_a_worker_thread(package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "test")
    app = importlib.import_module(f"{package}.main").create_app()
    assert len(list(_routes(app.routes))) > 3, "the walk found no routes: FastAPI nests them differently now"
    assert thread_pool_work(app) == {}
