"""What lives outside the machine, faked on loopback for the whole-platform tests: the Telegram
Bot API. Servers run in their own threads, because the platform fixture blocks while it starts
and the bot talks to Telegram during that time."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .platform import free_port

BOT_TOKEN = "424242:E2E-fake-bot-token-for-the-loopback-api"
BOT_USER = {"id": 424242, "is_bot": True, "first_name": "Studio", "username": "studio_e2e_bot"}


@contextmanager
def serve_in_thread(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """Run an ASGI app under uvicorn on a free port of `host` (loopback unless containers must
    reach it) in a daemon thread."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, lifespan="off")
    )
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("fake server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class TelegramCall:
    method: str
    params: dict[str, Any]


class FakeTelegram:
    """Answers like the Bot API and records every call the bot makes."""

    def __init__(self) -> None:
        self.url = ""
        self.calls: list[TelegramCall] = []
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self.app = FastAPI()
        self.app.add_api_route("/bot{token}/{method}", self._handle, methods=["POST", "GET"])

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self._lock:
            calls = list(self.calls)
        return [
            call.params
            for call in calls
            if call.method == method and (chat_id is None or int(call.params.get("chat_id", 0)) == chat_id)
        ]

    async def _handle(self, token: str, method: str, request: Request) -> JSONResponse:
        if token != BOT_TOKEN:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        if request.headers.get("content-type", "").startswith("application/json"):
            raw: dict[str, Any] = await request.json()
        else:
            raw = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
        params = {key: _decode(value) for key, value in raw.items()}
        with self._lock:
            self.calls.append(TelegramCall(method, params))
        return JSONResponse({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return []
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            return {
                "message_id": int(params.get("message_id", next(self._message_ids))),
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
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


class MailCatcher:
    """The studio's SMTP relay, faked on loopback: every message notifications-service sends over
    SMTP is written as an .eml file into `directory` (where the journeys and the demo seed read it)."""

    def __init__(self, directory: Any) -> None:
        self.directory = directory
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.received += 1
        name = f"smtp-{time.time_ns()}-{self.received}.eml"
        (self.directory / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(directory: Any, host: str = "127.0.0.1") -> Iterator[tuple[int, MailCatcher]]:
    from aiosmtpd.controller import Controller

    catcher = MailCatcher(directory)
    port = free_port()
    controller = Controller(catcher, hostname=host, port=port)
    controller.start()
    try:
        yield port, catcher
    finally:
        controller.stop()
