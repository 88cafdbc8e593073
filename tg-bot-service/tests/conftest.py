"""Fixtures for tg-bot-service: a fake Telegram Bot API on loopback, loopback stand-ins that keep
the auth/calendary/lessons contracts, and a harness that posts real Update JSON to the webhook."""

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aio_pika
import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import SecretStr

from auth_service.config import Settings as AuthSettings
from auth_service.main import create_app as create_auth_app
from auth_service.passwords import service as password_service
from auth_service.users import service as user_service
from studio_kit.auth import JWKSCache, TokenVerifier
from studio_kit.testing import JWTSigner, prepare_database, run_server
from studio_kit.testing.helpers import free_port
from tg_bot_service.clients import SERVICE_SCOPES
from tg_bot_service.config import Settings
from tg_bot_service.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
BOT_TOKEN = "123456789:TEST-bot-token-for-the-fake-api"
WEBHOOK_SECRET = "test-webhook-secret-0123456789"
AUTH_DIR = SERVICE_DIR.parent / "auth-service"
CLIENT_SECRET = "bot-client-secret-0123456789abcdef"
PASSWORD = "correct horse battery staple"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Studio", "username": "studio_test_bot"}


@dataclass
class TelegramCall:
    method: str
    params: dict[str, Any]
    at: float


class FakeTelegram:
    """Answers like the Bot API and records every call; failures can be scripted per method."""

    def __init__(self) -> None:
        self.calls: list[TelegramCall] = []
        self.failures: dict[str, list[dict[str, Any]]] = {}
        self.updates: list[dict[str, Any]] = []
        self._message_ids = itertools.count(1000)
        self.url = ""
        self.app = FastAPI()
        self.app.add_api_route("/bot{token}/{method}", self._handle, methods=["POST", "GET"])

    def reset(self) -> None:
        self.calls.clear()
        self.failures.clear()
        self.updates.clear()

    def fail_next(self, method: str, error_code: int, description: str, **parameters: Any) -> None:
        body: dict[str, Any] = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.failures.setdefault(method, []).append(body)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} calls, got {self.sent(method)}")
            await asyncio.sleep(0.02)
        return self.sent(method)

    async def _handle(self, token: str, method: str, request: Request) -> JSONResponse:
        if token != BOT_TOKEN:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        if request.headers.get("content-type", "").startswith("application/json"):
            raw: dict[str, Any] = await request.json()
        else:
            raw = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
        params = {key: _decode(value) for key, value in raw.items()}
        self.calls.append(TelegramCall(method, params, time.monotonic()))
        scripted = self.failures.get(method)
        if scripted:
            body = scripted.pop(0)
            return JSONResponse(body, status_code=body["error_code"])
        return JSONResponse({"ok": True, "result": await self._result(method, params)})

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            if self.updates:
                updates, self.updates = self.updates, []
                return updates
            await asyncio.sleep(0.2)
            return []
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            chat_id = int(params.get("chat_id", 0))
            return {
                "message_id": int(params.get("message_id", next(self._message_ids))),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", "…"),
            }
        return True


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@dataclass
class StudioServices:
    """Loopback stand-ins for auth's token and user lookup and lessons' list, keeping their contracts
    (paths, scopes, shapes) and verifying the bot's service token like the real ones do. Linking,
    slots and feedback run against the real auth, calendary and lessons apps (see tests/linking,
    tests/trial, tests/feedback); listing lessons with a service token is not in lessons-service yet."""

    signer: JWTSigner
    linked: dict[int, dict[str, Any]] = field(default_factory=dict)
    lessons: list[dict[str, Any]] = field(default_factory=list)
    refuse_lessons: bool = False
    url: str = ""

    def reset(self) -> None:
        self.linked.clear()
        self.lessons.clear()
        self.refuse_lessons = False

    def build_app(self) -> FastAPI:
        app = FastAPI()
        verifier = TokenVerifier(JWKSCache(self.signer.jwks_url), issuer="studio-auth", audience="studio")

        async def authorize(request: Request, scope: str) -> JSONResponse | None:
            header = request.headers.get("authorization", "")
            try:
                principal = await verifier.verify(header.removeprefix("Bearer "))
            except Exception:
                return JSONResponse({"code": "unauthorized"}, 401)
            if not principal.is_service or not principal.has_scope(scope):
                return JSONResponse({"code": "forbidden"}, 403)
            return None

        @app.post("/oauth/token")
        async def token(request: Request) -> dict[str, Any]:
            form = await request.form()
            scopes = str(form.get("scope", "")).split() or SERVICE_SCOPES.split()
            return {
                "access_token": self.signer.token("service", "service:tg-bot-service", scopes=scopes),
                "token_type": "bearer",
                "expires_in": 600,
            }

        @app.get("/internal/users/by-telegram/{telegram_id}")
        async def by_telegram(telegram_id: int, request: Request) -> JSONResponse:
            if denied := await authorize(request, "auth:read"):
                return denied
            account = self.linked.get(telegram_id)
            if account is None:
                return JSONResponse({"code": "not_found"}, 404)
            # auth-service answers with its UserRead.
            user = {"id": account["user_id"], "role": account["role"], "first_name": account["first_name"]}
            return JSONResponse(user)

        @app.get("/lessons")
        async def lessons(request: Request) -> JSONResponse:
            if denied := await authorize(request, "lessons:read"):
                return denied
            if self.refuse_lessons:
                # What lessons-service answers a service principal today.
                return JSONResponse({"code": "forbidden"}, 403)
            student = request.query_params.get("student_id")
            items = [lesson for lesson in self.lessons if student in lesson["student_ids"]]
            return JSONResponse({"items": items, "total": len(items), "page": 1, "size": 50})

        return app


@pytest.fixture(scope="session")
async def auth_settings(make_settings: Callable[..., AuthSettings], test_run_id: str) -> AuthSettings:
    settings = make_settings(
        AuthSettings,
        database="auth_test_for_bot",
        redis_db=9,
        events_queue_prefix=f"test.{test_run_id}.bot.",
        auth_service_clients=f"tg-bot-service:{CLIENT_SECRET}:{SERVICE_SCOPES}",
        telegram_bot_token="123456789:TEST-bot-token-for-the-fake-api",
        telegram_bot_username="studio_test_bot",
    )
    await prepare_database(settings.database_url, AUTH_DIR)
    return settings


@pytest.fixture(scope="session")
def auth_port() -> int:
    """auth-service keeps one port for the run, so other apps can be pointed at its JWKS."""
    return free_port()


@pytest.fixture
async def auth_app(auth_settings: AuthSettings, auth_port: int) -> AsyncIterator[tuple[FastAPI, str]]:
    app = create_auth_app(auth_settings)
    async with run_server(app, port=auth_port) as url:
        yield app, url


class AuthAccounts:
    """Accounts in the real auth-service and the web app's side of linking."""

    def __init__(self, app: FastAPI, url: str) -> None:
        self.app = app
        self.url = url

    async def create(self, email: str, first_name: str, role: str = "student") -> str:
        async with self.app.state.database.sessionmaker() as session, session.begin():
            user = await user_service.add_user(
                session,
                email=email,
                role=role,
                first_name=first_name,
                password_hash=await password_service.hash_password(PASSWORD),
            )
            return str(user.id)

    async def link_token(self, email: str) -> str:
        """What the web app does: log in, then ask for a one-time Telegram link token."""
        async with httpx.AsyncClient(base_url=self.url) as http:
            login = await http.post("/auth/login", json={"email": email, "password": PASSWORD})
            assert login.status_code == 200, login.text
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            response = await http.post("/auth/telegram/link-token", headers=headers)
            assert response.status_code == 200, response.text
            return str(response.json()["token"])

    async def user_by_telegram(self, telegram_id: int, headers: dict[str, str]) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.url) as http:
            return await http.get(f"/internal/users/by-telegram/{telegram_id}", headers=headers)


@pytest.fixture
async def accounts(auth_app: tuple[FastAPI, str]) -> AuthAccounts:
    return AuthAccounts(*auth_app)


@pytest.fixture(scope="session")
def auth_client_secret() -> SecretStr:
    return SecretStr(CLIENT_SECRET)


@pytest.fixture(scope="session")
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    async with run_server(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="session")
async def studio_services(jwt_signer: JWTSigner) -> AsyncIterator[StudioServices]:
    services = StudioServices(jwt_signer)
    async with run_server(services.build_app()) as url:
        services.url = url
        yield services


@pytest.fixture(scope="session")
def trial_teacher_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture(scope="session")
def service_settings(
    make_settings: Callable[..., Settings],
    fake_telegram: FakeTelegram,
    studio_services: StudioServices,
    trial_teacher_id: uuid.UUID,
) -> Settings:
    return make_settings(
        Settings,
        database=None,
        redis_db=9,
        bot_token=BOT_TOKEN,
        telegram_webhook_secret=WEBHOOK_SECRET,
        telegram_api_url=fake_telegram.url,
        webapp_url="https://studio.example.test/",
        service_client_id="tg-bot-service",
        service_client_secret="test-client-secret-0123456789",
        auth_service_url=studio_services.url,
        calendary_service_url=studio_services.url,
        lessons_service_url=studio_services.url,
        trial_teacher_ids=str(trial_teacher_id),
        studio_name="Sunny English",
        studio_phone="+7 495 123-45-67",
        price_individual_minor=180_000,
        price_group_minor=90_000,
    )


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


@pytest.fixture(autouse=True)
def _clean_fakes(fake_telegram: FakeTelegram, studio_services: StudioServices) -> None:
    fake_telegram.reset()
    studio_services.reset()


class Chat:
    """One Telegram user in a private chat with the bot, talking through the real webhook."""

    _update_ids = itertools.count(int(time.time()))

    def __init__(self, client: httpx.AsyncClient, fake: FakeTelegram, user_id: int, first_name: str = "Anna") -> None:
        self.client = client
        self.fake = fake
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "ru"}

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._update_ids) % 1_000_000,
            "date": int(time.time()),
            "chat": {"id": self.user["id"], "type": "private", "first_name": self.user["first_name"]},
            "from": self.user,
            **content,
        }

    def text_update(self, text: str) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"update_id": next(self._update_ids), "message": self._message(**content)}

    def callback_update(self, data: str) -> dict[str, Any]:
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(uuid.uuid4().int)[:18],
                "from": self.user,
                "chat_instance": "42",
                "data": data,
                "message": {**self._message(text="…"), "from": BOT_USER},
            },
        }

    async def post(self, update: dict[str, Any], secret: str | None = WEBHOOK_SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        response = await self.client.post("/tg/webhook", json=update, headers=headers)
        return response

    async def say(self, text: str) -> dict[str, Any]:
        """Send a message and return the last message the bot answered with."""
        return await self._exchange(self.text_update(text))

    async def tap(self, callback_data: str) -> dict[str, Any]:
        """Tap an inline button and return the last message the bot answered with."""
        return await self._exchange(self.callback_update(callback_data))

    async def share_contact(self, phone: str) -> dict[str, Any]:
        contact = {"phone_number": phone, "first_name": self.user["first_name"], "user_id": self.user["id"]}
        update = {"update_id": next(self._update_ids), "message": self._message(contact=contact)}
        return await self._exchange(update)

    async def _exchange(self, update: dict[str, Any]) -> dict[str, Any]:
        before = len(self.fake.sent())
        response = await self.post(update)
        assert response.status_code == 200, response.text
        sent = self.fake.sent()[before:]
        assert sent, "the bot sent no message"
        return sent[-1]

    def replies(self) -> list[str]:
        return [call["text"] for call in self.fake.sent() if int(call["chat_id"]) == self.user["id"]]

    @staticmethod
    def buttons(message: dict[str, Any]) -> list[list[str]]:
        """The texts of a sent message's keyboard, row by row."""
        markup = message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[button["text"] for button in row] for row in rows]

    @staticmethod
    def callback(message: dict[str, Any], text: str) -> str:
        """The callback data of the inline button labelled `text`."""
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if button["text"] == text:
                    return str(button["callback_data"])
        raise AssertionError(f"no button {text!r} in {Chat.buttons(message)}")


@pytest.fixture
def make_chat(client: httpx.AsyncClient, fake_telegram: FakeTelegram) -> Callable[..., Chat]:
    ids = itertools.count(700_000_000 + uuid.uuid4().int % 100_000_000)

    def factory(first_name: str = "Anna", user_id: int | None = None) -> Chat:
        return Chat(client, fake_telegram, user_id or next(ids), first_name)

    return factory


@pytest.fixture
def chat(make_chat: Callable[..., Chat]) -> Chat:
    return make_chat()


class EventTap:
    """A private queue on the test exchange that collects published events."""

    def __init__(self, queue: aio_pika.abc.AbstractQueue) -> None:
        self.queue = queue

    async def next(self, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (message := await self.queue.get(fail=False)) is None:
            assert time.monotonic() < deadline, "no event arrived"
            await asyncio.sleep(0.05)
        await message.ack()
        body: dict[str, Any] = json.loads(message.body)
        return body

    async def empty(self, settle: float = 0.3) -> bool:
        await asyncio.sleep(settle)
        return await self.queue.get(fail=False) is None


@pytest.fixture
async def event_tap(service_settings: Settings) -> AsyncIterator[Callable[..., Any]]:
    """Collect events of the given types from the real RabbitMQ through a private queue."""
    assert service_settings.rabbitmq_url
    connection = await aio_pika.connect_robust(service_settings.rabbitmq_url)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(
        service_settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
    )

    async def tap(*routing_keys: str) -> EventTap:
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        for key in routing_keys:
            await queue.bind(exchange, routing_key=key)
        return EventTap(queue)

    yield tap
    await connection.close()
