"""pytest plugin (enabled in the root pyproject): real PostgreSQL, Redis and RabbitMQ for every
service's tests. A service's conftest overrides `service_settings`, `service_dir` and
`service_app_factory`; everything else comes from here."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import redis.asyncio as aioredis
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from ..config import ServiceSettings
from .helpers import JWTSigner, prepare_database, run_server, truncate_all

S = TypeVar("S", bound=ServiceSettings)

PG_HOST = os.environ.get("TEST_DB_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_DB_PORT", "5432"))
PG_USER = os.environ.get("TEST_DB_USER", "postgres")
RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
# Engineers sharing a machine run suites side by side: each sets its own suffix (and Redis URL).
DB_SUFFIX = os.environ.get("TEST_DB_SUFFIX", "")


@pytest.fixture(scope="session")
def test_run_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def jwt_signer() -> Iterator[JWTSigner]:
    signer = JWTSigner()
    signer.start()
    yield signer
    signer.stop()


@pytest.fixture(scope="session")
def make_settings(test_run_id: str, jwt_signer: JWTSigner) -> Callable[..., Any]:
    """Settings for a service under test: its own database and Redis db, a private exchange and
    queue prefix, and tokens verified against the test signer's JWKS."""

    def factory(settings_cls: type[S], *, database: str | None, redis_db: int, **overrides: Any) -> S:
        values: dict[str, Any] = {
            "environment": "test",
            "db_host": PG_HOST if database else None,
            "db_port": PG_PORT,
            "postgres_db": f"{database}{DB_SUFFIX}" if database else None,
            "postgres_user": PG_USER,
            "rabbitmq_url": RABBITMQ_URL,
            "events_exchange": f"studio.events.test.{test_run_id}",
            "events_queue_prefix": f"test.{test_run_id}.",
            "events_queue_expires_ms": 120_000,
            "redis_url": f"{REDIS_URL}/{redis_db}",
            "auth_jwks_url": jwt_signer.jwks_url,
            "log_level": "WARNING",
        }
        values.update(overrides)
        return settings_cls(_env_file=None, **values)

    return factory


@pytest.fixture(scope="session")
def service_settings() -> ServiceSettings:
    raise pytest.UsageError("override the `service_settings` fixture in the service's conftest.py")


@pytest.fixture(scope="session")
def service_dir() -> Path | None:
    return None


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], FastAPI]:
    raise pytest.UsageError("override the `service_app_factory` fixture in the service's conftest.py")


_prepared_databases: set[str] = set()


@pytest.fixture
async def database_ready(service_settings: ServiceSettings, service_dir: Path | None) -> bool:
    """Create and migrate the service's test database once per run (several services share a
    pytest session, so the memo is keyed by database name rather than by fixture scope)."""
    url = service_settings.database_url
    if url is None:
        return False
    if url.database not in _prepared_databases:
        await prepare_database(url, service_dir)
        _prepared_databases.add(str(url.database))
    return True


async def reset_state(app: FastAPI) -> None:
    if app.state.database is not None:
        await truncate_all(app.state.database.engine)
    if app.state.redis is not None:
        await app.state.redis.flushdb()


@pytest.fixture
async def app(
    service_settings: ServiceSettings,
    service_app_factory: Callable[[Any], FastAPI],
    database_ready: bool,
) -> AsyncIterator[FastAPI]:
    """The service app with its lifespan running, on a clean database and Redis db."""
    application = service_app_factory(service_settings)
    async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30):
        await reset_state(application)
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def live_url(app: FastAPI) -> AsyncIterator[str]:
    """The same app behind a real uvicorn on a free loopback port (real HTTP, real concurrency)."""
    async with run_server(app, lifespan=False) as url:
        yield url


@pytest.fixture
async def redis_client(service_settings: ServiceSettings) -> AsyncIterator[aioredis.Redis]:
    assert service_settings.redis_url
    connection = aioredis.from_url(service_settings.redis_url, decode_responses=True)
    yield connection
    await connection.aclose()
