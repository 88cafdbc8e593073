"""A database that refuses connections gives a 503 problem (retry later), not a 500."""

import uuid
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager

from lessons_service.config import Settings
from lessons_service.main import create_app
from studio_kit.testing import JWTSigner


async def test_lesson_reads_answer_503_while_the_database_refuses_connections(
    app: Any, service_settings: Settings, jwt_signer: JWTSigner
) -> None:
    # The outage is simulated on a database of its own, so the shared test database stays usable.
    name = f"lessons_outage_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(host="127.0.0.1", user="postgres", database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
    try:
        outage = create_app(service_settings.model_copy(update={"postgres_db": name}))
        async with LifespanManager(outage, startup_timeout=30, shutdown_timeout=30):
            transport = httpx.ASGITransport(app=outage)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                student = uuid.uuid4()
                response = await client.get(f"/lessons/{uuid.uuid4()}", headers=jwt_signer.headers("student", student))
                ready = await client.get("/health/ready")
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()

    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "database_unavailable"
    assert ready.status_code == 503
