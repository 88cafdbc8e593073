import json
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from studio_kit.testing.helpers import free_port


class TestHealth:
    async def test_live(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/health/live")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    async def test_ready_when_everything_is_up(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/health/ready")
        assert response.status_code == 200
        assert response.json()["checks"] == {"database": "ok", "broker": "ok", "redis": "ok"}

    async def test_ready_names_what_is_down(self, kit: Any, make_settings: Any, database_ready: bool) -> None:
        settings = make_settings(
            kit.settings_cls,
            database="studio_kit_test",
            redis_db=15,
            rabbitmq_url=f"amqp://guest:guest@127.0.0.1:{free_port()}/",
            redis_url=f"redis://127.0.0.1:{free_port()}/0",
        )
        app = kit.build_app(settings)
        async with LifespanManager(app, startup_timeout=30):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                response = await client.get("/health/ready")
        assert response.status_code == 503
        body = response.json()
        assert body["down"] == ["broker", "redis"]
        assert body["checks"]["database"] == "ok"


class TestRequestContext:
    async def test_request_id_is_echoed_or_made(self, client: httpx.AsyncClient) -> None:
        echoed = await client.get("/health/live", headers={"X-Request-ID": "abc-1"})
        assert echoed.headers["x-request-id"] == "abc-1"
        made = await client.get("/health/live")
        assert len(made.headers["x-request-id"]) == 32

    async def test_logs_are_json_with_request_id(
        self, capsys: pytest.CaptureFixture[str], kit: Any, service_settings: Any, database_ready: bool
    ) -> None:
        app = kit.build_app(service_settings)  # built after capsys, so its log handler writes there
        async with LifespanManager(app, startup_timeout=30):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                capsys.readouterr()
                await client.get("/log", headers={"X-Request-ID": "trace-42"})
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
        record = next(line for line in lines if line["message"] == "hello from the kit")
        assert record["level"] == "WARNING"
        assert record["service"] == "kit-test"
        assert record["request_id"] == "trace-42"

    async def test_metrics_count_requests(self, client: httpx.AsyncClient) -> None:
        await client.get("/notes")
        metrics = (await client.get("/metrics")).text
        assert 'http_requests_total{method="GET",route="/notes",service="kit-test",status="200"} 1.0' in metrics
        assert "outbox_pending_events" in metrics
