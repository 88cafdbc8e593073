import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI, Request, Response

from studio_kit.errors import ServiceUnavailable
from studio_kit.http import ServiceClient
from studio_kit.observability import request_id_var
from studio_kit.testing import run_server
from studio_kit.testing.helpers import free_port


class Flaky:
    """A downstream on loopback that fails `failures` times with `status`, then answers 200."""

    def __init__(self) -> None:
        self.failures = 0
        self.status = 502
        self.calls: list[dict[str, Any]] = []
        self.app = FastAPI()

        @self.app.api_route("/thing", methods=["GET", "POST", "PUT"])
        async def thing(request: Request) -> Response:
            self.calls.append({"method": request.method, "request_id": request.headers.get("x-request-id")})
            if len(self.calls) <= self.failures:
                return Response(status_code=self.status)
            return Response(content=b'{"ok": true}', media_type="application/json")

        @self.app.get("/slow")
        async def slow() -> dict[str, bool]:
            await asyncio.sleep(2)
            return {"ok": True}


@pytest.fixture
async def downstream() -> AsyncIterator[tuple[Flaky, str]]:
    flaky = Flaky()
    async with run_server(flaky.app) as url:
        yield flaky, url


class TestServiceClient:
    async def test_idempotent_call_is_retried(self, downstream: tuple[Flaky, str]) -> None:
        flaky, url = downstream
        flaky.failures = 2
        client = ServiceClient("flaky", url, retries=2)
        try:
            response = await client.get("/thing")
        finally:
            await client.aclose()
        assert response.status_code == 200
        assert len(flaky.calls) == 3

    async def test_overloaded_downstream_is_not_retried(self, downstream: tuple[Flaky, str]) -> None:
        # 503 means "too busy or missing a dependency": retrying would multiply the load at every hop.
        flaky, url = downstream
        flaky.failures, flaky.status = 1, 503
        client = ServiceClient("flaky", url, retries=2)
        try:
            response = await client.get("/thing")
        finally:
            await client.aclose()
        assert response.status_code == 503
        assert len(flaky.calls) == 1

    async def test_post_is_not_retried(self, downstream: tuple[Flaky, str]) -> None:
        flaky, url = downstream
        flaky.failures = 1
        client = ServiceClient("flaky", url, retries=2)
        try:
            response = await client.post("/thing", json={})
        finally:
            await client.aclose()
        assert response.status_code == 502
        assert len(flaky.calls) == 1

    async def test_request_id_is_propagated(self, downstream: tuple[Flaky, str]) -> None:
        flaky, url = downstream
        client = ServiceClient("flaky", url)
        token = request_id_var.set("req-123")
        try:
            await client.get("/thing")
        finally:
            request_id_var.reset(token)
            await client.aclose()
        assert flaky.calls[0]["request_id"] == "req-123"

    async def test_unreachable_downstream_is_service_unavailable(self) -> None:
        client = ServiceClient("gone", f"http://127.0.0.1:{free_port()}", retries=1)
        try:
            with pytest.raises(ServiceUnavailable) as caught:
                await client.get("/thing")
        finally:
            await client.aclose()
        assert caught.value.status == 503

    async def test_timeout_is_enforced(self, downstream: tuple[Flaky, str]) -> None:
        _, url = downstream
        client = ServiceClient("slow", url, timeout=0.3, retries=0)
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            with pytest.raises(ServiceUnavailable):
                await client.get("/slow")
        finally:
            await client.aclose()
        assert loop.time() - started < 1.5
