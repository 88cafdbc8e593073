"""The real platform the BFF is tested against, and a browser that behaves like the web app."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import importlib.util
import json
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx
from fastapi import FastAPI
from oidc_harness import OIDCHarness
from sqlalchemy import URL
from starlette.types import ASGIApp, Receive, Scope, Send

from studio_kit.testing import prepare_database, run_server

SERVICE_DIR = Path(__file__).resolve().parents[1]
REPOSITORY = SERVICE_DIR.parent
DOWNSTREAMS = ("auth", "calendary", "groups", "lessons", "notifications", "students", "teachers")
SESSION_COOKIE = "__Host-studio_session"
# The downstream services share one Redis db of their own (their keys are prefixed per service).
DOWNSTREAM_REDIS_DB = 12
PUBLIC_URL = "https://studio.example.com"
PASSWORD = "Correct-Horse-Battery-42"
ADMIN_EMAIL = "admin@bff-tests.example.com"
BOT_TOKEN = "123456789:AAF-bff-test-bot-token"
SECRETS = {name: f"{name}-test-secret-0123456789" for name in ("bff-service", "lessons-service", "tg-bot-service")}
SERVICE_CLIENTS = ",".join(
    [
        f"bff-service:{SECRETS['bff-service']}:auth:users:write auth:read students:write students:read",
        f"lessons-service:{SECRETS['lessons-service']}:calendary:book calendary:read groups:read",
        f"tg-bot-service:{SECRETS['tg-bot-service']}:auth:telegram-link auth:read lessons:trial-hold",
    ]
)


class Delay:
    """ASGI wrapper around a real service app: tests slow it down on purpose, and see which paths
    were asked for."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.seconds = 0.0
        self.paths: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        if scope["type"] == "http" and self.seconds and not scope["path"].startswith("/health"):
            await asyncio.sleep(self.seconds)
        await self.app(scope, receive, send)


@dataclass
class RunningService:
    name: str
    port: int
    factory: Callable[[], FastAPI]
    delay: Delay | None = None
    stack: contextlib.AsyncExitStack | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.delay = Delay(self.factory())
        self.stack = contextlib.AsyncExitStack()
        await self.stack.enter_async_context(run_server(self.delay, port=self.port))  # type: ignore[arg-type]

    async def stop(self) -> None:
        if self.stack is not None:
            await self.stack.aclose()
            self.stack = None


def _load_fake_payment_provider() -> Any:
    """The loopback payment provider `make up` runs for its demo (scripts/fake_payment_provider.py)."""
    path = REPOSITORY / "scripts" / "fake_payment_provider.py"
    spec = importlib.util.spec_from_file_location("fake_payment_provider", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.FakePaymentProvider


FakePaymentProvider = _load_fake_payment_provider()
PAYMENTS_SHOP_ID = "bff-test-shop"
PAYMENTS_SECRET_KEY = "bff-test-payments-secret-0123"


@dataclass
class Platform:
    services: dict[str, RunningService]
    oidc: OIDCHarness
    auth_database: str
    payments: Any = None

    def url(self, name: str) -> str:
        return self.services[name].url

    def delay(self, name: str, seconds: float) -> None:
        delay = self.services[name].delay
        assert delay is not None
        delay.seconds = seconds

    def calls(self, name: str, path: str) -> int:
        """How many requests for `path` the service has received so far."""
        delay = self.services[name].delay
        assert delay is not None
        return delay.paths.count(path)

    @contextlib.asynccontextmanager
    async def stopped(self, name: str) -> AsyncIterator[None]:
        """The service really stopped (its port closed) for the block, then started again."""
        await self.services[name].stop()
        try:
            yield
        finally:
            await self.services[name].start()

    async def outbox(self, event_type: str) -> list[dict[str, Any]]:
        """Events auth-service wrote (the e-mails it asked for: invitations, resets…)."""
        connection = await asyncpg.connect(self.auth_database)
        try:
            rows = await connection.fetch(
                "SELECT payload FROM outbox_message WHERE type = $1 ORDER BY created_at", event_type
            )
        finally:
            await connection.close()
        return [json.loads(row["payload"]) for row in rows]

    async def invitation_token(self, email: str) -> str:
        for event in reversed(await self.outbox("user.invited")):
            if event["data"]["email"] == email:
                return str(event["data"]["invite_url"]).rsplit("#", 1)[-1]
        raise AssertionError(f"no invitation for {email}")


class Browser:
    """A browser on the web app: keeps the cookies and sends the CSRF header like the app does."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    @property
    def csrf(self) -> str | None:
        return self.http.cookies.get("studio_csrf")

    @property
    def session_id(self) -> str | None:
        return self.http.cookies.get(SESSION_COOKIE)

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.http.get(url, **kwargs)

    async def send(self, method: str, url: str, *, csrf: bool = True, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if csrf and self.csrf:
            headers.setdefault("X-CSRF-Token", self.csrf)
        return await self.http.request(method, url, headers=headers, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.send("POST", url, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.send("PUT", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.send("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.send("DELETE", url, **kwargs)


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def sign_init_data(telegram_id: int, *, bot_token: str = BOT_TOKEN, auth_date: int | None = None) -> str:
    """Mini App initData signed the way Telegram signs it."""
    fields = {
        "auth_date": str(auth_date or int(time.time())),
        "query_id": "AAE-test",
        "user": json.dumps({"id": telegram_id, "first_name": "Tg", "username": "tg_user"}),
    }
    data_check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, data_check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


async def service_token(platform: Platform, client_id: str) -> str:
    """A client-credentials token from the real auth-service, as another service would get it."""
    async with httpx.AsyncClient(base_url=platform.url("auth")) as http:
        response = await http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, SECRETS[client_id])
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])


async def ensure_database(url: URL, service_dir: Path) -> None:
    """A fresh database migrated to head for every run: data left by earlier runs (hundreds of
    teachers) slowed the studio calendar past the tests' 2 s downstream timeout, and a database
    migrated by other scripts could sit at the same head without the same tables."""
    await prepare_database(url, service_dir)
