import httpx


class TestHealth:
    async def test_ready_checks_every_dependency(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/health/ready")
        assert response.status_code == 200
        assert response.json()["checks"] == {"broker": "ok", "redis": "ok"}

    async def test_openapi_is_published(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/docs")).status_code == 200
        assert (await client.get("/openapi.json")).json()["info"]["title"] == "bff-service"

    async def test_metrics_are_exposed(self, client: httpx.AsyncClient) -> None:
        await client.get("/health/live")
        assert 'service="bff-service"' in (await client.get("/metrics")).text
