from typing import Any

import httpx


class TestProblemJson:
    async def test_app_error_is_problem_json_and_rolls_back(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/notes", json={"text": "kept?", "fail": True})
        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["code"] == "conflict"
        assert body["status"] == 409
        assert body["title"]
        assert body["detail"] == "Scripted conflict after writing."
        # The row written before the error was rolled back, and so was its event.
        assert (await client.get("/notes")).json() == []

    async def test_success_commits_before_responding(self, client: httpx.AsyncClient) -> None:
        assert (await client.post("/notes", json={"text": "hello"})).status_code == 201
        assert (await client.get("/notes")).json() == ["hello"]

    async def test_malformed_body_is_422_problem(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/notes", content=b"{not json", headers={"content-type": "application/json"})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "validation_error"

    async def test_unknown_route_is_problem_json(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/nope")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


class TestDatabaseOutage:
    async def test_missing_database_is_503_problem_not_500(self, kit: Any, make_settings: Any) -> None:
        from asgi_lifespan import LifespanManager

        settings = make_settings(kit.settings_cls, database="studio_kit_no_such_database", redis_db=15)
        app = kit.build_app(settings)
        async with LifespanManager(app, startup_timeout=30):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                response = await client.get("/notes")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "database_unavailable"

    async def test_connections_dropped_by_the_server_fail_once_then_reconnect(
        self, client: httpx.AsyncClient, app: Any
    ) -> None:
        # Pool connections are not pinged before use: a connection the server ended fails its first
        # statement, which must read as a clear 503 (never a 500), and the pool must recover by itself.
        assert (await client.get("/notes")).status_code == 200  # the pool holds a connection now
        database = app.state.settings.postgres_db
        async with app.state.database.engine.connect() as connection:
            await connection.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
            )
        answers = [await client.get("/notes") for _ in range(3)]
        for failed in [a for a in answers if a.status_code != 200]:
            assert failed.status_code == 503
            assert failed.json()["code"] == "database_unavailable"
        assert answers[-1].status_code == 200
        assert answers[-1].json() == []


class TestPool:
    async def test_a_burst_keeps_its_connections_for_the_next(self, app: Any) -> None:
        """ADR 0276: with 5 kept and 5 overflow, connections past the fifth were closed when
        returned, so every burst paid new backends; the pool now keeps up to 10."""
        engine = app.state.database.engine

        async def burst() -> set[int]:
            connections = [await engine.connect() for _ in range(8)]
            try:
                return {(await c.exec_driver_sql("SELECT pg_backend_pid()")).scalar_one() for c in connections}
            finally:
                for connection in connections:
                    await connection.close()

        first = await burst()
        assert engine.pool.checkedin() >= 8
        assert await burst() == first  # the same eight backends: none closed, none opened
