import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from prometheus_client.parser import text_string_to_metric_families

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


class TestScrapeTimeGauges:
    async def test_outbox_age_is_the_oldest_unpublished_event_even_with_the_broker_down(
        self, kit: Any, make_settings: Any, database_ready: bool
    ) -> None:
        """What OutboxBacklogOld reads: with RabbitMQ unreachable nothing is published, the oldest
        row's age shows on /metrics, and the dead-letter probe failing does not break the scrape."""
        settings = make_settings(
            kit.settings_cls,
            database="studio_kit_test",
            redis_db=15,
            rabbitmq_url=f"amqp://guest:guest@127.0.0.1:{free_port()}/",
        )
        app = kit.build_app(settings)
        async with LifespanManager(app, startup_timeout=30):
            async with app.state.database.engine.begin() as connection:
                await connection.execute(kit.outbox_table.delete())
                await connection.execute(
                    kit.outbox_table.insert().values(
                        id=uuid.uuid4(),
                        type="note.created",
                        payload={},
                        created_at=datetime.now(UTC) - timedelta(minutes=5),
                    )
                )
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                response = await client.get("/metrics")
            async with app.state.database.engine.begin() as connection:
                await connection.execute(kit.outbox_table.delete())
        assert response.status_code == 200
        age = next(
            sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples
            if sample.name == "outbox_oldest_pending_age_seconds"
        )
        assert 300 <= age < 360
        pending = next(
            sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples
            if sample.name == "outbox_pending_events"
        )
        assert pending == 1  # counted when scraped, not by the relay after each pass

    async def test_nothing_waiting_reads_zero(self, client: httpx.AsyncClient) -> None:
        metrics = (await client.get("/metrics")).text
        assert 'outbox_oldest_pending_age_seconds{service="kit-test"} 0.0' in metrics
        assert 'consumer_dead_letter_messages{service="kit-test"} 0.0' in metrics
