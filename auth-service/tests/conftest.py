from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
import redis.asyncio as aioredis
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from auth_service.config import Settings
from auth_service.database import outbox_messages
from auth_service.main import create_app
from auth_service.passwords import service as password_service
from auth_service.users import service as user_service
from auth_service.users.models import User
from studio_kit.testing import truncate_all

SERVICE_DIR = Path(__file__).resolve().parents[1]

BOT_TOKEN = "123456789:AAF-test-bot-token-for-auth-service"
BOT_SECRET = "bot-secret-0123456789abcdef"
STUDENTS_SECRET = "students-secret-0123456789abcdef"
# The bot may link chats and read users; students-service may create accounts.
SERVICE_CLIENTS = (
    f"tg-bot-service:{BOT_SECRET}:auth:telegram-link auth:read,"
    f"students-service:{STUDENTS_SECRET}:auth:users:write auth:read"
)
TEST_SETTINGS: dict[str, Any] = {
    "telegram_bot_token": BOT_TOKEN,
    "telegram_bot_username": "studio_test_bot",
    "auth_service_clients": SERVICE_CLIENTS,
}
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(Settings, database="auth_test", redis_db=1, **TEST_SETTINGS)


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


class AppFactory(Protocol):
    def __call__(self, fresh: bool = True, **overrides: Any) -> AbstractAsyncContextManager[FastAPI]: ...


@pytest.fixture
def app_factory(make_settings: Callable[..., Settings], database_ready: bool) -> AppFactory:
    """auth-service with other settings, started on an empty database and Redis db."""

    @asynccontextmanager
    async def factory(fresh: bool = True, **overrides: Any) -> AsyncIterator[FastAPI]:
        settings = make_settings(Settings, database="auth_test", redis_db=1, **{**TEST_SETTINGS, **overrides})
        assert settings.database_url is not None
        assert settings.redis_url is not None
        if fresh:
            engine = create_async_engine(settings.database_url)
            await truncate_all(engine)
            await engine.dispose()
            redis = aioredis.from_url(settings.redis_url)
            await redis.flushdb()
            await redis.aclose()
        application = create_app(settings)
        async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30):
            yield application

    return factory


class Api:
    """Small helpers over the HTTP API, the way the BFF uses it."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def login(self, email: str, password: str = PASSWORD, **kwargs: Any) -> httpx.Response:
        return await self.client.post("/auth/login", json={"email": email, "password": password}, **kwargs)

    async def login_ok(self, email: str, password: str = PASSWORD, **kwargs: Any) -> dict[str, Any]:
        response = await self.login(email, password, **kwargs)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    @staticmethod
    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(client: httpx.AsyncClient) -> Api:
    return Api(client)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def bot_token() -> str:
    return BOT_TOKEN


_hashes: dict[str, str] = {}


async def _hash(password: str) -> str:
    # argon2id is slow on purpose; one (salted) hash per distinct password keeps the suite quick.
    if password not in _hashes:
        _hashes[password] = await password_service.hash_password(password)
    return _hashes[password]


def user_factory(application: FastAPI) -> Callable[..., Any]:
    """Insert a user the way the service does (argon2id hash), without going through HTTP."""

    async def factory(
        email: str = "student@example.com", *, role: str = "student", password: str | None = PASSWORD, **fields: Any
    ) -> User:
        # Columns add_user does not take (is_active, telegram_id, …) are set afterwards.
        extra = {key: fields.pop(key) for key in ("is_active", "telegram_id", "telegram_chat_id") if key in fields}
        async with application.state.database.sessionmaker() as session, session.begin():
            user = await user_service.add_user(
                session,
                email=email,
                role=role,
                first_name=fields.pop("first_name", "Anna"),
                password_hash=await _hash(password) if password else None,
                **fields,
            )
            for key, value in extra.items():
                setattr(user, key, value)
            return user

    return factory


@pytest.fixture
def make_user(app: FastAPI) -> Callable[..., Any]:
    return user_factory(app)


@pytest.fixture
def user_factory_for() -> Callable[[FastAPI], Callable[..., Any]]:
    return user_factory


@pytest.fixture
def outbox_events(app: FastAPI) -> Callable[[str], Any]:
    """Events of one type the service wrote to its outbox, oldest first (payload envelopes)."""

    async def read(event_type: str) -> list[dict[str, Any]]:
        async with app.state.database.engine.connect() as connection:
            rows = await connection.execute(
                select(outbox_messages.c.payload)
                .where(outbox_messages.c.type == event_type)
                .order_by(outbox_messages.c.created_at)
            )
            return list(rows.scalars())

    return read


@asynccontextmanager
async def _client_for(application: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def client_for() -> Callable[[FastAPI], AbstractAsyncContextManager[httpx.AsyncClient]]:
    """An HTTP client for an app built by `app_factory`."""
    return _client_for
