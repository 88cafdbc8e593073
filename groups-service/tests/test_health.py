import httpx
from fastapi import FastAPI
from sqlalchemy import text


class TestHealth:
    async def test_ready_checks_every_dependency(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/health/ready")
        assert response.status_code == 200
        assert response.json()["checks"] == {"database": "ok", "broker": "ok", "redis": "ok"}

    async def test_openapi_is_published(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/docs")).status_code == 200
        assert (await client.get("/openapi.json")).json()["info"]["title"] == "groups-service"

    async def test_metrics_are_exposed(self, client: httpx.AsyncClient) -> None:
        await client.get("/health/live")
        assert 'service="groups-service"' in (await client.get("/metrics")).text


class TestMigrations:
    async def test_outbox_and_inbox_tables_exist(self, app: FastAPI) -> None:
        async with app.state.database.engine.connect() as connection:
            tables = set(
                (
                    await connection.execute(
                        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    )
                ).scalars()
            )
        assert {"outbox_message", "inbox_message", "alembic_version"} <= tables
