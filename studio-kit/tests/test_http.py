import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
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


class Echo:
    """A downstream on loopback that answers what it received."""

    def __init__(self) -> None:
        self.app = FastAPI()

        @self.app.api_route("/echo", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
        async def echo(request: Request) -> Response:
            body = await request.body()
            answer = {
                "method": request.method,
                "query": str(request.url.query),
                "content_type": request.headers.get("content-type"),
                "authorization": request.headers.get("authorization"),
                "idempotency_key": request.headers.get("idempotency-key"),
                "body": body.decode(),
            }
            return Response(
                content=json.dumps(answer),
                media_type="application/json",
                headers={"X-Answer": "yes"},
                status_code=201 if request.method == "POST" else 200,
            )

        @self.app.get("/moved")
        async def moved() -> Response:
            return Response(status_code=307, headers={"Location": "/echo"})

        @self.app.get("/problem")
        async def problem() -> Response:
            return Response(
                content=b'{"code": "slot_taken", "status": 409}', media_type="application/problem+json", status_code=409
            )


@pytest.fixture
async def echo_url() -> AsyncIterator[str]:
    async with run_server(Echo().app) as url:
        yield url


class TestServiceClientRequests:
    """What a downstream receives and what the caller reads back are the same as with httpx's client
    (the calls go out through aiohttp, issue 19)."""

    async def test_query_json_headers_and_answer(self, echo_url: str) -> None:
        client = ServiceClient("echo", echo_url)
        try:
            response = await client.post(
                "/echo",
                params={"from": "2026-12-07T10:00:00+00:00", "active": True, "ids": ["a", "b"]},
                json={"name": "Анна", "n": 1},
                headers={"Idempotency-Key": "k-1"},
                token="tok",
            )
        finally:
            await client.aclose()
        assert isinstance(response, httpx.Response)
        assert response.status_code == 201
        assert response.headers["x-answer"] == "yes"
        seen = response.json()
        assert seen["query"] == "from=2026-12-07T10%3A00%3A00%2B00%3A00&active=true&ids=a&ids=b"
        assert seen["content_type"] == "application/json"
        assert json.loads(seen["body"]) == {"name": "Анна", "n": 1}
        assert seen["authorization"] == "Bearer tok"
        assert seen["idempotency_key"] == "k-1"
        response.raise_for_status()  # the answer carries its request, as httpx's do

    async def test_raw_content_and_forms(self, echo_url: str) -> None:
        client = ServiceClient("echo", echo_url)
        try:
            raw = await client.put("/echo", content=b"%PDF-1.7 bytes", headers={"Content-Type": "application/pdf"})
            form = await client.post("/echo", data={"grant_type": "client_credentials"})
        finally:
            await client.aclose()
        assert raw.json()["body"] == "%PDF-1.7 bytes"
        assert raw.json()["content_type"] == "application/pdf"
        assert form.json()["body"] == "grant_type=client_credentials"
        assert form.json()["content_type"] == "application/x-www-form-urlencoded"

    async def test_redirects_are_returned_unless_followed(self, echo_url: str) -> None:
        client = ServiceClient("echo", echo_url)
        try:
            moved = await client.get("/moved")
            followed = await client.get("/moved", follow_redirects=True)
        finally:
            await client.aclose()
        assert moved.status_code == 307
        assert moved.headers["location"] == "/echo"
        assert followed.status_code == 200
        assert followed.json()["method"] == "GET"

    async def test_problems_come_back_as_they_were_answered(self, echo_url: str) -> None:
        client = ServiceClient("echo", echo_url)
        try:
            response = await client.get("/problem")
        finally:
            await client.aclose()
        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "slot_taken"
        with pytest.raises(httpx.HTTPStatusError):
            response.raise_for_status()

    async def test_a_test_transport_still_goes_through_httpx(self) -> None:
        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"path": request.url.path})

        client = ServiceClient("mock", "http://mock", transport=httpx.MockTransport(answer))
        try:
            response = await client.get("/anything")
        finally:
            await client.aclose()
        assert response.json() == {"path": "/anything"}
