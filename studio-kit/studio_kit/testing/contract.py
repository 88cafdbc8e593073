"""Tests every service owes the platform, written once: a service's tests/test_health.py
subclasses these and names itself."""

from __future__ import annotations

from typing import ClassVar

import httpx
from fastapi import FastAPI
from sqlalchemy import text


class HealthContract:
    """Readiness checks every dependency, OpenAPI is published, metrics carry the service name."""

    service: ClassVar[str]
    dependencies: ClassVar[tuple[str, ...]] = ("database", "broker", "redis")

    async def test_ready_checks_every_dependency(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/health/ready")
        assert response.status_code == 200
        assert response.json()["checks"] == dict.fromkeys(self.dependencies, "ok")

    async def test_openapi_is_published(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/docs")).status_code == 200
        assert (await client.get("/openapi.json")).json()["info"]["title"] == self.service

    async def test_metrics_are_exposed(self, client: httpx.AsyncClient) -> None:
        await client.get("/health/live")
        assert f'service="{self.service}"' in (await client.get("/metrics")).text


class MessagingTablesContract:
    """The migrations create the outbox and inbox tables the kit's messaging relies on."""

    async def test_outbox_and_inbox_tables_exist(self, app: FastAPI) -> None:
        async with app.state.database.engine.connect() as connection:
            result = await connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            tables = set(result.scalars())
        assert {"outbox_message", "inbox_message", "alembic_version"} <= tables
